import { formatDate, formatDateTime } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { describeEntry } from '@/lib/records/describe';
import { sectionFields } from '@/lib/records/fields';
import type { ChildRecord } from '@/lib/records/read';
import { recordSections, type RecordSection } from '@/lib/records/schemas';

import {
  ChartEntryControls,
  ReleaseResultForm,
  ReleaseSummaryButton,
} from './chart-entry-controls';
import { ChartEntryForm, type VaccineOption } from './chart-entry-form';

type Row = Record<string, unknown> & {
  id: string;
  confidential: boolean;
  sourceSystem?: string | null;
  sourceUpdatedAt?: Date | null;
};

/** A row as the edit form's starting values (every field a string, as the inputs hold them). */
function formValues(section: RecordSection, row: Row): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = { confidential: row.confidential };
  for (const field of sectionFields[section]) {
    const value =
      field.kind === 'vaccine'
        ? `${String(row.cvx)} – ${String(row.vaccineName)}`
        : row[field.name];
    values[field.name] = value === null || value === undefined ? '' : String(value);
  }
  return values;
}

/** The clinician's view of the chart: every section, everything in it, with add, edit, remove and release. */
export async function StaffChart({
  childId,
  record,
  refusedImmunizations = [],
  vaccines,
}: {
  childId: string;
  record: ChildRecord;
  /** Doses the EHR recorded as not given: shown to the clinical team, never counted. */
  refusedImmunizations?: ChildRecord['immunizations'];
  vaccines: VaccineOption[];
}) {
  const [t, tSections, locale] = await Promise.all([
    getT('staff.chart'),
    getT('staffChart.sections'),
    getLocale(),
  ]);
  return (
    <div className="flex flex-col gap-6">
      {recordSections.map((section) => {
        const rows = record[section] as unknown as Row[];
        const headingId = `chart-${section}`;
        return (
          <section
            key={section}
            aria-labelledby={headingId}
            className="rounded-lg border border-slate-200 bg-white p-4"
          >
            <h3 id={headingId} className="text-lg font-semibold">
              {tSections(section)}{' '}
              <span className="font-normal text-slate-600">({rows.length})</span>
            </h3>
            <ul className="mt-2 flex flex-col divide-y divide-slate-200">
              {rows.map((row) => {
                const described = describeEntry[section](row);
                return (
                  <li key={row.id} className="py-3">
                    <p className="font-semibold">
                      {described.title}
                      {row.confidential ? (
                        <span className="ml-2 rounded bg-purple-100 px-2 py-0.5 text-sm font-medium text-purple-900">
                          {t('confidential')}
                        </span>
                      ) : null}
                    </p>
                    {described.when ? (
                      <p className="text-sm text-slate-700">{described.when}</p>
                    ) : null}
                    {row.sourceSystem ? (
                      <p className="text-sm text-slate-700">
                        {row.sourceUpdatedAt
                          ? t('importedUpdated', {
                              when: formatDateTime(row.sourceUpdatedAt, locale),
                            })
                          : t('imported')}
                      </p>
                    ) : null}
                    {described.details.length ? (
                      <p className="text-sm">{described.details.join(' · ')}</p>
                    ) : null}
                    {section === 'visits' && typeof row.summary === 'string' ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-sm font-medium text-blue-700">
                          {t('summary', { released: row.summaryReleasedAt ? 'yes' : 'no' })}
                        </summary>
                        <p className="mt-1 whitespace-pre-wrap text-sm">{row.summary}</p>
                      </details>
                    ) : null}
                    {section === 'visits' &&
                    typeof row.summary === 'string' &&
                    !row.summaryReleasedAt ? (
                      <ReleaseSummaryButton childId={childId} entryId={row.id} />
                    ) : null}
                    {section === 'results' && !row.releasedAt ? (
                      <ReleaseResultForm childId={childId} entryId={row.id} />
                    ) : null}
                    <ChartEntryControls
                      childId={childId}
                      section={section}
                      entry={{ id: row.id, values: formValues(section, row) }}
                      imported={Boolean(row.sourceSystem)}
                      vaccines={section === 'immunizations' ? vaccines : undefined}
                    />
                  </li>
                );
              })}
            </ul>
            {section === 'immunizations' && refusedImmunizations.length > 0 ? (
              <div className="mt-2">
                <h4 className="font-semibold">{t('refused')}</h4>
                <ul className="text-sm">
                  {refusedImmunizations.map((dose) => (
                    <li key={dose.id}>
                      {t('refusedDose', {
                        vaccine: dose.vaccineName,
                        date: formatDate(dose.administeredOn, locale),
                      })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <details className="mt-3">
              <summary className="cursor-pointer py-2 font-medium text-blue-700">
                {t('addTo', { section: tSections(section) })}
              </summary>
              <div className="mt-2">
                <ChartEntryForm
                  childId={childId}
                  section={section}
                  vaccines={section === 'immunizations' ? vaccines : undefined}
                />
              </div>
            </details>
          </section>
        );
      })}
    </div>
  );
}
