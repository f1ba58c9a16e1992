import type { Metadata } from 'next';
import { connection } from 'next/server';

import { PracticeHeader } from '@/components/practice-header';
import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { findStaffSetupLink, SETUP_LINK_HOURS } from '@/lib/staff/setup-links';

import { StaffSetupForm } from './_components/staff-setup-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('staffSetup'))('title'), referrer: 'no-referrer' };
}

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
  const t = await getT('staffSetup');
  return (
    <>
      <PracticeHeader />
      <main id="main" className="mx-auto flex max-w-md flex-col gap-6 px-4 py-8">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        {link ? (
          <>
            <p>
              {t.rich('welcome', {
                name: link.firstName,
                userId: link.userId,
                strong: (chunks) => <strong>{chunks}</strong>,
              })}
            </p>
            <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <StaffSetupForm token={token} />
            </div>
          </>
        ) : (
          <Alert tone="error" title={t('linkDeadTitle')}>
            <p>{t('linkDeadBody', { hours: SETUP_LINK_HOURS })}</p>
          </Alert>
        )}
      </main>
    </>
  );
});
