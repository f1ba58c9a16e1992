import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';

import { SignInForm } from '@/components/forms/sign-in-form';
import { PracticeHeader } from '@/components/practice-header';
import { Alert } from '@/components/ui/alert';
import { getCurrentSession } from '@/lib/auth/current';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { signInStaff } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('staffLogin'))('title') };
}

export default portalPage(async function StaffLoginPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string }>;
}) {
  await connection();
  const session = await getCurrentSession();
  if (session?.user.kind === 'staff') redirect('/staff');
  const { notice } = await searchParams;
  const t = await getT('staffLogin');
  return (
    <>
      <PracticeHeader />
      <main id="main" className="mx-auto flex max-w-md flex-col gap-6 px-4 py-8">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        {notice === 'signed-out' ? <Alert tone="info">{t('signedOut')}</Alert> : null}
        {notice === 'idle' ? <Alert tone="info">{t('idle')}</Alert> : null}
        {notice === 'start-again' ? <Alert tone="info">{t('startAgain')}</Alert> : null}
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <SignInForm action={signInStaff} idPrefix="staff-login" showRecoveryLinks={false} />
        </div>
        <p className="text-sm text-slate-700">{t('forgotPassword')}</p>
      </main>
    </>
  );
});
