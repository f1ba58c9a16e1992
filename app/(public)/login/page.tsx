import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';

import { SignInForm } from '@/components/forms/sign-in-form';
import { Alert } from '@/components/ui/alert';
import { getCurrentSession } from '@/lib/auth/current';
import { portalPage } from '@/lib/page';

import { signInParent } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

const notices: Record<string, { tone: 'success' | 'info'; text: string }> = {
  // Also what someone signing up with an address already on file sees: the email tells them the rest.
  created: {
    tone: 'success',
    text: 'Thank you. We have sent an email to the address you gave: open it to confirm the address. Then sign in with your User ID and password.',
  },
  'signed-out': { tone: 'info', text: 'You have signed out.' },
  idle: {
    tone: 'info',
    text: 'You were signed out after a period without activity, to keep your family’s information safe. Please sign in again.',
  },
  'start-again': {
    tone: 'info',
    text: 'Your sign-in timed out or had too many wrong codes. Please sign in again with your password.',
  },
};

export default portalPage(async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string }>;
}) {
  const session = await getCurrentSession();
  if (session) redirect(session.user.kind === 'staff' ? '/staff' : '/dashboard');
  const notice = notices[(await searchParams).notice ?? ''];
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold">Sign in to the patient portal</h1>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <SignInForm action={signInParent} idPrefix="login" />
      </div>
      <p>
        New here?{' '}
        <Link href="/signup" className="font-medium text-blue-700 underline">
          Create a free account
        </Link>
      </p>
    </div>
  );
});
