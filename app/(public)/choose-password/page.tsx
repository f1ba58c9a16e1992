import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { SignOutButton } from '@/app/session/_components/sign-out-button';
import { requireParent } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { ChoosePasswordForm } from './_components/choose-password-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('choosePassword'))('title') };
}

export default portalPage(async function ChoosePasswordPage() {
  const session = await requireParent({ duringPasswordChange: true });
  if (!session.user.mustChangePassword) redirect('/dashboard');
  const t = await getT('choosePassword');
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('heading')}</h1>
      <p>{t('intro')}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <ChoosePasswordForm />
      </div>
      <SignOutButton />
    </div>
  );
});
