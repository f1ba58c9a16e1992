import type { Metadata } from 'next';
import Link from 'next/link';

import { LinkChildForm } from '@/app/(portal)/children/link/_components/link-child-form';
import { Alert } from '@/components/ui/alert';
import { requireParent } from '@/lib/authz';
import { env } from '@/lib/env';
import { portalPage } from '@/lib/page';

export const metadata: Metadata = { title: 'Welcome' };

/** Where sign-up leads: the next step (a child's PIN) rather than an empty home page. */
export default portalPage(async function WelcomePage() {
  const session = await requireParent();
  const { PIN_TTL_DAYS } = env();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5">
      <h1 className="text-2xl font-bold">
        Welcome, {session.user.firstName}. Your account is ready.
      </h1>
      {session.user.emailVerifiedAt ? null : (
        <Alert tone="info">
          We sent a link to <strong>{session.user.email}</strong>. Open it when you can, to confirm
          your address.
        </Alert>
      )}
      <section aria-labelledby="link-heading" className="flex flex-col gap-3">
        <h2 id="link-heading" className="text-xl font-semibold">
          Next: link your child
        </h2>
        <p>
          To see a child’s information, you need a <strong>PIN</strong> from the office: 10 letters
          and numbers, like K7M4Q-9XR2T, printed on a letter. It works once, only for you, and
          expires {PIN_TTL_DAYS} days after the office gives it to you. Type it below with your
          child’s date of birth.
        </p>
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <LinkChildForm />
        </div>
      </section>
      <ul className="flex flex-col gap-1">
        <li>
          <Link
            href="/help/registration#get-a-pin"
            className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
          >
            I don’t have a PIN yet
          </Link>
        </li>
        <li>
          <Link
            href="/dashboard"
            className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
          >
            Skip for now and go to my home page
          </Link>
        </li>
      </ul>
    </div>
  );
});
