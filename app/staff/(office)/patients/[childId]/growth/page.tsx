import type { Metadata } from 'next';
import Link from 'next/link';

import { GrowthSection } from '@/components/growth/growth-section';
import { requireStaffChild } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { growthCharts } from '@/lib/growth/chart-data';
import { portalPage } from '@/lib/page';
import { readMeasurements } from '@/lib/records/read';

export const metadata: Metadata = { title: 'Growth charts' };

export default portalPage(async function StaffGrowthPage({
  params,
}: {
  params: Promise<{ childId: string }>;
}) {
  const { childId } = await params;
  const { child, db } = await requireStaffChild(childId, 'growth', 'clinical', 'admin');
  const measurements = await readMeasurements(db, { kind: 'clinical_staff' }, child.id);
  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link href={`/staff/patients/${child.id}`} className="text-blue-700 underline">
          ← {child.lastName}, {child.firstName}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        Growth: {child.firstName} {child.lastName}
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
        <p>
          Record the child’s sex (Edit details) to see percentiles: the growth references differ for
          girls and boys.
        </p>
      )}
    </div>
  );
});
