import type { Metadata } from 'next';
import Link from 'next/link';

import { GrowthSection } from '@/components/growth/growth-section';
import { requireStaffChild } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { growthCharts } from '@/lib/growth/chart-data';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { readMeasurements } from '@/lib/records/read';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.growth');
  return { title: t('title') };
}

export default portalPage(async function StaffGrowthPage({
  params,
}: {
  params: Promise<{ childId: string }>;
}) {
  const { childId } = await params;
  const { child, db } = await requireStaffChild(childId, 'growth', 'clinical', 'admin');
  const measurements = await readMeasurements(db, { kind: 'clinical_staff' }, child.id);
  const t = await getT('staff.growth');
  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link href={`/staff/patients/${child.id}`} className="text-blue-700 underline">
          ← {child.lastName}, {child.firstName}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {t('heading', { name: `${child.firstName} ${child.lastName}` })}
      </h1>
      {child.sex ? (
        <GrowthSection
          charts={growthCharts({
            sex: child.sex,
            dateOfBirth: child.dateOfBirth,
            today: todayInPractice(),
            measurements,
          })}
          dateOfBirth={child.dateOfBirth}
        />
      ) : (
        <p>{t('needsSex')}</p>
      )}
    </div>
  );
});
