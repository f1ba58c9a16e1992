import type { Locale } from '@/lib/i18n/locales';

import type { LetterT } from './letter-language';
import { PrintedLetter } from './printed-letter';

export interface TemporaryPasswordLetterContent {
  practiceName: string;
  practicePhone: string;
  portalUrl: string;
  issuedOn: string;
  guardianName: string;
  userId: string;
  temporaryPassword: string;
  expiresOn: string;
}

/** For a parent at the front desk, in the language the office chose: only what signing in needs. */
export function TemporaryPasswordLetter({
  letter,
  t,
  locale,
}: {
  letter: TemporaryPasswordLetterContent;
  t: LetterT;
  locale: Locale;
}) {
  return (
    <PrintedLetter
      letter={letter}
      t={t}
      locale={locale}
      label={t('temporaryPassword.label')}
      intro={t('temporaryPassword.intro')}
      code={
        <>
          <p>
            {t('temporaryPassword.userId')} <strong className="font-mono">{letter.userId}</strong>
          </p>
          <p>
            {t('temporaryPassword.password')}{' '}
            <strong className="font-mono text-2xl tracking-widest">
              {letter.temporaryPassword}
            </strong>
          </p>
        </>
      }
      steps={
        <>
          <li>{t('temporaryPassword.signIn')}</li>
          <li>{t('temporaryPassword.choose')}</li>
        </>
      }
      questions={t('temporaryPassword.questions', { phone: letter.practicePhone })}
    />
  );
}
