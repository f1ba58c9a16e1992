import { eq } from 'drizzle-orm';
import type { Metadata } from 'next';
import Link from 'next/link';

import {
  NewRecoveryCodesForm,
  TurnOffTwoStepForm,
} from '@/app/session/two-step/_components/two-step-manage';
import { TwoStepSetup } from '@/app/session/two-step/_components/two-step-setup';
import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { requireParent } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { portalPage } from '@/lib/page';
import { recoveryCodesLeft } from '@/lib/two-step/enrolment';

export const metadata: Metadata = { title: 'Two-step verification' };

export default portalPage(async function ParentTwoStepPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string }>;
}) {
  const session = await requireParent();
  const db = await getDb();
  const [[account], codesLeft] = await Promise.all([
    db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, session.user.id)),
    recoveryCodesLeft(db, session.user.id),
  ]);
  const enabledAt = account?.enabledAt ?? null;
  const { notice } = await searchParams;
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <p>
        <Link href="/account" className="text-blue-700 underline">
          ← Account settings
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Two-step verification</h1>
      {notice === 'off' ? (
        <Alert tone="info">
          Two-step verification is off. Signing in needs only your password now.
        </Alert>
      ) : null}
      <p>
        With two-step verification, signing in needs your password and a 6-digit code from an app on
        your phone. Someone who learns your password still cannot open your children’s records.
      </p>
      {enabledAt ? (
        <>
          <Alert tone="success">
            Two-step verification is on (since {formatDateTime(enabledAt)}). You have {codesLeft}{' '}
            unused recovery {codesLeft === 1 ? 'code' : 'codes'}.
          </Alert>
          <section
            aria-labelledby="codes-heading"
            className="rounded-lg border border-slate-200 bg-white p-5"
          >
            <h2 id="codes-heading" className="mb-2 text-lg font-semibold">
              New recovery codes
            </h2>
            <p className="mb-3 text-slate-700">
              Lost your codes, or used most of them? Make 10 new ones; the old ones stop working.
            </p>
            <NewRecoveryCodesForm />
          </section>
          <section
            aria-labelledby="off-heading"
            className="rounded-lg border border-slate-200 bg-white p-5"
          >
            <h2 id="off-heading" className="mb-2 text-lg font-semibold">
              Turn it off
            </h2>
            <p className="mb-3 text-slate-700">
              Signing in will need only your password. We will email you to say it was turned off.
            </p>
            <TurnOffTwoStepForm />
          </section>
        </>
      ) : (
        <section
          aria-labelledby="setup-heading"
          className="rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="setup-heading" className="mb-3 text-lg font-semibold">
            Turn it on
          </h2>
          <TwoStepSetup continueHref="/account/two-step" continueLabel="I have saved them" />
        </section>
      )}
    </div>
  );
});
