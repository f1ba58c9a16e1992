import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { SignOutButton } from '@/app/session/_components/sign-out-button';
import { requireParent } from '@/lib/authz';
import { portalPage } from '@/lib/page';

import { ChoosePasswordForm } from './_components/choose-password-form';

export const metadata: Metadata = { title: 'Choose your password' };

export default portalPage(async function ChoosePasswordPage() {
  const session = await requireParent({ duringPasswordChange: true });
  if (!session.user.mustChangePassword) redirect('/dashboard');
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">Choose your own password</h1>
      <p>
        You signed in with a temporary password from the office. Please choose a password only you
        know before you continue.
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <ChoosePasswordForm />
      </div>
      <SignOutButton />
    </div>
  );
});
