import type { Metadata } from 'next';

import { Alert } from '@/components/ui/alert';
import { env } from '@/lib/env';
import { portalPage } from '@/lib/page';

import { ForgotPasswordForm } from '../_components/recovery-forms';

export const metadata: Metadata = { title: 'I forgot my password' };

export default portalPage(async function ForgotPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ sent?: string }>;
}) {
  const { PRACTICE_PHONE } = env();
  const sent = (await searchParams).sent === '1';
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">I forgot my password</h1>
      {sent ? (
        <Alert tone="info" title="Check your email">
          <p>
            If an account matches, we have emailed a link to the address on file. Check your inbox
            and your spam folder. The link works for 30 minutes.
          </p>
          <p className="mt-2">No email after a few minutes? Call the office at {PRACTICE_PHONE}.</p>
        </Alert>
      ) : (
        <>
          <p>
            Type your User ID or the email address on your account. We will email you a link to
            choose a new password.
          </p>
          <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <ForgotPasswordForm />
          </div>
        </>
      )}
    </div>
  );
});
