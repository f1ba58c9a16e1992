import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { getDb } from '@/db';
import { isUuid, requireStaff } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { env } from '@/lib/env';
import { letterWordings } from '@/lib/i18n/letters';
import { portalPage } from '@/lib/page';
import { getParentAccount } from '@/lib/staff/help-desk';

import {
  AccountStateControls,
  TemporaryPasswordForm,
  TwoStepResetPanel,
} from '../../_components/help-desk-controls';

export const metadata: Metadata = { title: 'Parent account' };

export default portalPage(async function ParentAccountPage({
  params,
}: {
  params: Promise<{ accountId: string }>;
}) {
  const session = await requireStaff('front_desk', 'admin');
  const isAdmin = session.user.roles.includes('admin');
  const { accountId } = await params;
  if (!isUuid(accountId)) notFound();
  const account = await getParentAccount(await getDb(), accountId);
  if (!account) notFound();
  const { PRACTICE_NAME, PRACTICE_PHONE, PUBLIC_URL } = env();
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/staff/accounts" className="text-blue-700 underline">
          ← Parent accounts
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {account.firstName} {account.lastName}
      </h1>
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="font-medium text-slate-700">User ID</dt>
        <dd>{account.userId}</dd>
        <dt className="font-medium text-slate-700">Email</dt>
        <dd>
          {account.email} · {account.emailVerifiedAt ? 'confirmed' : 'not confirmed'}
        </dd>
        <dt className="font-medium text-slate-700">State</dt>
        <dd>
          {account.disabledAt
            ? 'Disabled'
            : account.locked
              ? `Locked until ${formatDateTime(account.lockedUntil!)}`
              : 'Active'}
          {account.mustChangePassword
            ? ` · temporary password pending${account.temporaryPasswordExpiresAt ? ` (until ${formatDateTime(account.temporaryPasswordExpiresAt)})` : ''}`
            : ''}
        </dd>
        <dt className="font-medium text-slate-700">Two-step verification</dt>
        <dd>
          {account.twoStepEnabledAt
            ? `On since ${formatDateTime(account.twoStepEnabledAt)}`
            : 'Off'}
        </dd>
        <dt className="font-medium text-slate-700">Linked children</dt>
        <dd>{account.linkedChildren}</dd>
        <dt className="font-medium text-slate-700">Last sign-in</dt>
        <dd>{account.lastSignIn ? formatDateTime(new Date(account.lastSignIn)) : 'Never'}</dd>
      </dl>
      <AccountStateControls
        accountId={account.id}
        locked={account.locked}
        disabled={Boolean(account.disabledAt)}
        emailVerified={Boolean(account.emailVerifiedAt)}
      />
      <section
        aria-labelledby="temporary-heading"
        className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h2 id="temporary-heading" className="mb-2 text-xl font-semibold">
          Temporary password
        </h2>
        <p className="mb-3 text-slate-700">
          Makes a random password that works for 72 hours, emails it to the address on the account,
          and signs the account out everywhere. The parent chooses their own at the next sign-in.
        </p>
        <TemporaryPasswordForm
          accountId={account.id}
          letterWording={letterWordings()}
          practice={{
            practiceName: PRACTICE_NAME,
            practicePhone: PRACTICE_PHONE,
            portalUrl: PUBLIC_URL,
          }}
        />
      </section>
      {isAdmin ? (
        <section
          aria-labelledby="two-step-heading"
          className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        >
          <h2 id="two-step-heading" className="mb-2 text-xl font-semibold">
            Two-step verification
          </h2>
          <p className="mb-3 text-slate-700">
            For a parent who lost their phone and their recovery codes. Turns two-step verification
            off and signs the account out everywhere; the parent can set it up again. A password
            reset never does this.
          </p>
          <TwoStepResetPanel
            accountId={account.id}
            personKind="parent"
            enabled={Boolean(account.twoStepEnabledAt)}
          />
        </section>
      ) : null}
    </div>
  );
});
