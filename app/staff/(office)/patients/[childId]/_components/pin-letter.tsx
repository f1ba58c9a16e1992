import { formatDate } from '@/lib/dates';
import type { Locale } from '@/lib/i18n/locales';

import { LetterHeader } from '../../../_components/letter-header';
import type { LetterT } from '../../../_components/letter-language';

export interface PinLetterContent {
  practiceName: string;
  practicePhone: string;
  portalUrl: string;
  issuedOn: string;
  guardianName: string;
  childFirstName: string;
  childDateOfBirth: string;
  pin: string;
  expiresOn: string;
}

/**
 * The letter a guardian takes home, in the language the office chose for it (`t`, `locale`).
 * Only what linking needs: no health information. Sized to fit one page on US Letter and on A4.
 */
export function PinLetter({
  letter,
  t,
  locale,
}: {
  letter: PinLetterContent;
  t: LetterT;
  locale: Locale;
}) {
  return (
    <article
      id="pin-letter"
      data-print-letter
      lang={locale}
      aria-label={t('pin.label')}
      className="pin-letter mx-auto max-w-[40rem] bg-white p-8 text-[15px] leading-relaxed text-black print:p-0"
    >
      <LetterHeader {...letter} locale={locale} />
      <p className="mt-4">{t('dear', { name: letter.guardianName })}</p>
      <p className="mt-3">
        {t.rich('pin.intro', {
          child: letter.childFirstName,
          born: formatDate(letter.childDateOfBirth, locale),
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <div className="my-5 rounded border-2 border-black p-4 text-center">
        <p className="text-sm uppercase tracking-wide">{t('pin.yourPin')}</p>
        <p className="font-mono text-3xl font-bold tracking-[0.2em]">{letter.pin}</p>
        <p className="text-sm">{t('useBefore', { date: formatDate(letter.expiresOn, locale) })}</p>
      </div>
      <ol className="list-decimal space-y-1 pl-6">
        <li>
          {t.rich('goTo', {
            url: letter.portalUrl,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </li>
        <li>{t('pin.createAccount')}</li>
        <li>{t('pin.signIn')}</li>
        <li>{t('pin.typePin', { child: letter.childFirstName })}</li>
      </ol>
      <p className="mt-4">
        {t('pin.help', { phone: letter.practicePhone })} {t('notForEmergencies')}
      </p>
    </article>
  );
}
