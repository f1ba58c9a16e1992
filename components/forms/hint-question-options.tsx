import { useTranslations } from 'next-intl';

import { hintQuestionIds } from '@/lib/accounts/hint-questions';

/** The choices for "Hint question", wherever one is chosen (sign-up, account settings). */
export function HintQuestionOptions() {
  const t = useTranslations('hintQuestions');
  const tAuth = useTranslations('auth');
  return (
    <>
      <option value="" disabled>
        {tAuth('chooseQuestion')}
      </option>
      {hintQuestionIds.map((id) => (
        <option key={id} value={id}>
          {t(id)}
        </option>
      ))}
    </>
  );
}
