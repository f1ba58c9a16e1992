import type { Metadata } from 'next';

import { Alert } from '@/components/ui/alert';
import { env } from '@/lib/env';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { ForgotPasswordForm } from '../_components/recovery-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('recovery'))('forgotPasswordTitle') };
}

export default portalPage(async function ForgotPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ sent?: string }>;
}) {
  const { PRACTICE_PHONE } = env();
  const sent = (await searchParams).sent === '1';
  const t = await getT('recovery');
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('forgotPasswordTitle')}</h1>
      {sent ? (
        <Alert tone="info" title={t('checkEmail')}>
          <p>{t('resetLinkSent')}</p>
          <p className="mt-2">{t('noEmail', { phone: PRACTICE_PHONE })}</p>
        </Alert>
      ) : (
        <>
          <p>{t('forgotPasswordIntro')}</p>
          <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <ForgotPasswordForm />
          </div>
        </>
      )}
    </div>
  );
});
