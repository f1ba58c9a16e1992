import { formatDate } from '@/lib/dates';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/server';
import type {
  DoseEvaluationRow,
  ImmunizationGroupStatus,
  ImmunizationStatus,
} from '@/lib/records/immunization-status';

type Words = ReturnType<typeof translatorFor<'immunizationStatus'>>;

const statusStyles: Record<ImmunizationStatus, string> = {
  overdue: 'bg-red-100 text-red-900',
  due_now: 'bg-amber-100 text-amber-950',
  up_to_date: 'bg-green-100 text-green-900',
  complete: 'bg-green-100 text-green-900',
  not_yet_due: 'bg-slate-100 text-slate-800',
  not_needed: 'bg-slate-100 text-slate-800',
};

const units: Record<string, 'day' | 'week' | 'month' | 'year'> = {
  day: 'day',
  week: 'week',
  month: 'month',
  year: 'year',
};

/**
 * When the next dose is recommended, in the reader's words. The schedule says it in CDSi's
 * English ("2 months", "birth", "8 weeks after the last dose", "6 months after dose 1"); each
 * shape has its sentence in the catalog. A shape the catalog does not know is shown as CDSi says it.
 */
function whenWords(t: Words, ageWords: string): string {
  if (ageWords === 'every flu season') return t('when.flu');
  if (ageWords === 'birth') return t('when.birth');
  const match = /^(\d+) (day|week|month|year)s?(?: after (?:the last dose|dose (\d+)))?$/.exec(
    ageWords,
  );
  if (!match) return ageWords;
  const values = { count: Number(match[1]), unit: units[match[2]!]! };
  if (!ageWords.includes(' after ')) return t('when.span', values);
  return match[3]
    ? t('when.afterDose', { ...values, dose: match[3] })
    : t('when.afterLast', values);
}

function nextDoseWords(t: Words, row: ImmunizationGroupStatus, locale: Locale): string {
  const next = row.nextDose!;
  const values = {
    number: next.number,
    when: whenWords(t, next.ageWords),
    from: formatDate(next.recommendedFrom, locale),
  };
  return next.overdueAfter
    ? t('nextDoseOverdue', { ...values, overdue: formatDate(next.overdueAfter, locale) })
    : t('nextDose', values);
}

/** The office's view of each dose: how CDSi evaluated it for this vaccine, and why. */
function DoseEvaluations({
  rows,
  t,
  vaccineName,
  locale,
}: {
  rows: ImmunizationGroupStatus[];
  t: Words;
  vaccineName: (row: ImmunizationGroupStatus) => string;
  locale: Locale;
}) {
  const withDoses = rows.filter((row) => row.doses.length > 0);
  if (withDoses.length === 0) return null;
  const evaluation = (status: DoseEvaluationRow['status']) => t(`evaluation.${status}`);
  return (
    <div className="flex flex-col gap-3">
      <h3 className="font-semibold">{t('evaluated')}</h3>
      {withDoses.map((row) => (
        <div key={row.group} className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="text-left font-medium">
              {vaccineName(row)}{' '}
              <span className="font-normal text-slate-700">
                {t('cdsiLine', { status: row.cdsiStatus, series: row.series.join(', ') })}
              </span>
            </caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-1 pr-3">{t('given')}</th>
                <th className="py-1 pr-3">{t('vaccine')}</th>
                <th className="py-1 pr-3">{t('evaluationColumn')}</th>
                <th className="py-1">{t('reason')}</th>
              </tr>
            </thead>
            <tbody>
              {row.doses.map((dose, index) => (
                <tr
                  key={`${dose.administeredOn}-${dose.cvx}-${index}`}
                  className="border-b border-slate-200"
                >
                  <td className="py-1 pr-3">{formatDate(dose.administeredOn, locale)}</td>
                  <td className="py-1 pr-3">{dose.vaccine}</td>
                  <td className="py-1 pr-3">{evaluation(dose.status)}</td>
                  <td className="py-1">{dose.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

/**
 * Where the child stands against the standard childhood schedule (CDC CDSi), vaccine by
 * vaccine, in the reader's language. Guidance only, and the page says so: the clinician's plan
 * comes first.
 */
export function ImmunizationStatusTable({
  rows,
  audience,
  locale,
}: {
  rows: ImmunizationGroupStatus[];
  audience: 'parent' | 'staff';
  locale: Locale;
}) {
  const t = translatorFor(locale, 'immunizationStatus');
  const vaccines = translatorFor(locale, 'vaccines');
  const vaccineName = (row: ImmunizationGroupStatus) => vaccines(`schedule.${row.group}`);
  const status = (row: ImmunizationGroupStatus) => t(`status.${row.status}`);
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-slate-700">
        {audience === 'parent' ? t('parentIntro') : t('staffIntro')}
      </p>
      {/* On a phone, one card per vaccine; from a tablet up, a table. */}
      <ul className="flex flex-col divide-y divide-slate-200 sm:hidden">
        {rows.map((row) => (
          <li key={row.group} className="py-2">
            <p className="flex flex-wrap items-center justify-between gap-2">
              <strong>{vaccineName(row)}</strong>
              <span
                className={`rounded px-2 py-0.5 text-sm font-medium ${statusStyles[row.status]}`}
              >
                {status(row)}
              </span>
            </p>
            <p className="text-sm text-slate-700">
              {row.dosesInSeries
                ? t('dosesOf', { counted: row.dosesCounted, total: row.dosesInSeries })
                : t('doses', { count: row.dosesCounted })}
              {row.nextDose ? ` · ${t('next', { words: nextDoseWords(t, row, locale) })}` : ''}
            </p>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto sm:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('caption')}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th className="py-2 pr-3">{t('vaccine')}</th>
              <th className="py-2 pr-3">{t('dosesColumn')}</th>
              <th className="py-2 pr-3">{t('statusColumn')}</th>
              <th className="py-2">{t('nextColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.group} className="border-b border-slate-200 align-top">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {vaccineName(row)}
                </th>
                <td className="py-2 pr-3">
                  {row.dosesInSeries
                    ? t('countOf', { counted: row.dosesCounted, total: row.dosesInSeries })
                    : row.dosesCounted}
                </td>
                <td className="py-2 pr-3">
                  <span className={`rounded px-2 py-0.5 font-medium ${statusStyles[row.status]}`}>
                    {status(row)}
                  </span>
                </td>
                <td className="py-2">{row.nextDose ? nextDoseWords(t, row, locale) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {audience === 'staff' ? (
        <DoseEvaluations rows={rows} t={t} vaccineName={vaccineName} locale={locale} />
      ) : null}
    </div>
  );
}
