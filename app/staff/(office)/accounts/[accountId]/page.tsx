import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { getDb } from '@/db';
import { isUuid, requireStaff } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { env } from '@/lib/env';
import { letterWordings } from '@/lib/i18n/letters';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { getParentAccount } from '@/lib/staff/help-desk';

import {
  AccountStateControls,
  TemporaryPasswordForm,
  TwoStepResetPanel,
} from '../../_components/help-desk-controls';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.account');
  return { title: t('title') };
}

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
  const [t, locale] = await Promise.all([getT('staff.account'), getLocale()]);
  const when = (moment: Date) => formatDateTime(moment, locale);
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/staff/accounts" className="text-blue-700 underline">
          {t('back')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {account.firstName} {account.lastName}
      </h1>
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="font-medium text-slate-700">{t('userId')}</dt>
        <dd>{account.userId}</dd>
        <dt className="font-medium text-slate-700">{t('email')}</dt>
        <dd>
          {account.email} · {account.emailVerifiedAt ? t('confirmed') : t('notConfirmed')}
        </dd>
        <dt className="font-medium text-slate-700">{t('state')}</dt>
        <dd>
          {account.disabledAt
            ? t('disabled')
            : account.locked
              ? t('lockedUntil', { until: when(account.lockedUntil!) })
              : t('active')}
          {account.mustChangePassword
            ? account.temporaryPasswordExpiresAt
              ? t('temporaryPendingUntil', { until: when(account.temporaryPasswordExpiresAt) })
              : t('temporaryPending')
            : ''}
        </dd>
        <dt className="font-medium text-slate-700">{t('twoStep')}</dt>
        <dd>
          {account.twoStepEnabledAt
            ? t('twoStepOnSince', { since: when(account.twoStepEnabledAt) })
            : t('twoStepOff')}
        </dd>
        <dt className="font-medium text-slate-700">{t('linkedChildren')}</dt>
        <dd>{account.linkedChildren}</dd>
        <dt className="font-medium text-slate-700">{t('lastSignIn')}</dt>
        <dd>{account.lastSignIn ? when(new Date(account.lastSignIn)) : t('never')}</dd>
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
          {t('temporary')}
        </h2>
        <p className="mb-3 text-slate-700">{t('temporaryIntro')}</p>
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
            {t('twoStep')}
          </h2>
          <p className="mb-3 text-slate-700">{t('twoStepIntro')}</p>
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
