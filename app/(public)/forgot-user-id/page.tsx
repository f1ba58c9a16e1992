import type { Metadata } from 'next';

import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { ForgotUserIdForm } from '../_components/recovery-forms';
import { RecoveryPage } from '../_components/recovery-page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('recovery'))('forgotUserIdTitle') };
}

export default portalPage(async function ForgotUserIdPage({
  searchParams,
}: {
  searchParams: Promise<{ sent?: string }>;
}) {
  const t = await getT('recovery');
  return (
    <RecoveryPage
      title={t('forgotUserIdTitle')}
      intro={t('forgotUserIdIntro')}
      sent={(await searchParams).sent === '1'}
      sentText={t('userIdSent')}
    >
      <ForgotUserIdForm />
    </RecoveryPage>
  );
});
