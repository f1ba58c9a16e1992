import type { Metadata } from 'next';

import { SecondFactorStep } from '@/app/session/two-step/_components/second-factor-step';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('twoStepPage'))('title') };
}

export default portalPage(async function ParentSecondFactorPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string }>;
}) {
  return <SecondFactorStep portal="parent" notice={(await searchParams).notice} />;
});
