import type { Metadata } from 'next';
import { connection } from 'next/server';

import { SecondFactorStep } from '@/app/session/two-step/_components/second-factor-step';
import { PracticeHeader } from '@/components/practice-header';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('twoStepPage'))('staffTitle') };
}

export default portalPage(async function StaffSecondFactorPage() {
  await connection();
  return (
    <>
      <PracticeHeader />
      <main id="main" className="px-4 py-8">
        <SecondFactorStep portal="staff" />
      </main>
    </>
  );
});
