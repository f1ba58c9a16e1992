import { eq } from 'drizzle-orm';
import type { Metadata } from 'next';
import Link from 'next/link';

import {
  NewRecoveryCodesForm,
  TurnOffTwoStepForm,
  TwoStepSetup,
} from '@/app/session/two-step/_components/deferred-two-step-forms';
import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { requireParent } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { recoveryCodesLeft } from '@/lib/two-step/enrolment';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('account.twoStepPage'))('title') };
}

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
  const [t, locale] = await Promise.all([getT('account.twoStepPage'), getLocale()]);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <p>
        <Link href="/account" className="text-blue-700 underline">
          {t('back')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {notice === 'off' ? <Alert tone="info">{t('turnedOff')}</Alert> : null}
      <p>{t('intro')}</p>
      {enabledAt ? (
        <>
          <Alert tone="success">
            {t('isOn', { since: formatDateTime(enabledAt, locale), count: codesLeft })}
          </Alert>
          <section
            aria-labelledby="codes-heading"
            className="rounded-lg border border-slate-200 bg-white p-5"
          >
            <h2 id="codes-heading" className="mb-2 text-lg font-semibold">
              {t('newCodes')}
            </h2>
            <p className="mb-3 text-slate-700">{t('newCodesIntro')}</p>
            <NewRecoveryCodesForm />
          </section>
          <section
            aria-labelledby="off-heading"
            className="rounded-lg border border-slate-200 bg-white p-5"
          >
            <h2 id="off-heading" className="mb-2 text-lg font-semibold">
              {t('turnOff')}
            </h2>
            <p className="mb-3 text-slate-700">{t('turnOffIntro')}</p>
            <TurnOffTwoStepForm />
          </section>
        </>
      ) : (
        <section
          aria-labelledby="setup-heading"
          className="rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="setup-heading" className="mb-3 text-lg font-semibold">
            {t('turnOn')}
          </h2>
          <TwoStepSetup continueHref="/account/two-step" continueLabel={t('savedThem')} />
        </section>
      )}
    </div>
  );
});
