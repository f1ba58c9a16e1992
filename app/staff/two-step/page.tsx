import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';

import { SignOutButton } from '@/app/session/_components/sign-out-button';
import { NewRecoveryCodesForm } from '@/app/session/two-step/_components/two-step-manage';
import { TwoStepSetup } from '@/app/session/two-step/_components/two-step-setup';
import { PracticeHeader } from '@/components/practice-header';
import { getDb } from '@/db';
import { requireStaffBeforeSetup } from '@/lib/authz';
import { portalPage } from '@/lib/page';
import { recoveryCodesLeft } from '@/lib/two-step/enrolment';

export const metadata: Metadata = { title: 'Two-step verification' };

/** Outside the office layout on purpose: staff without two-step verification can reach only this page. */
export default portalPage(async function StaffTwoStepPage() {
  await connection();
  const session = await requireStaffBeforeSetup();
  const enabled = session.user.twoStepEnabled;
  const codesLeft = enabled ? await recoveryCodesLeft(await getDb(), session.user.id) : 0;
  return (
    <>
      <PracticeHeader />
      <main id="main" className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-8">
        <h1 className="text-2xl font-bold">
          {enabled ? 'Your two-step verification' : 'Set up two-step verification'}
        </h1>
        {enabled ? (
          <>
            <p>
              Two-step verification is on. You have {codesLeft} unused recovery{' '}
              {codesLeft === 1 ? 'code' : 'codes'}.
            </p>
            <section
              aria-labelledby="new-codes-heading"
              className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
            >
              <h2 id="new-codes-heading" className="mb-2 text-lg font-semibold">
                New recovery codes
              </h2>
              <p className="mb-3 text-slate-700">Makes 10 new codes; the old ones stop working.</p>
              <NewRecoveryCodesForm />
            </section>
            <p>
              <Link href="/staff" className="font-medium text-blue-700 underline">
                Back to the office home
              </Link>
            </p>
          </>
        ) : (
          <>
            <p>
              Staff accounts can open children’s records, so every staff sign-in needs your password
              and a code from an app on your phone. Set it up once now; it takes about two minutes.
            </p>
            <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <TwoStepSetup
                continueHref="/staff"
                continueLabel="I have saved them: go to the office home"
              />
            </div>
            <SignOutButton />
          </>
        )}
      </main>
    </>
  );
});
