import type { Metadata } from 'next';

import { Alert } from '@/components/ui/alert';
import { portalPage } from '@/lib/page';

import { ConfirmEmailForm } from './_components/confirm-email-form';

export const metadata: Metadata = { title: 'Confirm your email', referrer: 'no-referrer' };

export default portalPage(async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">Confirm your email</h1>
      {token && token.length >= 20 && token.length <= 200 ? (
        <>
          <p>Press the button to confirm that this email address belongs to you.</p>
          <ConfirmEmailForm token={token} />
        </>
      ) : (
        <Alert tone="error">
          This link is not complete. Please open the link from your email again, or copy the whole
          link into your browser.
        </Alert>
      )}
    </div>
  );
});
