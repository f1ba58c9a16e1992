import { formatDate } from '@/lib/dates';

import { LetterHeader } from './letter-header';

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

/** For a parent at the front desk: only what signing in needs. */
export function TemporaryPasswordLetter({ letter }: { letter: TemporaryPasswordLetterContent }) {
  return (
    <article
      data-print-letter
      aria-label="Temporary password letter"
      className="mx-auto max-w-[40rem] bg-white p-8 text-[15px] leading-relaxed text-black print:p-0"
    >
      <LetterHeader {...letter} />
      <p className="mt-4">Dear {letter.guardianName},</p>
      <p className="mt-3">
        Here is a temporary password for your patient portal account. We also emailed it to the
        address on your account.
      </p>
      <div className="my-5 rounded border-2 border-black p-4">
        <p>
          User ID: <strong className="font-mono">{letter.userId}</strong>
        </p>
        <p>
          Temporary password:{' '}
          <strong className="font-mono text-2xl tracking-widest">{letter.temporaryPassword}</strong>
        </p>
        <p className="text-sm">Use it before {formatDate(letter.expiresOn)}.</p>
      </div>
      <ol className="list-decimal space-y-1 pl-6">
        <li>
          Go to <strong>{letter.portalUrl}</strong>.
        </li>
        <li>Sign in with your User ID and the temporary password.</li>
        <li>Choose a new password that only you know. The temporary one then stops working.</li>
      </ol>
      <p className="mt-4">
        Questions? Call us at {letter.practicePhone}. The portal is not for emergencies: in an
        emergency, call 911 or go to the nearest emergency room.
      </p>
    </article>
  );
}
