import { redirect } from 'next/navigation';

import { Alert } from '@/components/ui/alert';
import { getCurrentSession, getPendingSecondFactor } from '@/lib/auth/current';

import { SecondFactorForm } from './second-factor-form';

/**
 * The code page, for parents (/login/verify) and staff (/staff/login/verify). Without a sign-in
 * waiting for its code there is nothing to show: back to the password, or home if signed in.
 */
export async function SecondFactorStep({
  portal,
  notice,
}: {
  portal: 'parent' | 'staff';
  notice?: string;
}) {
  const signInPage = portal === 'staff' ? '/staff/login' : '/login';
  const pending = await getPendingSecondFactor();
  if (!pending) {
    const session = await getCurrentSession();
    if (session) redirect(session.user.kind === 'staff' ? '/staff' : '/dashboard');
    redirect(`${signInPage}?notice=start-again`);
  }
  if (pending.kind !== portal)
    redirect(pending.kind === 'staff' ? '/staff/login/verify' : '/login/verify');
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold">Two-step verification</h1>
      {notice === 'password-reset' ? (
        <Alert tone="success">
          Your password is changed. To finish signing in, type a code from your authenticator app.
        </Alert>
      ) : null}
      <p>
        Your password was right. To finish signing in, type the code from the authenticator app on
        your phone.
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <SecondFactorForm portal={portal} />
      </div>
      <p className="text-sm text-slate-700">
        {portal === 'staff'
          ? 'Lost your phone and your recovery codes? Ask a portal administrator to reset your two-step verification.'
          : 'Lost your phone and your recovery codes? Call the office: after checking who you are, they can turn two-step verification off so you can sign in with your password.'}
      </p>
    </div>
  );
}
