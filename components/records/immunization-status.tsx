import { formatDate } from '@/lib/dates';
import type {
  DoseEvaluationRow,
  ImmunizationGroupStatus,
  ImmunizationStatus,
} from '@/lib/records/immunization-status';

const statusWords: Record<ImmunizationStatus, { text: string; className: string }> = {
  overdue: { text: 'Overdue', className: 'bg-red-100 text-red-900' },
  due_now: { text: 'Due now', className: 'bg-amber-100 text-amber-950' },
  up_to_date: { text: 'Up to date', className: 'bg-green-100 text-green-900' },
  complete: { text: 'Complete', className: 'bg-green-100 text-green-900' },
  not_yet_due: { text: 'Not yet due', className: 'bg-slate-100 text-slate-800' },
  not_needed: { text: 'Not needed at this age', className: 'bg-slate-100 text-slate-800' },
};

function nextDoseWords(row: ImmunizationGroupStatus): string {
  const next = row.nextDose!;
  return `dose ${next.number} at ${next.ageWords}, from ${formatDate(next.recommendedFrom)}${next.overdueAfter ? ` (overdue after ${formatDate(next.overdueAfter)})` : ''}`;
}

const evaluationWords: Record<DoseEvaluationRow['status'], string> = {
  valid: 'Valid',
  not_valid: 'Not valid',
  extraneous: 'Extra (not needed)',
};

/** The office's view of each dose: how CDSi evaluated it for this vaccine, and why. */
function DoseEvaluations({ rows }: { rows: ImmunizationGroupStatus[] }) {
  const withDoses = rows.filter((row) => row.doses.length > 0);
  if (withDoses.length === 0) return null;
  return (
    <div className="flex flex-col gap-3">
      <h3 className="font-semibold">Each dose as CDSi evaluated it</h3>
      {withDoses.map((row) => (
        <div key={row.group} className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="text-left font-medium">
              {row.label}{' '}
              <span className="font-normal text-slate-700">
                · CDSi: {row.cdsiStatus} · {row.series.join(', ')}
              </span>
            </caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-1 pr-3">Given</th>
                <th className="py-1 pr-3">Vaccine</th>
                <th className="py-1 pr-3">Evaluation</th>
                <th className="py-1">Reason</th>
              </tr>
            </thead>
            <tbody>
              {row.doses.map((dose, index) => (
                <tr
                  key={`${dose.administeredOn}-${dose.cvx}-${index}`}
                  className="border-b border-slate-200"
                >
                  <td className="py-1 pr-3">{formatDate(dose.administeredOn)}</td>
                  <td className="py-1 pr-3">{dose.vaccine}</td>
                  <td className="py-1 pr-3">{evaluationWords[dose.status]}</td>
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
 * vaccine. Guidance only, and the page says so: the clinician's plan comes first.
 */
export function ImmunizationStatusTable({
  rows,
  audience,
}: {
  rows: ImmunizationGroupStatus[];
  audience: 'parent' | 'staff';
}) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-slate-700">
        {audience === 'parent'
          ? 'Compared with the standard childhood vaccine schedule (CDC). This is a guide, not medical advice: your child’s clinician decides what your child needs. Ask the office if something looks wrong.'
          : 'CDC CDSi 4.64 evaluation and forecast (standard series, catch-up included; no risk-based series): the clinician’s plan comes first.'}
      </p>
      {/* On a phone, one card per vaccine; from a tablet up, a table. */}
      <ul className="flex flex-col divide-y divide-slate-200 sm:hidden">
        {rows.map((row) => (
          <li key={row.group} className="py-2">
            <p className="flex flex-wrap items-center justify-between gap-2">
              <strong>{row.label}</strong>
              <span
                className={`rounded px-2 py-0.5 text-sm font-medium ${statusWords[row.status].className}`}
              >
                {statusWords[row.status].text}
              </span>
            </p>
            <p className="text-sm text-slate-700">
              {row.dosesInSeries
                ? `${row.dosesCounted} of ${row.dosesInSeries} doses`
                : `${row.dosesCounted} ${row.dosesCounted === 1 ? 'dose' : 'doses'}`}
              {row.nextDose ? ` · next: ${nextDoseWords(row)}` : ''}
            </p>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto sm:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Vaccine status against the schedule</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th className="py-2 pr-3">Vaccine</th>
              <th className="py-2 pr-3">Doses</th>
              <th className="py-2 pr-3">Status</th>
              <th className="py-2">Next dose</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.group} className="border-b border-slate-200 align-top">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {row.label}
                </th>
                <td className="py-2 pr-3">
                  {row.dosesInSeries
                    ? `${row.dosesCounted} of ${row.dosesInSeries}`
                    : row.dosesCounted}
                </td>
                <td className="py-2 pr-3">
                  <span
                    className={`rounded px-2 py-0.5 font-medium ${statusWords[row.status].className}`}
                  >
                    {statusWords[row.status].text}
                  </span>
                </td>
                <td className="py-2">{row.nextDose ? nextDoseWords(row) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {audience === 'staff' ? <DoseEvaluations rows={rows} /> : null}
    </div>
  );
}
