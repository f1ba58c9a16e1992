import type { Metadata } from 'next';
import Link from 'next/link';

import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { requireParent } from '@/lib/authz';
import { describeAge } from '@/lib/children/age';
import { todayInPractice } from '@/lib/dates';
import { env } from '@/lib/env';
import { listChildrenPastMajority, listLinkedChildren } from '@/lib/guardianship/access';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { ResendVerificationButton } from './_components/resend-verification-button';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('dashboard'))('metaTitle') };
}

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
  const t = await getT('dashboard');
  const locale = await getLocale();
  const bold = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{t('hello', { name: session.user.firstName })}</h1>
      {notice === 'password-reset' ? <Alert tone="success">{t('passwordReset')}</Alert> : null}
      {notice === 'password-chosen' ? <Alert tone="success">{t('passwordChosen')}</Alert> : null}
      {justLinked ? (
        <Alert tone="success">
          {t('linked', { name: justLinked.preferredName ?? justLinked.firstName })}
        </Alert>
      ) : null}
      {session.user.emailVerifiedAt ? (
        <p className="text-sm text-slate-700">
          {t.rich('emailConfirmed', { email: session.user.email, strong: bold })}
        </p>
      ) : (
        <Alert tone="warning" title={t('confirmTitle')}>
          <p className="mb-3">
            {t.rich('confirmText', { email: session.user.email, strong: bold })}
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
            {t('twoStepTitle')}
          </h2>
          <p className="mt-1">{t('twoStepText')}</p>
          <Link
            href="/account/two-step"
            className="mt-2 inline-block py-2 font-medium text-blue-700 underline"
          >
            {t('twoStepLink')}
          </Link>
        </aside>
      )}
      <section aria-labelledby="children-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="children-heading" className="text-xl font-semibold">
            {t('children')}
          </h2>
          <Link
            href="/children/link"
            className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
          >
            {t('linkChild')}
          </Link>
        </div>
        {linkedChildren.length === 0 ? (
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="font-semibold">{t('noChildren')}</p>
            <p className="mt-2">{t.rich('needPin', { phone: PRACTICE_PHONE, strong: bold })}</p>
            <p className="mt-2">
              <Link href="/help/registration" className="text-blue-700 underline">
                {t('help')}
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
                    {t('age', { age: describeAge(child.dateOfBirth, today, locale) })}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {grownUp.map((child) => (
          <p key={child.id} className="text-sm text-slate-700">
            {t('grownUp', { name: child.preferredName ?? child.firstName, age: AGE_OF_MAJORITY })}
          </p>
        ))}
      </section>
    </div>
  );
});
