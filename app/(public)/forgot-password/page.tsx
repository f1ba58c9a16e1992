import type { Metadata } from 'next';

import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { ForgotPasswordForm } from '../_components/recovery-forms';
import { RecoveryPage } from '../_components/recovery-page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('recovery'))('forgotPasswordTitle') };
}

export default portalPage(async function ForgotPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ sent?: string }>;
}) {
  const t = await getT('recovery');
  return (
    <RecoveryPage
      title={t('forgotPasswordTitle')}
      intro={t('forgotPasswordIntro')}
      sent={(await searchParams).sent === '1'}
      sentText={t('resetLinkSent')}
    >
      <ForgotPasswordForm />
    </RecoveryPage>
  );
});
