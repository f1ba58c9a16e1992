import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';

import { SignOutButton } from '@/app/session/_components/sign-out-button';
import { NewRecoveryCodesForm } from '@/app/session/two-step/_components/two-step-manage';
import { TwoStepSetup } from '@/app/session/two-step/_components/two-step-setup';
import { PracticeHeader } from '@/components/practice-header';
import { getDb } from '@/db';
import { requireStaffBeforeSetup } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { recoveryCodesLeft } from '@/lib/two-step/enrolment';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('twoStepPage'))('title') };
}

/** Outside the office layout on purpose: staff without two-step verification can reach only this page. */
export default portalPage(async function StaffTwoStepPage() {
  await connection();
  const session = await requireStaffBeforeSetup();
  const enabled = session.user.twoStepEnabled;
  const codesLeft = enabled ? await recoveryCodesLeft(await getDb(), session.user.id) : 0;
  const t = await getT('twoStepPage');
  return (
    <>
      <PracticeHeader />
      <main id="main" className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-8">
        <h1 className="text-2xl font-bold">{enabled ? t('yourTitle') : t('setUpTitle')}</h1>
        {enabled ? (
          <>
            <p>{t('codesLeft', { count: codesLeft })}</p>
            <section
              aria-labelledby="new-codes-heading"
              className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
            >
              <h2 id="new-codes-heading" className="mb-2 text-lg font-semibold">
                {t('newCodesHeading')}
              </h2>
              <p className="mb-3 text-slate-700">{t('newCodesBody')}</p>
              <NewRecoveryCodesForm />
            </section>
            <p>
              <Link href="/staff" className="font-medium text-blue-700 underline">
                {t('backToOffice')}
              </Link>
            </p>
          </>
        ) : (
          <>
            <p>{t('staffIntro')}</p>
            <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <TwoStepSetup continueHref="/staff" continueLabel={t('staffContinue')} />
            </div>
            <SignOutButton />
          </>
        )}
      </main>
    </>
  );
});
