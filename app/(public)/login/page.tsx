import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';

import { SignInForm } from '@/components/forms/sign-in-form';
import { Alert } from '@/components/ui/alert';
import { getCurrentSession } from '@/lib/auth/current';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { signInParent } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('login'))('title') };
}

const notices: Record<
  string,
  { tone: 'success' | 'info'; text: 'created' | 'signedOut' | 'idle' | 'startAgain' }
> = {
  // Also what someone signing up with an address already on file sees: the email tells them the rest.
  created: { tone: 'success', text: 'created' },
  'signed-out': { tone: 'info', text: 'signedOut' },
  idle: { tone: 'info', text: 'idle' },
  'start-again': { tone: 'info', text: 'startAgain' },
};

export default portalPage(async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string }>;
}) {
  const session = await getCurrentSession();
  if (session) redirect(session.user.kind === 'staff' ? '/staff' : '/dashboard');
  const notice = notices[(await searchParams).notice ?? ''];
  const t = await getT('login');
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold">{t('heading')}</h1>
      {notice ? <Alert tone={notice.tone}>{t(`notices.${notice.text}`)}</Alert> : null}
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <SignInForm action={signInParent} idPrefix="login" />
      </div>
      <p>
        {t.rich('newHere', {
          link: (chunks) => (
            <Link href="/signup" className="font-medium text-blue-700 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
});
