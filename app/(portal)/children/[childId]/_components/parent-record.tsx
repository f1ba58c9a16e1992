import Link from 'next/link';

import { ImmunizationStatusTable } from '@/components/records/immunization-status';
import { formatDate } from '@/lib/dates';
import { describeEntry } from '@/lib/records/describe';
import type { ImmunizationGroupStatus } from '@/lib/records/immunization-status';
import type { ChildRecord } from '@/lib/records/read';
import { sectionLabels, type RecordSection } from '@/lib/records/schemas';
import type { NextWellChildVisit } from '@/lib/records/well-child';

/** What each section will hold, said plainly for the day it is still empty. */
const emptyStates: Record<RecordSection, string> = {
  allergies: 'No allergies are recorded. If your child has one, tell the office at the next visit.',
  medications: 'No medicines are recorded. Medicines the doctor prescribes will appear here.',
  problems: 'No ongoing health problems are recorded.',
  immunizations:
    'No vaccines are recorded yet. Vaccines given at the office, or that you tell us about, will appear here.',
  visits:
    'No visits are recorded yet. After each visit, the date and the doctor’s notes for you will appear here.',
  measurements:
    'No measurements yet. Weight, height and head size from each check-up will appear here.',
  results: 'No test results yet. Results appear here once the doctor has reviewed them.',
};

const order: RecordSection[] = [
  'immunizations',
  'visits',
  'measurements',
  'results',
  'allergies',
  'medications',
  'problems',
];

type Row = Record<string, unknown> & { id: string };

function Entries({ section, rows }: { section: RecordSection; rows: Row[] }) {
  if (rows.length === 0) return <p className="text-slate-700">{emptyStates[section]}</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-200">
      {rows.map((row) => {
        const described = describeEntry[section](row);
        return (
          <li key={row.id} className="py-3">
            <p className="font-semibold">{described.title}</p>
            {described.when ? <p className="text-sm text-slate-700">{described.when}</p> : null}
            {described.details.map((detail) => (
              <p key={detail} className="text-sm">
                {detail}
              </p>
            ))}
            {section === 'visits' && typeof row.summary === 'string' ? (
              <details className="mt-1">
                <summary className="cursor-pointer py-1 text-sm font-medium text-blue-700">
                  Notes from the visit
                </summary>
                <p className="mt-1 whitespace-pre-wrap">{row.summary}</p>
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** A parent's view of one child's record: the summary first, then every section newest first. */
export function ParentRecord({
  childId,
  name,
  record,
  lastWellVisitOn,
  nextWellVisit,
  vaccineStatus,
}: {
  childId: string;
  name: string;
  record: ChildRecord;
  lastWellVisitOn: string | null;
  nextWellVisit: NextWellChildVisit | null;
  vaccineStatus: ImmunizationGroupStatus[];
}) {
  const activeAllergies = record.allergies.filter((row) => row.status === 'active');
  const activeMedications = record.medications.filter((row) => row.status === 'active');
  const activeProblems = record.problems.filter((row) => row.status === 'active');
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="summary-heading" className="flex flex-col gap-3">
        <h2 id="summary-heading" className="text-xl font-semibold">
          Summary
        </h2>
        <div
          className={`rounded-lg border-l-4 p-4 ${activeAllergies.length ? 'border-red-700 bg-red-50' : 'border-slate-400 bg-white'}`}
        >
          <p className="font-semibold">Allergies</p>
          {activeAllergies.length ? (
            <ul className="mt-1 list-disc pl-5">
              {activeAllergies.map((row) => (
                <li key={row.id}>
                  <strong>{row.substance}</strong>
                  {row.reaction ? ` (${row.reaction})` : ''} · {row.severity}
                </li>
              ))}
            </ul>
          ) : (
            <p>No known allergies recorded.</p>
          )}
        </div>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-700">Medicines now</dt>
          <dd>
            {activeMedications.length
              ? activeMedications.map((row) => row.name).join(', ')
              : 'None recorded'}
          </dd>
          <dt className="font-medium text-slate-700">Ongoing problems</dt>
          <dd>
            {activeProblems.length
              ? activeProblems.map((row) => row.name).join(', ')
              : 'None recorded'}
          </dd>
          <dt className="font-medium text-slate-700">Last check-up</dt>
          <dd>{lastWellVisitOn ? formatDate(lastWellVisitOn) : 'None recorded yet'}</dd>
          <dt className="font-medium text-slate-700">Next check-up</dt>
          <dd>
            {nextWellVisit ? (
              <>
                {nextWellVisit.label},{' '}
                {nextWellVisit.overdue ? (
                  <strong>
                    due since {formatDate(nextWellVisit.dueOn)}: please call to book it
                  </strong>
                ) : (
                  `due around ${formatDate(nextWellVisit.dueOn)}`
                )}
              </>
            ) : (
              'No more check-ups on the children’s schedule'
            )}
          </dd>
        </dl>
      </section>
      <nav aria-label={`Parts of ${name}’s record`} className="flex flex-wrap gap-2">
        {order.map((section) => (
          <a
            key={section}
            href={`#${section}`}
            className="inline-flex min-h-11 items-center rounded-full border border-slate-300 bg-white px-4 text-sm font-medium text-blue-800 hover:bg-slate-50"
          >
            {sectionLabels[section]}
          </a>
        ))}
      </nav>
      {order.map((section) => (
        <section
          key={section}
          id={section}
          aria-labelledby={`${section}-heading`}
          className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id={`${section}-heading`} className="text-lg font-semibold">
              {sectionLabels[section]}
            </h2>
            {section === 'measurements' && record.measurements.length ? (
              <Link
                href={`/children/${childId}/growth`}
                className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
              >
                See growth charts
              </Link>
            ) : null}
            {section === 'immunizations' && record.immunizations.length ? (
              <Link
                href={`/children/${childId}/immunizations/print`}
                className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
              >
                Print for school or daycare
              </Link>
            ) : null}
          </div>
          {section === 'immunizations' ? (
            <details className="my-2 rounded-md border border-slate-200 p-3" open>
              <summary className="cursor-pointer font-medium text-blue-800">
                Status against the vaccine schedule
              </summary>
              <div className="mt-2">
                <ImmunizationStatusTable rows={vaccineStatus} audience="parent" />
              </div>
            </details>
          ) : null}
          <Entries section={section} rows={record[section] as unknown as Row[]} />
        </section>
      ))}
    </div>
  );
}
