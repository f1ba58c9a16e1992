import { formatDate } from '@/lib/dates';
import type { Locale } from '@/lib/i18n/locales';

import type { LetterT } from '../../../_components/letter-language';
import { PrintedLetter } from '../../../_components/printed-letter';

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
    <PrintedLetter
      letter={letter}
      t={t}
      locale={locale}
      label={t('pin.label')}
      id="pin-letter"
      className="pin-letter"
      intro={t.rich('pin.intro', {
        child: letter.childFirstName,
        born: formatDate(letter.childDateOfBirth, locale),
        strong: (chunks) => <strong>{chunks}</strong>,
      })}
      code={
        <>
          <p className="text-sm uppercase tracking-wide">{t('pin.yourPin')}</p>
          <p className="font-mono text-3xl font-bold tracking-[0.2em]">{letter.pin}</p>
        </>
      }
      centred
      steps={
        <>
          <li>{t('pin.createAccount')}</li>
          <li>{t('pin.signIn')}</li>
          <li>{t('pin.typePin', { child: letter.childFirstName })}</li>
        </>
      }
      questions={t('pin.help', { phone: letter.practicePhone })}
    />
  );
}
