import type { Metadata } from 'next';
import Link from 'next/link';

import { GrowthSection } from '@/components/growth/growth-section';
import { requireLinkedChild } from '@/lib/authz';
import { growthCharts } from '@/lib/growth/chart-data';
import { portalPage } from '@/lib/page';
import { readMeasurements } from '@/lib/records/read';

export const metadata: Metadata = { title: 'Growth charts' };

export default portalPage(async function ChildGrowthPage({
  params,
}: {
  params: Promise<{ childId: string }>;
}) {
  const { childId } = await params;
  const { child, db, viewer } = await requireLinkedChild(childId, 'growth');
  const name = child.preferredName ?? child.firstName;
  const measurements = await readMeasurements(db, viewer, child.id);
  return (
    <div className="flex flex-col gap-5">
      <p className="print:hidden">
        <Link href={`/children/${child.id}#measurements`} className="text-blue-700 underline">
          ← {name}’s record
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{name}’s growth</h1>
      <p className="text-slate-700">
        A percentile compares {name} with children of the same age and sex: the 75th percentile
        means heavier or taller than 75 of 100 children. Steady growth along a line matters more
        than which line. Ask your child’s clinician about anything that worries you.
      </p>
      {child.sex ? (
        <GrowthSection
          charts={growthCharts({
            sex: child.sex,
            dateOfBirth: child.dateOfBirth,
            today: viewer.today,
            measurements,
          })}
          dateOfBirth={child.dateOfBirth}
        />
      ) : (
        <p>
          The growth charts need your child’s sex, which the office has not recorded yet. Please ask
          the office to add it.
        </p>
      )}
    </div>
  );
});
