import type { Metadata } from 'next';
import Link from 'next/link';

import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { requireParent } from '@/lib/authz';
import { describeAge } from '@/lib/children/age';
import { todayInPractice } from '@/lib/dates';
import { env } from '@/lib/env';
import { listChildrenPastMajority, listLinkedChildren } from '@/lib/guardianship/access';
import { portalPage } from '@/lib/page';

import { ResendVerificationButton } from './_components/resend-verification-button';

export const metadata: Metadata = { title: 'Home' };

export default portalPage(async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<{ linked?: string; notice?: string }>;
}) {
  const session = await requireParent();
  const db = await getDb();
  const today = todayInPractice();
  const [linkedChildren, grownUp] = await Promise.all([
    listLinkedChildren(db, session.user.id, today),
    listChildrenPastMajority(db, session.user.id, today),
  ]);
  const { linked, notice } = await searchParams;
  // Only a child this parent can see right now can be named in the notice.
  const justLinked = linkedChildren.find((child) => child.id === linked);
  const { PRACTICE_PHONE, AGE_OF_MAJORITY } = env();

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Hello, {session.user.firstName}</h1>
      {notice === 'password-reset' ? (
        <Alert tone="success">
          Your password is changed, and every other device was signed out.
        </Alert>
      ) : null}
      {notice === 'password-chosen' ? (
        <Alert tone="success">Your new password is saved. Use it the next time you sign in.</Alert>
      ) : null}
      {justLinked ? (
        <Alert tone="success">
          {justLinked.preferredName ?? justLinked.firstName} is now linked to your account.
        </Alert>
      ) : null}
      {session.user.emailVerifiedAt ? (
        <p className="text-sm text-slate-700">
          Your email address <strong>{session.user.email}</strong> is confirmed.
        </p>
      ) : (
        <Alert tone="warning" title="Please confirm your email address">
          <p className="mb-3">
            We sent a link to <strong>{session.user.email}</strong>. Confirming it lets the office
            reach you when something new is waiting in the portal.
          </p>
          <ResendVerificationButton />
        </Alert>
      )}
      {session.user.twoStepEnabled ? null : (
        <aside
          aria-labelledby="two-step-nudge"
          className="rounded-lg border border-brand-600 bg-brand-50 p-4"
        >
          <h2 id="two-step-nudge" className="font-semibold">
            Add a second lock to your account
          </h2>
          <p className="mt-1">
            With two-step verification, signing in needs a code from your phone as well as your
            password. It takes two minutes to set up.
          </p>
          <Link
            href="/account/two-step"
            className="mt-2 inline-block py-2 font-medium text-blue-700 underline"
          >
            Set up two-step verification
          </Link>
        </aside>
      )}
      <section aria-labelledby="children-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="children-heading" className="text-xl font-semibold">
            Your children
          </h2>
          <Link
            href="/children/link"
            className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
          >
            Link a child
          </Link>
        </div>
        {linkedChildren.length === 0 ? (
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="font-semibold">No children are linked to your account yet.</p>
            <p className="mt-2">
              To see a child’s information, you need a <strong>PIN</strong>: a one-time code from
              the office, printed on a letter. Call us at {PRACTICE_PHONE} and we will check who you
              are and give you one. Then choose “Link a child” and type the PIN with your child’s
              date of birth.
            </p>
            <p className="mt-2">
              <Link href="/help/registration" className="text-blue-700 underline">
                Step-by-step help with signing up and linking a child
              </Link>
            </p>
          </div>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {linkedChildren.map((child) => (
              <li key={child.id}>
                <Link
                  href={`/children/${child.id}`}
                  className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600"
                >
                  <span className="block text-lg font-semibold text-brand-800">
                    {child.preferredName ?? child.firstName}
                  </span>
                  <span className="block text-sm text-slate-700">
                    {describeAge(child.dateOfBirth, today)} old
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {grownUp.map((child) => (
          <p key={child.id} className="text-sm text-slate-700">
            {child.preferredName ?? child.firstName} has turned {AGE_OF_MAJORITY}. Their health
            information now belongs to them, so it no longer appears in your account. They can
            create their own account; the office can help.
          </p>
        ))}
      </section>
    </div>
  );
});
