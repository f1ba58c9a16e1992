import { formatDate } from '@/lib/dates';
import type { Locale } from '@/lib/i18n/locales';

/** The top of every letter the office prints: the practice, how to reach the portal, the date. */
export function LetterHeader({
  practiceName,
  practicePhone,
  portalUrl,
  issuedOn,
  locale,
}: {
  practiceName: string;
  practicePhone: string;
  portalUrl: string;
  issuedOn: string;
  /** The letter's language (its date), not necessarily the staff page's. */
  locale: Locale;
}) {
  return (
    <>
      <header className="border-b-2 border-black pb-3">
        <p className="text-xl font-bold">{practiceName}</p>
        <p>
          {practicePhone} · {portalUrl}
        </p>
      </header>
      <p className="mt-4">{formatDate(issuedOn, locale)}</p>
    </>
  );
}
