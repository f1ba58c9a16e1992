import type { Metadata } from 'next';
import { SecondFactorStep } from '@/components/two-step/second-factor-step';

export const metadata: Metadata = { title: 'Two-step verification' };

export default async function ParentSecondFactorPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  return <SecondFactorStep portal="parent" notice={(await searchParams).notice} />;
}
