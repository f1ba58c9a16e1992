import type { Metadata } from 'next';
import Link from 'next/link';

import { requireLinkedChild } from '@/lib/authz';
import { describeAge } from '@/lib/children/age';
import { formatDate, formatDay } from '@/lib/dates';
import { portalPage } from '@/lib/page';
import { immunizationStatus } from '@/lib/records/immunization-status';
import { readChildRecord } from '@/lib/records/read';
import { listRecordShares } from '@/lib/records/shares';
import { nextWellChildVisit } from '@/lib/records/well-child';

import { ChildRequests } from './_components/child-requests';
import { ParentRecord } from './_components/parent-record';
import { ShareLinks } from './_components/share-links';

export const metadata: Metadata = { title: 'Your child’s record' };

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
  const name = child.preferredName ?? child.firstName;
  const lastWellVisitOn =
    record.visits.find((visit) => visit.type === 'well_child')?.visitOn ?? null;
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/dashboard" className="text-blue-700 underline">
          ← Your children
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">
          {name} {child.lastName}
        </h1>
        <p className="text-slate-700">
          Born {formatDate(child.dateOfBirth)} · {describeAge(child.dateOfBirth, viewer.today)} ·
          you are {child.relationship.toLowerCase()}, linked {formatDay(child.linkedAt)}
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
            Share links for school, daycare or camp
          </h2>
          <Link
            href={`/children/${child.id}/immunizations/share`}
            className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
          >
            Make a share link
          </Link>
        </div>
        <p className="mb-3 text-slate-700">
          A share link lets a school nurse, daycare or camp see {name}’s immunization record, and
          nothing else, for the time you choose.
        </p>
        <ShareLinks shares={shares} />
      </section>
      <p className="text-slate-700">
        Each time you or the office opens {name}’s information, the portal records who opened it and
        when.{' '}
        <Link
          href={`/children/${child.id}/activity`}
          className="font-medium text-blue-700 underline"
        >
          See who has seen {name}’s information
        </Link>
      </p>
      <p className="text-slate-700">
        Moving to a new doctor or using a health app?{' '}
        <a href={`/children/${child.id}/fhir`} className="font-medium text-blue-700 underline">
          Download {name}’s health record (FHIR)
        </a>
        : a standard file other health systems can read. It holds what you see here.
      </p>
    </div>
  );
});
