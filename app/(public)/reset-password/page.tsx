import type { Metadata } from 'next';
import Link from 'next/link';

import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { findPasswordReset } from '@/lib/accounts/password-reset';
import { env } from '@/lib/env';
import { portalPage } from '@/lib/page';

import { ResetPasswordForm } from '../_components/recovery-forms';

export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' };

export default portalPage(async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = '' } = await searchParams;
  const reset =
    token.length >= 20 && token.length <= 200
      ? await findPasswordReset(await getDb(), token)
      : null;
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">Choose a new password</h1>
      {reset ? (
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <ResetPasswordForm token={token} hintQuestion={reset.hintQuestion} />
        </div>
      ) : (
        <Alert tone="error" title="This link does not work any more">
          <p>
            Links work once, for 30 minutes, and stop after 5 wrong answers.{' '}
            <Link href="/forgot-password" className="text-blue-700 underline">
              Ask for a new link
            </Link>{' '}
            or call the office at {env().PRACTICE_PHONE}.
          </p>
        </Alert>
      )}
    </div>
  );
});
