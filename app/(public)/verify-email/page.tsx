import type { Metadata } from 'next';

import { Alert } from '@/components/ui/alert';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { ConfirmEmailForm } from './_components/confirm-email-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('verifyEmail'))('title'), referrer: 'no-referrer' };
}

export default portalPage(async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  const t = await getT('verifyEmail');
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {token && token.length >= 20 && token.length <= 200 ? (
        <>
          <p>{t('intro')}</p>
          <ConfirmEmailForm token={token} />
        </>
      ) : (
        <Alert tone="error">{t('incomplete')}</Alert>
      )}
    </div>
  );
});
