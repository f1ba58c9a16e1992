import type { Metadata } from 'next';
import { connection } from 'next/server';

import { StaffSetupForm } from '@/app/staff/(office)/_components/staff-setup-form';
import { PracticeHeader } from '@/components/practice-header';
import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { portalPage } from '@/lib/page';
import { findStaffSetupLink, SETUP_LINK_HOURS } from '@/lib/staff/setup-links';

export const metadata: Metadata = { title: 'Set up your staff account', referrer: 'no-referrer' };

/** Outside the office layout: the person has no session yet, only the link from their email. */
export default portalPage(async function StaffSetupPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  await connection();
  const { token = '' } = await searchParams;
  const link =
    token.length >= 20 && token.length <= 200
      ? await findStaffSetupLink(await getDb(), token)
      : null;
  return (
    <>
      <PracticeHeader />
      <main id="main" className="mx-auto flex max-w-md flex-col gap-6 px-4 py-8">
        <h1 className="text-2xl font-bold">Set up your staff account</h1>
        {link ? (
          <>
            <p>
              Welcome, {link.firstName}. Your User ID is <strong>{link.userId}</strong>. First,
              choose a password only you know. Next, you will set up two-step verification with an
              app on your phone.
            </p>
            <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <StaffSetupForm token={token} />
            </div>
          </>
        ) : (
          <Alert tone="error" title="This link does not work any more">
            <p>
              Set-up links work once, for {SETUP_LINK_HOURS} hours, and only the newest one sent to
              you works. Please ask a portal administrator to send you a new one.
            </p>
          </Alert>
        )}
      </main>
    </>
  );
});
