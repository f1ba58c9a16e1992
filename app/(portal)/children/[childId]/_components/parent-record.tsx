import Link from 'next/link';

import { ImmunizationStatusTable } from '@/components/records/immunization-status';
import { formatDate } from '@/lib/dates';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/server';
import { entryDescriber } from '@/lib/records/describe';
import type { ImmunizationGroupStatus } from '@/lib/records/immunization-status';
import type { ChildRecord } from '@/lib/records/read';
import type { RecordSection } from '@/lib/records/schemas';
import { allergySeverities } from '@/lib/records/vocabulary';
import type { NextWellChildVisit } from '@/lib/records/well-child';

type Words = ReturnType<typeof translatorFor<'childRecord'>>;

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

function Entries({
  section,
  rows,
  t,
  locale,
}: {
  section: RecordSection;
  rows: Row[];
  t: Words;
  locale: Locale;
}) {
  // What each section will hold, said plainly for the day it is still empty.
  if (rows.length === 0) return <p className="text-slate-700">{t(`empty.${section}`)}</p>;
  const describe = entryDescriber(locale)[section];
  return (
    <ul className="flex flex-col divide-y divide-slate-200">
      {rows.map((row) => {
        const described = describe(row);
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
                  {t('visitNotes')}
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

/** "4 month visit" in the reader's words (lib/records/well-child.ts names them in English). */
function wellVisitName(t: Words, label: string): string {
  const match = /^(\d+) (month|year) visit$/.exec(label);
  if (!match) return t('wellVisit', { unit: 'days', count: 5 });
  return t('wellVisit', { unit: `${match[2]}s`, count: Number(match[1]) });
}

function severityWords(t: Words, severity: string): string {
  return (allergySeverities as readonly string[]).includes(severity)
    ? t(`severity.${severity as (typeof allergySeverities)[number]}`)
    : severity;
}

/** A parent's view of one child's record: the summary first, then every section newest first. */
export function ParentRecord({
  childId,
  name,
  record,
  lastWellVisitOn,
  nextWellVisit,
  vaccineStatus,
  locale,
}: {
  childId: string;
  name: string;
  record: ChildRecord;
  lastWellVisitOn: string | null;
  nextWellVisit: NextWellChildVisit | null;
  vaccineStatus: ImmunizationGroupStatus[];
  locale: Locale;
}) {
  const t = translatorFor(locale, 'childRecord');
  const activeAllergies = record.allergies.filter((row) => row.status === 'active');
  const activeMedications = record.medications.filter((row) => row.status === 'active');
  const activeProblems = record.problems.filter((row) => row.status === 'active');
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="summary-heading" className="flex flex-col gap-3">
        <h2 id="summary-heading" className="text-xl font-semibold">
          {t('summary')}
        </h2>
        <div
          className={`rounded-lg border-l-4 p-4 ${activeAllergies.length ? 'border-red-700 bg-red-50' : 'border-slate-400 bg-white'}`}
        >
          <p className="font-semibold">{t('allergies')}</p>
          {activeAllergies.length ? (
            <ul className="mt-1 list-disc pl-5">
              {activeAllergies.map((row) => (
                <li key={row.id}>
                  <strong>{row.substance}</strong>
                  {row.reaction ? ` (${row.reaction})` : ''} · {severityWords(t, row.severity)}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('noAllergies')}</p>
          )}
        </div>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-700">{t('medicinesNow')}</dt>
          <dd>
            {activeMedications.length
              ? activeMedications.map((row) => row.name).join(', ')
              : t('noneRecorded')}
          </dd>
          <dt className="font-medium text-slate-700">{t('ongoingProblems')}</dt>
          <dd>
            {activeProblems.length
              ? activeProblems.map((row) => row.name).join(', ')
              : t('noneRecorded')}
          </dd>
          <dt className="font-medium text-slate-700">{t('lastCheckup')}</dt>
          <dd>{lastWellVisitOn ? formatDate(lastWellVisitOn, locale) : t('noneRecordedYet')}</dd>
          <dt className="font-medium text-slate-700">{t('nextCheckup')}</dt>
          <dd>
            {nextWellVisit ? (
              <>
                {wellVisitName(t, nextWellVisit.label)},{' '}
                {nextWellVisit.overdue ? (
                  <strong>
                    {t('dueSince', { date: formatDate(nextWellVisit.dueOn, locale) })}
                  </strong>
                ) : (
                  t('dueAround', { date: formatDate(nextWellVisit.dueOn, locale) })
                )}
              </>
            ) : (
              t('noMoreCheckups')
            )}
          </dd>
        </dl>
      </section>
      <nav aria-label={t('parts', { name })} className="flex flex-wrap gap-2">
        {order.map((section) => (
          <a
            key={section}
            href={`#${section}`}
            className="inline-flex min-h-11 items-center rounded-full border border-slate-300 bg-white px-4 text-sm font-medium text-blue-800 hover:bg-slate-50"
          >
            {t(`section.${section}`)}
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
              {t(`section.${section}`)}
            </h2>
            {section === 'measurements' && record.measurements.length ? (
              <Link
                href={`/children/${childId}/growth`}
                className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
              >
                {t('seeGrowth')}
              </Link>
            ) : null}
            {section === 'immunizations' && record.immunizations.length ? (
              <Link
                href={`/children/${childId}/immunizations/print`}
                className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
              >
                {t('printForSchool')}
              </Link>
            ) : null}
          </div>
          {section === 'immunizations' ? (
            <details className="my-2 rounded-md border border-slate-200 p-3" open>
              <summary className="cursor-pointer font-medium text-blue-800">
                {t('scheduleStatus')}
              </summary>
              <div className="mt-2">
                <ImmunizationStatusTable rows={vaccineStatus} audience="parent" locale={locale} />
              </div>
            </details>
          ) : null}
          <Entries
            section={section}
            rows={record[section] as unknown as Row[]}
            t={t}
            locale={locale}
          />
        </section>
      ))}
    </div>
  );
}
