import type { Metadata } from 'next';
import Link from 'next/link';

import { requireLinkedChild } from '@/lib/authz';
import { describeAge } from '@/lib/children/age';
import { relationshipLabels } from '@/lib/children/relationships';
import { formatDate, formatDay } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { immunizationStatus } from '@/lib/records/immunization-status';
import { readChildRecord } from '@/lib/records/read';
import { listRecordShares } from '@/lib/records/shares';
import { nextWellChildVisit } from '@/lib/records/well-child';

import { ChildRequests } from './_components/child-requests';
import { ParentRecord } from './_components/parent-record';
import { ShareLinks } from './_components/share-links';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('childRecord'))('metaTitle') };
}

/**
 * The relationship is saved in the words of the form ("Mother"), or the parent's own words for
 * "other": the listed ones are said in the reader's language, the parent's own as typed.
 */
async function relationshipWords(saved: string): Promise<string> {
  const t = await getT('relationships');
  const key = (Object.keys(relationshipLabels) as (keyof typeof relationshipLabels)[]).find(
    (candidate) => relationshipLabels[candidate] === saved,
  );
  return (key ? t(key) : saved).toLowerCase();
}

export default portalPage(async function ChildPage({
  params,
}: {
  params: Promise<{ childId: string }>;
}) {
  const { childId } = await params;
  // The view is recorded (and the live link checked) before anything is read.
  const { child, db, viewer, session } = await requireLinkedChild(childId, 'record');
  const [record, shares] = await Promise.all([
    readChildRecord(db, viewer, child.id),
    listRecordShares(db, session.user.id, child.id),
  ]);
  const locale = await getLocale();
  const t = await getT('childRecord');
  const name = child.preferredName ?? child.firstName;
  const lastWellVisitOn =
    record.visits.find((visit) => visit.type === 'well_child')?.visitOn ?? null;
  const link = (href: string) =>
    function LinkTo(chunks: React.ReactNode) {
      return (
        <Link href={href} className="font-medium text-blue-700 underline">
          {chunks}
        </Link>
      );
    };
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/dashboard" className="text-blue-700 underline">
          {t('back')}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">
          {name} {child.lastName}
        </h1>
        <p className="text-slate-700">
          {t('born', {
            date: formatDate(child.dateOfBirth, locale),
            age: describeAge(child.dateOfBirth, viewer.today, locale),
            relationship: await relationshipWords(child.relationship),
            linked: formatDay(child.linkedAt, locale),
          })}
        </p>
      </div>
      <ParentRecord
        childId={child.id}
        name={name}
        record={record}
        lastWellVisitOn={lastWellVisitOn}
        nextWellVisit={nextWellChildVisit({
          dateOfBirth: child.dateOfBirth,
          today: viewer.today,
          lastWellVisitOn,
        })}
        vaccineStatus={immunizationStatus({
          dateOfBirth: child.dateOfBirth,
          today: viewer.today,
          doses: record.immunizations,
          sex: child.sex,
        })}
        locale={locale}
      />
      <ChildRequests
        childId={child.id}
        name={name}
        guardianUserId={session.user.id}
        today={viewer.today}
      />
      <section
        id="share-links"
        aria-labelledby="share-links-heading"
        className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="share-links-heading" className="text-lg font-semibold">
            {t('shareTitle')}
          </h2>
          <Link
            href={`/children/${child.id}/immunizations/share`}
            className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
          >
            {t('makeShare')}
          </Link>
        </div>
        <p className="mb-3 text-slate-700">{t('shareIntro', { name })}</p>
        <ShareLinks shares={shares} locale={locale} />
      </section>
      <p className="text-slate-700">
        {t.rich('activity', { name, link: link(`/children/${child.id}/activity`) })}
      </p>
      <p className="text-slate-700">
        {t.rich('fhir', {
          name,
          // A download, not a page: a plain anchor.
          link: (chunks) => (
            <a href={`/children/${child.id}/fhir`} className="font-medium text-blue-700 underline">
              {chunks}
            </a>
          ),
        })}
      </p>
    </div>
  );
});
