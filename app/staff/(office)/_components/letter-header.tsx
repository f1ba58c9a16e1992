import { formatDate } from '@/lib/dates';

/** The top of every letter the office prints: the practice, how to reach the portal, the date. */
export function LetterHeader({
  practiceName,
  practicePhone,
  portalUrl,
  issuedOn,
}: {
  practiceName: string;
  practicePhone: string;
  portalUrl: string;
  issuedOn: string;
}) {
  return (
    <>
      <header className="border-b-2 border-black pb-3">
        <p className="text-xl font-bold">{practiceName}</p>
        <p>
          {practicePhone} · {portalUrl}
        </p>
      </header>
      <p className="mt-4">{formatDate(issuedOn)}</p>
    </>
  );
}
