import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';

import { SignInForm } from '@/components/forms/sign-in-form';
import { PracticeHeader } from '@/components/practice-header';
import { Alert } from '@/components/ui/alert';
import { getCurrentSession } from '@/lib/auth/current';
import { portalPage } from '@/lib/page';

import { signInStaff } from './actions';

export const metadata: Metadata = { title: 'Staff sign-in' };

export default portalPage(async function StaffLoginPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string }>;
}) {
  await connection();
  const session = await getCurrentSession();
  if (session?.user.kind === 'staff') redirect('/staff');
  const { notice } = await searchParams;
  return (
    <>
      <PracticeHeader />
      <main id="main" className="mx-auto flex max-w-md flex-col gap-6 px-4 py-8">
        <h1 className="text-2xl font-bold">Staff sign-in</h1>
        {notice === 'signed-out' ? <Alert tone="info">You have signed out.</Alert> : null}
        {notice === 'idle' ? (
          <Alert tone="info">
            You were signed out after 15 minutes without activity. Please sign in again.
          </Alert>
        ) : null}
        {notice === 'start-again' ? (
          <Alert tone="info">
            Your sign-in timed out or had too many wrong codes. Please sign in again with your
            password.
          </Alert>
        ) : null}
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <SignInForm action={signInStaff} idPrefix="staff-login" showRecoveryLinks={false} />
        </div>
        <p className="text-sm text-slate-700">
          Forgot your password? Ask a portal administrator to help you.
        </p>
      </main>
    </>
  );
});
