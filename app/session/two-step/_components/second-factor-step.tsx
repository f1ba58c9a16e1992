import { redirect } from 'next/navigation';

import { Alert } from '@/components/ui/alert';
import { getCurrentSession, getPendingSecondFactor } from '@/lib/auth/current';
import { getT } from '@/lib/i18n/server';

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
  const t = await getT('twoStepPage');
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {notice === 'password-reset' ? <Alert tone="success">{t('passwordReset')}</Alert> : null}
      <p>{t('intro')}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <SecondFactorForm portal={portal} />
      </div>
      <p className="text-sm text-slate-700">
        {portal === 'staff' ? t('lostPhoneStaff') : t('lostPhoneParent')}
      </p>
    </div>
  );
}
