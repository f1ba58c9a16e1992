import type { Metadata } from 'next';

import { SecondFactorStep } from '@/app/session/two-step/_components/second-factor-step';
import { portalPage } from '@/lib/page';

export const metadata: Metadata = { title: 'Two-step verification' };

export default portalPage(async function ParentSecondFactorPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string }>;
}) {
  return <SecondFactorStep portal="parent" notice={(await searchParams).notice} />;
});
