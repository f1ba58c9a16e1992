import type { Metadata } from 'next';
import Link from 'next/link';
import { ParentRecord } from '@/components/records/parent-record';
import { requireLinkedChild } from '@/lib/authz';
import { describeAge, formatDate } from '@/lib/children/age';
import { formatDay } from '@/lib/format-time';
import { readChildRecord } from '@/lib/records/read';
import { immunizationStatus } from '@/lib/records/immunization-status';
import { nextWellChildVisit } from '@/lib/records/well-child';

export const metadata: Metadata = { title: 'Your child’s record' };

export default async function ChildPage({ params }: { params: Promise<{ childId: string }> }) {
  const { childId } = await params;
  // The view is recorded (and the live link checked) before anything is read.
  const { child, db, viewer } = await requireLinkedChild(childId, 'record');
  const record = await readChildRecord(db, viewer, child.id);
  const name = child.preferredName ?? child.firstName;
  const lastWellVisitOn = record.visits.find((visit) => visit.type === 'well_child')?.visitOn ?? null;
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
          Born {formatDate(child.dateOfBirth)} · {describeAge(child.dateOfBirth, viewer.today)} · you are {child.relationship.toLowerCase()}, linked {formatDay(child.linkedAt)}
        </p>
      </div>
      <ParentRecord
        childId={child.id}
        name={name}
        record={record}
        lastWellVisitOn={lastWellVisitOn}
        nextWellVisit={nextWellChildVisit({ dateOfBirth: child.dateOfBirth, today: viewer.today, lastWellVisitOn })}
        vaccineStatus={immunizationStatus({ dateOfBirth: child.dateOfBirth, today: viewer.today, doses: record.immunizations })}
      />
      <p className="text-slate-700">
        Each time you or the office opens {name}’s information, the portal records who opened it and when.{' '}
        <Link href={`/children/${child.id}/activity`} className="font-medium text-blue-700 underline">
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
}
