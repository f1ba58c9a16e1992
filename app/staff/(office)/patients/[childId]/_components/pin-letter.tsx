import { formatDate } from '@/lib/dates';

import { LetterHeader } from '../../../_components/letter-header';

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
 * The letter a guardian takes home. Only what linking needs: no health information. Sized to
 * fit one page on US Letter and on A4.
 */
export function PinLetter({ letter }: { letter: PinLetterContent }) {
  return (
    <article
      id="pin-letter"
      data-print-letter
      aria-label="PIN letter"
      className="pin-letter mx-auto max-w-[40rem] bg-white p-8 text-[15px] leading-relaxed text-black print:p-0"
    >
      <LetterHeader {...letter} />
      <p className="mt-4">Dear {letter.guardianName},</p>
      <p className="mt-3">
        Here is your PIN to see <strong>{letter.childFirstName}</strong>’s information (born{' '}
        {formatDate(letter.childDateOfBirth)}) in our patient portal. The PIN is for you only and
        works once.
      </p>
      <div className="my-5 rounded border-2 border-black p-4 text-center">
        <p className="text-sm uppercase tracking-wide">Your PIN</p>
        <p className="font-mono text-3xl font-bold tracking-[0.2em]">{letter.pin}</p>
        <p className="text-sm">Use it before {formatDate(letter.expiresOn)}.</p>
      </div>
      <ol className="list-decimal space-y-1 pl-6">
        <li>
          Go to <strong>{letter.portalUrl}</strong>.
        </li>
        <li>
          If you do not have an account yet, choose “Create a free account” and follow the steps.
          The account is for you, the parent or guardian.
        </li>
        <li>Sign in, then choose “Link a child”.</li>
        <li>
          Type the PIN above and {letter.childFirstName}’s date of birth, then choose “Link child”.
        </li>
      </ol>
      <p className="mt-4">
        If the PIN has expired or does not work, call us at {letter.practicePhone} for a new one.
        The portal is not for emergencies: in an emergency, call 911 or go to the nearest emergency
        room.
      </p>
    </article>
  );
}
