import type { Metadata } from 'next';
import Link from 'next/link';

import { GrowthSection } from '@/components/growth/growth-section';
import { requireLinkedChild } from '@/lib/authz';
import { growthCharts } from '@/lib/growth/chart-data';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { readMeasurements } from '@/lib/records/read';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('growthPage'))('title') };
}

export default portalPage(async function ChildGrowthPage({
  params,
}: {
  params: Promise<{ childId: string }>;
}) {
  const { childId } = await params;
  const { child, db, viewer } = await requireLinkedChild(childId, 'growth');
  const name = child.preferredName ?? child.firstName;
  const [measurements, t] = await Promise.all([
    readMeasurements(db, viewer, child.id),
    getT('growthPage'),
  ]);
  return (
    <div className="flex flex-col gap-5">
      <p className="print:hidden">
        <Link href={`/children/${child.id}#measurements`} className="text-blue-700 underline">
          {t('back', { name })}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('heading', { name })}</h1>
      <p className="text-slate-700">{t('intro', { name })}</p>
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
        <p>{t('needsSex')}</p>
      )}
    </div>
  );
});
