import type { Metadata } from 'next';

import { Alert } from '@/components/ui/alert';
import { env } from '@/lib/env';
import { portalPage } from '@/lib/page';

import { ForgotUserIdForm } from '../_components/recovery-forms';

export const metadata: Metadata = { title: 'Forgot your User ID?' };

export default portalPage(async function ForgotUserIdPage({
  searchParams,
}: {
  searchParams: Promise<{ sent?: string }>;
}) {
  const { PRACTICE_PHONE } = env();
  const sent = (await searchParams).sent === '1';
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">Forgot your User ID?</h1>
      {sent ? (
        <Alert tone="info" title="Check your email">
          <p>
            If an account uses this address, we have emailed its User ID there. Check your inbox and
            your spam folder.
          </p>
          <p className="mt-2">No email after a few minutes? Call the office at {PRACTICE_PHONE}.</p>
        </Alert>
      ) : (
        <>
          <p>
            Type the email address you used to create your account, and we will email you your User
            ID.
          </p>
          <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <ForgotUserIdForm />
          </div>
        </>
      )}
    </div>
  );
});
