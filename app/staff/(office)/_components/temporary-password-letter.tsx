import { formatDate } from '@/lib/dates';
import type { Locale } from '@/lib/i18n/locales';

import { LetterHeader } from './letter-header';
import type { LetterT } from './letter-language';

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
    <article
      data-print-letter
      lang={locale}
      aria-label={t('temporaryPassword.label')}
      className="mx-auto max-w-[40rem] bg-white p-8 text-[15px] leading-relaxed text-black print:p-0"
    >
      <LetterHeader {...letter} locale={locale} />
      <p className="mt-4">{t('dear', { name: letter.guardianName })}</p>
      <p className="mt-3">{t('temporaryPassword.intro')}</p>
      <div className="my-5 rounded border-2 border-black p-4">
        <p>
          {t('temporaryPassword.userId')} <strong className="font-mono">{letter.userId}</strong>
        </p>
        <p>
          {t('temporaryPassword.password')}{' '}
          <strong className="font-mono text-2xl tracking-widest">{letter.temporaryPassword}</strong>
        </p>
        <p className="text-sm">{t('useBefore', { date: formatDate(letter.expiresOn, locale) })}</p>
      </div>
      <ol className="list-decimal space-y-1 pl-6">
        <li>
          {t.rich('goTo', {
            url: letter.portalUrl,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </li>
        <li>{t('temporaryPassword.signIn')}</li>
        <li>{t('temporaryPassword.choose')}</li>
      </ol>
      <p className="mt-4">
        {t('temporaryPassword.questions', { phone: letter.practicePhone })} {t('notForEmergencies')}
      </p>
    </article>
  );
}
