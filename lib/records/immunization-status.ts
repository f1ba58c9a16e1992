import 'server-only';

/**
 * The parent's immunization status: for each vaccine of the childhood schedule, whether the child
 * is up to date, due, overdue, done, or past the age for it, and when the next dose is
 * recommended; for the office, how each recorded dose was evaluated and why.
 *
 * The evaluation and forecast are CDC's CDSi logic (lib/cdsi/, docs/decisions/0011-cdsi.md),
 * which agrees with CDC's own test cases. This module only puts CDSi's answer into the words a
 * parent reads:
 *
 * - complete: CDSi's "Complete" (or "Immune");
 * - not_needed: CDSi's "Aged out", the child is past the age for the doses still missing;
 * - for "Not complete", against CDSi's recommended and past-due dates: not_yet_due before the
 *   recommended date (up_to_date when at least one dose counted), due_now from it, overdue after
 *   the past-due date. A seasonal vaccine with no past-due date (flu) is never overdue.
 *
 * It is guidance for a parent, not clinical decision support: the clinician's plan comes first.
 * Dates are calendar dates, `YYYY-MM-DD`.
 */
import {
  cdsiForecast,
  cdsiSupportingData,
  type CdsiGender,
  type CdsiGroupResult,
  type CdsiVaccineGroupName,
} from '@/lib/cdsi';

import { parseCalendarDate } from './cdsi-dates';
import { getVaccine } from './cvx';
import { immunizationGroups, type ImmunizationGroup } from './immunization-groups';

export type ImmunizationStatus =
  'up_to_date' | 'due_now' | 'overdue' | 'not_yet_due' | 'complete' | 'not_needed';

type NextDose = {
  /** The dose's number among the doses that count: 1 for the first (for flu, this season's). */
  number: number;
  recommendedFrom: string;
  overdueAfter: string | null;
  latestDate: string | null;
  /** When the schedule gives it: "2 months", "birth", "8 weeks after the last dose", "every flu season". */
  ageWords: string;
};

/** How CDSi evaluated one recorded dose for this vaccine, for the staff chart. */
export type DoseEvaluationRow = {
  administeredOn: string;
  cvx: string;
  /** CDC's short name for the CVX code ("DTaP-HepB-IPV"), or "CVX 999" for an unknown code. */
  vaccine: string;
  status: 'valid' | 'not_valid' | 'extraneous';
  /** CDSi's reason ("Age: Too Young", "Interval: Too Soon", "Live Virus Conflict"…), or null. */
  reason: string | null;
};

export type ImmunizationGroupStatus = {
  group: ImmunizationGroup;
  label: string;
  /** Recorded doses of any vaccine in this row, one a day (whether or not they count). */
  dosesRecorded: number;
  /** Doses that count (CDSi "valid"). */
  dosesCounted: number;
  /** Doses in the series when CDSi's series for the child has a fixed length; null otherwise. */
  dosesInSeries: number | null;
  status: ImmunizationStatus;
  /** Null when the status is complete or not_needed. */
  nextDose: NextDose | null;
  /** CDSi's status in CDC's words: "Complete", "Not complete", "Aged out", "Immune". */
  cdsiStatus: CdsiGroupResult['status'];
  /** The series CDSi follows for the child, for the office. */
  series: string[];
  doses: DoseEvaluationRow[];
};

export type RecordedDose = { cvx: string; administeredOn: string; mvx?: string | null };
/** The portal's vaccine rows and the CDSi vaccine group each one is. */
const cdsiGroupOf: Record<ImmunizationGroup, CdsiVaccineGroupName> = {
  rsv: 'RSV',
  hepb: 'HepB',
  rotavirus: 'Rotavirus',
  dtap: 'DTaP/Tdap/Td',
  hib: 'Hib',
  pneumococcal: 'Pneumococcal',
  polio: 'Polio',
  flu: 'Influenza',
  mmr: 'MMR',
  varicella: 'Varicella',
  hepa: 'HepA',
  hpv: 'HPV',
  menacwy: 'Meningococcal',
};

function ageWords(result: CdsiGroupResult, group: ImmunizationGroup): string {
  if (group === 'flu') return 'every flu season';
  const age = result.recommendedAge?.trim();
  if (age) return /^0 (days?|weeks?|months?|years?)$/.test(age) ? 'birth' : age;
  return result.recommendedInterval ?? '';
}

/**
 * CDSi calls flu "Complete" once this season's doses are in; for a parent that is "up to date"
 * until the next season opens, on the release's season start (July 1) each year.
 */
const fluSeasonStart = (() => {
  for (const series of cdsiSupportingData.antigens.Influenza?.series ?? [])
    for (const dose of series.doses) if (dose.season) return dose.season.startDate.slice(5);
  return '07-01';
})();

function nextFluSeason(today: string): string {
  const year = Number(today.slice(0, 4));
  return `${today.slice(5) >= fluSeasonStart ? year + 1 : year}-${fluSeasonStart}`;
}

function statusOf(result: CdsiGroupResult, today: string, counted: number): ImmunizationStatus {
  if (result.status === 'Complete' || result.status === 'Immune') return 'complete';
  if (result.status === 'Aged out') return 'not_needed';
  const recommended = result.recommended!;
  if (today < recommended) return counted > 0 ? 'up_to_date' : 'not_yet_due';
  return result.pastDue && today > result.pastDue ? 'overdue' : 'due_now';
}

/**
 * The status of every row of the childhood schedule, in schedule order, on `today`.
 * Throws a RangeError for a date that is not a real `YYYY-MM-DD` date, or a birth after `today`.
 */
export function immunizationStatus({
  dateOfBirth,
  today,
  doses,
  sex,
}: {
  dateOfBirth: string;
  today: string;
  doses: readonly RecordedDose[];
  /** The chart's sex, when recorded: CDSi follows a different HPV series for boys. */
  sex?: 'female' | 'male' | null;
}): ImmunizationGroupStatus[] {
  const gender: CdsiGender = sex === 'male' ? 'M' : sex === 'female' ? 'F' : 'U';
  parseCalendarDate(dateOfBirth, 'dateOfBirth');
  parseCalendarDate(today, 'today');
  if (today < dateOfBirth)
    throw new RangeError(`today (${today}) is before the date of birth (${dateOfBirth})`);
  for (const dose of doses) parseCalendarDate(dose.administeredOn, 'administeredOn');

  const results = cdsiForecast(
    { dateOfBirth, assessmentDate: today, gender, doses },
    immunizationGroups.map(({ group }) => cdsiGroupOf[group]),
  );
  return immunizationGroups.map(({ group, label }, index) => {
    const result = results[index]!;
    const rows: DoseEvaluationRow[] = result.doses.map((evaluation) => {
      const dose = doses[evaluation.index]!;
      const reason = evaluation.reasons.find((r) => r !== 'Allowable vaccine') ?? null;
      return {
        administeredOn: dose.administeredOn,
        cvx: dose.cvx.trim(),
        vaccine: getVaccine(dose.cvx)?.shortDescription ?? `CVX ${dose.cvx.trim()}`,
        status: evaluation.status,
        reason: evaluation.status === 'valid' && reason !== 'Grace period used' ? null : reason,
      };
    });
    const counted = rows.filter((row) => row.status === 'valid').length;
    const seasonDone = group === 'flu' && result.status === 'Complete';
    const status = seasonDone ? 'up_to_date' : statusOf(result, today, counted);
    return {
      group,
      label,
      dosesRecorded: new Set(rows.map((row) => row.administeredOn)).size,
      dosesCounted: counted,
      dosesInSeries: null,
      status,
      nextDose: seasonDone
        ? {
            number: 1,
            recommendedFrom: nextFluSeason(today),
            overdueAfter: null,
            latestDate: null,
            ageWords: ageWords(result, group),
          }
        : status === 'complete' || status === 'not_needed'
          ? null
          : {
              number: result.forecastNumber!,
              recommendedFrom: result.recommended!,
              overdueAfter: result.pastDue,
              latestDate: result.latest,
              ageWords: ageWords(result, group),
            },
      cdsiStatus: result.status,
      series: [...new Set(result.series.map((s) => s.series))],
      doses: rows,
    };
  });
}
