import 'server-only';

/**
 * The CDSi evaluator and forecaster: for a child's vaccination history on an assessment date, each
 * vaccine group's status in CDC's words, the next dose's number and its earliest, recommended,
 * past-due and latest dates, and every dose's evaluation with its reason. It follows CDC's CDSi
 * Logic Specification over the Supporting Data (docs/decisions/0011-cdsi.md says which parts).
 *
 * Pure and synchronous: no database, no clock. Dates in and out are `YYYY-MM-DD`.
 */
import { cdsiSupportingData, type CdsiSeries } from './data';
import { addSpan, addText, fromDay, toDay, type Day, type Span } from './dates';
import { cdsiVaccineGroups, type CdsiVaccineGroupName } from './groups';
import {
  evaluateSeries,
  type DoseEvaluation,
  type EvaluationReason,
  type EvaluationStatus,
  type PatientDose,
  type SeriesContext,
  type SeriesResult,
} from './series';

export type CdsiGender = 'F' | 'M' | 'U';

export type CdsiInput = {
  dateOfBirth: string;
  gender?: CdsiGender;
  assessmentDate: string;
  doses: readonly { cvx: string; mvx?: string | null; administeredOn: string }[];
};

/** CDC's words for a vaccine group's status. */
type CdsiGroupStatus = 'Complete' | 'Not complete' | 'Aged out' | 'Immune';

type CdsiDoseResult = {
  /** Position of the dose in `CdsiInput.doses`. */
  index: number;
  status: EvaluationStatus;
  reasons: EvaluationReason[];
  /** Antigen → the target dose it was evaluated against (or null: after the series was done). */
  antigens: {
    antigen: string;
    status: EvaluationStatus;
    reasons: EvaluationReason[];
    targetDose: number | null;
  }[];
};

export type CdsiGroupResult = {
  group: CdsiVaccineGroupName;
  status: CdsiGroupStatus;
  /** The next target dose, 1 for the first; null when none is due (complete, aged out, immune). */
  forecastNumber: number | null;
  earliest: string | null;
  recommended: string | null;
  pastDue: string | null;
  latest: string | null;
  /** CDSi's words for when the next dose is recommended: an age ("4 months"), else an interval. */
  recommendedAge: string | null;
  recommendedInterval: string | null;
  /** The series CDSi follows for each antigen of the group. */
  series: { antigen: string; series: string }[];
  doses: CdsiDoseResult[];
};

const genderWords: Record<CdsiGender, string> = { F: 'Female', M: 'Male', U: 'Unknown' };

/** Accepts " 3", "3" or "03": HL7 feeds and people both drop CDC's leading zero. */
function canonicalCvx(code: string): string {
  const trimmed = code.trim();
  return /^\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

/** CVX → antigen → the ages the CVX counts for it (CDSi's cvxToAntigenMap), indexed once. */
const associations = new Map<string, Map<string, { beginAge?: string; endAge?: string }>>();
for (const [cvx, list] of Object.entries(cdsiSupportingData.cvxToAntigens))
  associations.set(cvx, new Map(list.map((entry) => [entry.antigen, entry])));

function antigenDosesOf(
  antigen: string,
  doses: readonly PatientDose[],
  context: SeriesContext,
): PatientDose[] {
  const found: PatientDose[] = [];
  for (const dose of doses) {
    const association = associations.get(dose.cvx)?.get(antigen);
    if (!association) continue;
    const begin = context.atAge(association.beginAge);
    const end = context.atAge(association.endAge);
    if ((begin === null || dose.date >= begin) && (end === null || dose.date < end))
      found.push(dose);
  }
  return found;
}

/** Chapter 4.3: the series that apply to this child (standard ones, for the child's gender). */
const relevant = new Map<string, CdsiSeries[]>();

function relevantSeries(antigen: string, gender: CdsiGender): CdsiSeries[] {
  const key = `${antigen}/${gender}`;
  let list = relevant.get(key);
  if (!list) {
    const word = genderWords[gender];
    list = (cdsiSupportingData.antigens[antigen]?.series ?? []).filter(
      (series) =>
        series.seriesType !== 'Risk' &&
        (series.requiredGender.length === 0 || series.requiredGender.includes(word)),
    );
    relevant.set(key, list);
  }
  return list;
}

function scoreBest(
  candidates: SeriesResult[],
  rules: ((result: SeriesResult) => number)[],
): SeriesResult {
  const scores = candidates.map((candidate) =>
    rules.reduce((sum, rule) => sum + rule(candidate), 0),
  );
  let best = 0;
  for (let i = 1; i < candidates.length; i++) {
    const better =
      scores[i]! > scores[best]! ||
      (scores[i] === scores[best] &&
        candidates[i]!.series.seriesPreference < candidates[best]!.series.seriesPreference);
    if (better) best = i;
  }
  return candidates[best]!;
}

/** +points to the candidates where `value` is best (or all tied), -points to the others. */
function most(
  candidates: SeriesResult[],
  value: (result: SeriesResult) => number | null,
  points: number,
  lowest = false,
): (result: SeriesResult) => number {
  const values = candidates.map(value).filter((v): v is number => v !== null);
  if (values.length === 0) return () => 0;
  const target = lowest ? Math.min(...values) : Math.max(...values);
  const winners = candidates.filter((candidate) => value(candidate) === target).length;
  return (result) => (value(result) === target ? (winners > 1 ? 0 : points) : -points);
}

/**
 * Chapter 8: one prioritized series per series group, then the best among the groups. A complete
 * series wins; then one in progress, scored; with no valid dose at all, the default series (or the
 * series the child's age lets them start).
 */
function selectBest(results: SeriesResult[], context: SeriesContext): SeriesResult {
  const byGroup = new Map<string, SeriesResult[]>();
  for (const result of results) {
    const list = byGroup.get(result.series.seriesGroup) ?? [];
    list.push(result);
    byGroup.set(result.series.seriesGroup, list);
  }
  const startedInTime = (result: SeriesResult) => {
    const first = result.evaluations[0]?.dose.date;
    if (first === undefined) return true;
    const max = context.atAge(result.series.maxAgeToStart);
    return max === null || first < max;
  };
  const prioritized: SeriesResult[] = [];
  for (const all of byGroup.values()) {
    // A series the child started after its maximum age to start (the 2-month Hib series begun at
    // a year, the 2-dose HPV series begun at 15) is not theirs, when another one is.
    const inTime = all.filter(startedInTime);
    const group = inTime.length > 0 ? inTime : all;
    const standard = group.filter((result) => result.series.seriesType !== 'Evaluation Only');
    const complete = group.filter((result) => result.status === 'complete');
    if (complete.length > 0) {
      prioritized.push(
        complete.length === 1
          ? complete[0]!
          : scoreBest(complete, [
              (r) =>
                r.series.productPath && r.evaluations.every((e) => e.status === 'valid') ? 1 : 0,
              most(complete, (r) => r.validDoses, 1),
              most(complete, (r) => r.finishDate(), 1, true),
            ]),
      );
      continue;
    }
    const inProcess = standard.filter((result) => result.validDoses > 0);
    if (inProcess.length > 0) {
      prioritized.push(
        inProcess.length === 1
          ? inProcess[0]!
          : scoreBest(inProcess, [
              (r) =>
                r.series.productPath
                  ? r.evaluations.every((e) => e.status === 'valid')
                    ? 2
                    : -2
                  : 0,
              (r) => (r.finishDate() !== null ? 3 : -3),
              most(inProcess, (r) => r.validDoses, 2),
              most(inProcess, (r) => r.remaining, 2, true),
              most(inProcess, (r) => r.finishDate(), 1, true),
            ]),
      );
      continue;
    }
    // No valid dose in any series of the group: the default series, as CDSi starts a child on it.
    const pick =
      standard.find((result) => result.series.defaultSeries) ??
      [...standard].sort((a, b) => a.series.seriesPreference - b.series.seriesPreference)[0];
    if (pick) prioritized.push(pick);
  }
  // Among series groups (a child's and an adult's), one that can be started at this age.
  const startable = (result: SeriesResult) => {
    const min = context.atAge(result.series.minAgeToStart);
    const max = context.atAge(result.series.maxAgeToStart);
    return (
      (min === null || context.assessmentDate >= min) &&
      (max === null || context.assessmentDate < max)
    );
  };
  const rank = (result: SeriesResult) =>
    result.status === 'complete' ? 0 : result.validDoses > 0 ? 1 : startable(result) ? 2 : 3;
  return [...prioritized].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.series.seriesPriority.localeCompare(b.series.seriesPriority) ||
      Number(a.series.seriesGroup) - Number(b.series.seriesGroup),
  )[0]!;
}

type AntigenResult = { antigen: string; best: SeriesResult; immune: boolean };

function evaluateAntigen(
  antigen: string,
  doses: readonly PatientDose[],
  context: SeriesContext,
  gender: CdsiGender,
): AntigenResult {
  const antigenDoses = antigenDosesOf(antigen, doses, context);
  const data = cdsiSupportingData.antigens[antigen];
  const immune =
    data?.immunityBirthDate !== undefined && context.dateOfBirth < toDay(data.immunityBirthDate);
  const results = relevantSeries(antigen, gender).map((series) =>
    evaluateSeries(series, antigenDoses, context),
  );
  return { antigen, best: selectBest(results, context), immune };
}

function groupForecast(
  name: CdsiVaccineGroupName,
  antigens: AntigenResult[],
): Omit<CdsiGroupResult, 'group' | 'series' | 'doses'> {
  const none = {
    forecastNumber: null,
    earliest: null,
    recommended: null,
    pastDue: null,
    latest: null,
    recommendedAge: null,
    recommendedInterval: null,
  };
  if (antigens.every((result) => result.immune)) return { status: 'Immune', ...none };
  const open = antigens.filter((result) => !result.immune && result.best.status === 'not_complete');
  if (open.length === 0) {
    const agedOut = antigens.some((result) => result.best.status === 'aged_out');
    return { status: agedOut ? 'Aged out' : 'Complete', ...none };
  }
  const forecasts = open.map((result) => result.best.forecast!);
  const latestOf = (days: Day[]) => Math.max(...days);
  const earliestOf = (days: Day[]) => Math.min(...days);
  const pastDues = forecasts.map((f) => f.pastDue).filter((d): d is Day => d !== null);
  const latests = forecasts.map((f) => f.latest).filter((d): d is Day => d !== null);
  // One shot for the whole group (MMR): it must wait for every antigen still owed. Otherwise
  // (DTaP/Tdap/Td) the antigen needed soonest sets the dates.
  const full = cdsiSupportingData.vaccineGroups.find(
    (g) => g.name === name,
  )?.administerFullVaccineGroup;
  // Never before the group's last shot, even one that counted for none of the antigens still owed
  // (a DT where DTaP was due: the DTaP can follow the same day).
  const lastShot = Math.max(
    ...antigens.map((result) => result.best.evaluations.at(-1)?.dose.date ?? -Infinity),
  );
  const earliest = Math.max(
    lastShot,
    full
      ? latestOf(forecasts.map((f) => f.earliest))
      : earliestOf(forecasts.map((f) => f.earliest)),
  );
  const recommended = Math.max(earliest, earliestOf(forecasts.map((f) => f.recommended)));
  const pastDue = pastDues.length > 0 ? Math.max(earliest, earliestOf(pastDues)) : null;
  const soonest = forecasts.reduce((a, b) => (b.recommended < a.recommended ? b : a));
  return {
    status: 'Not complete',
    recommendedAge: soonest.recommendedAge,
    recommendedInterval: soonest.recommendedInterval,
    // MMR is owed until the antigen furthest behind is done; DTaP/Td counts the doses of any.
    forecastNumber: (full ? Math.min : Math.max)(...forecasts.map((f) => f.targetDose)),
    earliest: fromDay(earliest),
    recommended: fromDay(recommended),
    pastDue: pastDue === null ? null : fromDay(pastDue),
    latest: latests.length > 0 ? fromDay(earliestOf(latests)) : null,
  };
}

function doseResults(antigens: AntigenResult[], full: boolean): CdsiDoseResult[] {
  const byDose = new Map<number, CdsiDoseResult>();
  for (const { antigen, best } of antigens)
    for (const evaluation of best.evaluations) {
      const entry: CdsiDoseResult = byDose.get(evaluation.dose.index) ?? {
        index: evaluation.dose.index,
        status: 'valid',
        reasons: [],
        antigens: [],
      };
      entry.antigens.push({ antigen, ...pick(evaluation) });
      byDose.set(evaluation.dose.index, entry);
    }
  for (const entry of byDose.values()) {
    // A shot given for the whole group (MMR) counts when it counts for every antigen in it; a
    // DTaP/Td shot counts when it counts for any (a Td after the adolescent Tdap still boosts
    // tetanus and diphtheria).
    const valid = entry.antigens.filter((a) => a.status === 'valid').length;
    const worst =
      entry.antigens.find((a) => a.status === 'not_valid') ??
      entry.antigens.find((a) => a.status === 'extraneous') ??
      entry.antigens[0]!;
    entry.status = (full ? valid === entry.antigens.length : valid > 0) ? 'valid' : worst.status;
    entry.reasons = [...new Set(entry.antigens.flatMap((a) => a.reasons))];
  }
  return [...byDose.values()].sort((a, b) => a.index - b.index);
}

function pick(evaluation: DoseEvaluation) {
  return {
    status: evaluation.status,
    reasons: evaluation.reasons,
    targetDose: evaluation.targetDose,
  };
}

/** Evaluates and forecasts every vaccine group the portal shows (or only `groups`). */
export function cdsiForecast(
  input: CdsiInput,
  groups: readonly CdsiVaccineGroupName[] = cdsiVaccineGroups.map((group) => group.cdsiName),
): CdsiGroupResult[] {
  const dateOfBirth = toDay(input.dateOfBirth);
  const assessmentDate = toDay(input.assessmentDate);
  const doses: PatientDose[] = input.doses
    .map((dose, index) => ({
      index,
      date: toDay(dose.administeredOn),
      cvx: canonicalCvx(dose.cvx),
      ...(dose.mvx ? { mvx: dose.mvx.trim() } : {}),
    }))
    .filter((dose) => dose.date >= dateOfBirth && dose.date <= assessmentDate)
    .sort((a, b) => a.date - b.date || a.index - b.index);
  const ages = new Map<string, Day | null>();
  const atAge = (age: string | undefined): Day | null => {
    if (age === undefined) return null;
    let day = ages.get(age);
    if (day === undefined) ages.set(age, (day = addText(dateOfBirth, age)));
    return day;
  };
  // A release dates its seasons (flu 2025-07-01 to 2026-06-30): each is moved by whole years to
  // the first one not over on the assessment date, so the portal keeps working between releases.
  const shifts = new Map<string, Span>();
  const seasonDay = (date: string, season?: { startDate: string; endDate: string }) => {
    if (!season) return toDay(date);
    let shift = shifts.get(season.startDate);
    if (!shift) {
      const end = toDay(season.endDate);
      let years = 0;
      while (addSpan(end, { months: 12 * years, days: 0, text: '' }) >= assessmentDate) years--;
      while (addSpan(end, { months: 12 * years, days: 0, text: '' }) < assessmentDate) years++;
      shift = { months: 12 * years, days: 0, text: `${years} years` };
      shifts.set(season.startDate, shift);
    }
    return addSpan(toDay(date), shift);
  };
  const context: SeriesContext = {
    dateOfBirth,
    atAge,
    seasonDay,
    assessmentDate,
    allDoses: doses,
  };
  const gender = input.gender ?? 'U';
  const cache = new Map<string, AntigenResult>();
  return groups.map((name) => {
    const group = cdsiSupportingData.vaccineGroups.find((g) => g.name === name);
    if (!group) throw new Error(`Unknown CDSi vaccine group ${name}`);
    const antigens = group.antigens.map((antigen) => {
      let result = cache.get(antigen);
      if (!result) cache.set(antigen, (result = evaluateAntigen(antigen, doses, context, gender)));
      return result;
    });
    return {
      group: name,
      ...groupForecast(name, antigens),
      series: antigens.map((result) => ({
        antigen: result.antigen,
        series: result.best.series.name,
      })),
      doses: doseResults(antigens, group.administerFullVaccineGroup),
    };
  });
}

export { cdsiSupportingData, cdsiVaccineGroups, type CdsiVaccineGroupName };
