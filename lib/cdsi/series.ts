import 'server-only';

/**
 * One patient series (CDSi logic specification chapters 4–7): every dose of an antigen evaluated
 * against the series' target doses in date order, then the forecast of the next target dose.
 */
import type {
  CdsiAge,
  CdsiCondition,
  CdsiInterval,
  CdsiSeries,
  CdsiSeriesDose,
  CdsiSkip,
  CdsiVaccine,
} from './data';
import { addSpan, addText, span, toDay, type Day } from './dates';
import { liveVirusConflictEnd, liveVirusConflictsFor } from './live-virus';

/** A dose as the engine sees it: one vaccination record, with its date as a day number. */
export type PatientDose = {
  /** Position in the patient's history as given, so callers can match results back. */
  index: number;
  date: Day;
  cvx: string;
  mvx?: string;
};

export type EvaluationStatus = 'valid' | 'not_valid' | 'extraneous';

/** CDSi's evaluation reasons, in its words where it has them. */
export type EvaluationReason =
  | 'Age: Too Young'
  | 'Age: Too Old'
  | 'Interval: Too Soon'
  | 'Live Virus Conflict'
  | 'Not a preferable or allowable vaccine'
  | 'Inadvertent vaccine'
  | 'Grace period used'
  | 'Allowable vaccine'
  | 'Allowable interval'
  | 'Series already complete';

export type DoseEvaluation = {
  dose: PatientDose;
  status: EvaluationStatus;
  reasons: EvaluationReason[];
  /** The target dose (1 for the first) the dose was evaluated against, when there was one. */
  targetDose: number | null;
};

type TargetStatus = 'not_satisfied' | 'satisfied' | 'skipped';
type Target = {
  seriesDose: CdsiSeriesDose;
  status: TargetStatus;
  satisfiedBy: DoseEvaluation | null;
};

type SeriesForecast = {
  targetDose: number;
  /** CDSi's words for when the dose is recommended: an age ("2 months"), else an interval
   * ("8 weeks after the last dose"). */
  recommendedAge: string | null;
  recommendedInterval: string | null;
  earliest: Day;
  recommended: Day;
  pastDue: Day | null;
  latest: Day | null;
};

type SeriesStatus = 'complete' | 'not_complete' | 'aged_out';

export type SeriesResult = {
  series: CdsiSeries;
  evaluations: DoseEvaluation[];
  validDoses: number;
  /** Target doses neither satisfied nor skipped. */
  remaining: number;
  status: SeriesStatus;
  forecast: SeriesForecast | null;
  /** The day the series could finish at the soonest, for series selection; null when it cannot. */
  finishDate: () => Day | null;
};

export type SeriesContext = {
  dateOfBirth: Day;
  /**
   * A date of the release's season (flu July–June, RSV October–March), moved to the season of the
   * assessment date: a release dates its seasons, and the portal must not call this autumn's flu
   * shot a dose of last season until the next release is loaded.
   */
  seasonDay: (date: string, season?: { startDate: string; endDate: string }) => Day;
  /** The day the child reaches a CDSi age (null for an empty one), remembered for the call. */
  atAge: (age: string | undefined) => Day | null;
  assessmentDate: Day;
  /** Every dose of the patient, any antigen, in date order (live-virus conflicts, fromMostRecent). */
  allDoses: readonly PatientDose[];
};

const codeSets = new WeakMap<readonly string[], Set<string>>();

/** The CVX lists of the supporting data as sets, built once per list. */
function codeSet(codes: readonly string[]): Set<string> {
  let set = codeSets.get(codes);
  if (!set) codeSets.set(codes, (set = new Set(codes)));
  return set;
}

function within(date: Day, effective?: string, cessation?: string): boolean {
  return (!effective || date >= toDay(effective)) && (!cessation || date < toDay(cessation));
}

/** CDSi allows several age rows per dose, each for the doses given between its effective and cessation dates. */
const noAge: CdsiAge = {};

function ageFor(seriesDose: CdsiSeriesDose, date: Day): CdsiAge {
  for (const age of seriesDose.ages)
    if (within(date, age.effectiveDate, age.cessationDate)) return age;
  return seriesDose.ages[0] ?? noAge;
}

function vaccineFits(vaccine: CdsiVaccine, dose: PatientDose, context: SeriesContext): boolean {
  if (vaccine.cvx !== dose.cvx) return false;
  const begin = context.atAge(vaccine.beginAge);
  const end = context.atAge(vaccine.endAge);
  if (begin !== null && dose.date < begin) return false;
  if (end !== null && dose.date >= end) return false;
  // A preferable vaccine named by manufacturer is preferable only when the record agrees.
  return !vaccine.mvx || !dose.mvx || vaccine.mvx === dose.mvx;
}

function compareCount(count: number, logic: string | undefined, target: number): boolean {
  if (logic === 'greater than') return count > target;
  if (logic === 'less than') return count < target;
  return count === target;
}

/**
 * Chapter 6.6 / 7.1: whether a conditional skip's condition holds, on `reference` (the date of the
 * dose being evaluated, or the assessment date when forecasting).
 */
function conditionMet(
  condition: CdsiCondition,
  reference: Day,
  context: SeriesContext,
  antigenDoses: readonly PatientDose[],
  evaluations: readonly DoseEvaluation[],
  forecasting: boolean,
  season: CdsiSeriesDose['season'],
): boolean {
  switch (condition.type) {
    case 'age': {
      const begin = context.atAge(condition.beginAge);
      const end = context.atAge(condition.endAge);
      return (begin === null || reference >= begin) && (end === null || reference < end);
    }
    case 'interval': {
      // Measured from the most recent dose of this antigen given before the reference date.
      const previous = antigenDoses
        .filter((dose) => (forecasting ? dose.date <= reference : dose.date < reference))
        .at(-1);
      const gap = condition.interval;
      return (
        previous !== undefined &&
        gap !== undefined &&
        reference >= addSpan(previous.date, span(gap))
      );
    }
    case 'vaccine count by age':
    case 'vaccine count by date':
    case 'vaccine count by date and age': {
      const types = condition.vaccineTypes ? codeSet(condition.vaccineTypes) : null;
      const begin = context.atAge(condition.beginAge);
      const end = context.atAge(condition.endAge);
      const start = condition.startDate ? context.seasonDay(condition.startDate, season) : null;
      const stop = condition.endDate ? context.seasonDay(condition.endDate, season) : null;
      const byAge = condition.type !== 'vaccine count by date';
      const byDate = condition.type !== 'vaccine count by age';
      const validOnly = condition.doseType === 'valid';
      let count = 0;
      // Valid doses are the evaluated ones that counted; every dose given, otherwise.
      const pool = validOnly ? evaluations : antigenDoses;
      for (const item of pool) {
        if ('status' in item && item.status !== 'valid') continue;
        const dose = 'status' in item ? item.dose : item;
        // Evaluation counts the doses before the one evaluated; a forecast, every dose to date.
        if (forecasting ? dose.date > reference : dose.date >= reference) break;
        if (types && !types.has(dose.cvx)) continue;
        if (byAge && ((begin !== null && dose.date < begin) || (end !== null && dose.date >= end)))
          continue;
        if (
          byDate &&
          ((start !== null && dose.date < start) || (stop !== null && dose.date >= stop))
        )
          continue;
        count++;
      }
      return compareCount(count, condition.doseCountLogic, condition.doseCount ?? 0);
    }
    default:
      // "Completed series" refers to risk series, which need observations the portal does not record.
      return false;
  }
}

function skipApplies(
  seriesDose: CdsiSeriesDose,
  context: 'Evaluation' | 'Forecast',
  reference: Day,
  seriesContext: SeriesContext,
  antigenDoses: readonly PatientDose[],
  evaluations: readonly DoseEvaluation[],
): boolean {
  // Plain loops: this runs for every dose against every target of every series.
  const forecasting = context === 'Forecast';
  for (const skip of seriesDose.conditionalSkips) {
    if (skip.context !== context && skip.context !== 'Both') continue;
    const all = skip.setLogic === 'AND';
    let applicable = 0;
    let met = 0;
    for (const set of skip.sets) {
      if (!within(reference, set.effectiveDate, set.cessationDate)) continue;
      applicable++;
      const any = set.conditionLogic === 'OR';
      let setMet = !any;
      for (const condition of set.conditions) {
        const holds = conditionMet(
          condition,
          reference,
          seriesContext,
          antigenDoses,
          evaluations,
          forecasting,
          seriesDose.season,
        );
        if (any && holds) {
          setMet = true;
          break;
        }
        if (!any && !holds) {
          setMet = false;
          break;
        }
      }
      if (setMet) met++;
      if (!all && setMet) return true;
    }
    if (all && applicable > 0 && met === applicable) return true;
  }
  return false;
}

function hasSkip(skips: readonly CdsiSkip[], context: 'Evaluation' | 'Forecast'): boolean {
  for (const skip of skips) if (skip.context === context || skip.context === 'Both') return true;
  return false;
}

/** The dose an interval is measured from, or null when it does not apply yet. */
function intervalReference(
  interval: CdsiInterval,
  before: Day,
  previous: DoseEvaluation | null,
  targets: readonly Target[],
  context: SeriesContext,
): Day | null {
  if (interval.fromRelevantObs) return null;
  if (interval.fromPrevious) return previous ? previous.dose.date : null;
  if (interval.fromTargetDose !== undefined) {
    const target = targets[interval.fromTargetDose - 1];
    return target?.status === 'satisfied' && target.satisfiedBy
      ? target.satisfiedBy.dose.date
      : null;
  }
  if (interval.fromMostRecent) {
    const types = codeSet(interval.fromMostRecent);
    let found: Day | null = null;
    for (const dose of context.allDoses) {
      if (dose.date >= before) break;
      if (types.has(dose.cvx)) found = dose.date;
    }
    return found;
  }
  return null;
}

/**
 * The previous dose intervals are measured from: the last dose of this antigen evaluated before,
 * valid or not (CDSi measures from a dose that did not count, too), but never one that was only
 * extraneous to a completed series or an inadvertent vaccine.
 */
function previousDose(evaluations: readonly DoseEvaluation[]): DoseEvaluation | null {
  for (let i = evaluations.length - 1; i >= 0; i--) {
    const evaluation = evaluations[i]!;
    if (evaluation.status === 'extraneous') continue;
    if (evaluation.reasons.includes('Inadvertent vaccine')) continue;
    return evaluation;
  }
  return null;
}

function notValid(dose: PatientDose, reason: EvaluationReason, targetDose: number): DoseEvaluation {
  return { dose, status: 'not_valid', reasons: [reason], targetDose };
}

function anyFits(
  vaccines: readonly CdsiVaccine[],
  dose: PatientDose,
  context: SeriesContext,
): boolean {
  for (const vaccine of vaccines) if (vaccineFits(vaccine, dose, context)) return true;
  return false;
}

/** Chapter 6.5: every allowable interval in effect is met (and there is at least one). */
function allowableIntervalsMet(
  seriesDose: CdsiSeriesDose,
  dose: PatientDose,
  previous: DoseEvaluation | null,
  targets: readonly Target[],
  context: SeriesContext,
): boolean {
  let applicable = 0;
  for (const interval of seriesDose.allowableIntervals) {
    if (!within(dose.date, interval.effectiveDate, interval.cessationDate)) continue;
    applicable++;
    const from = intervalReference(interval, dose.date, previous, targets, context);
    const absMin = from === null ? null : addText(from, interval.absMinInt);
    if (absMin !== null && dose.date < absMin) return false;
  }
  return applicable > 0;
}

function evaluateDose(
  dose: PatientDose,
  target: Target,
  targetNumber: number,
  targets: readonly Target[],
  evaluations: readonly DoseEvaluation[],
  context: SeriesContext,
): DoseEvaluation {
  const seriesDose = target.seriesDose;
  const reasons: EvaluationReason[] = [];

  if (seriesDose.inadvertentVaccines.includes(dose.cvx))
    return notValid(dose, 'Inadvertent vaccine', targetNumber);

  // Age (chapter 6.3): the 4-day grace period lies between the absolute minimum and minimum age.
  const age = ageFor(seriesDose, dose.date);
  const absMinAge = context.atAge(age.absMinAge);
  const minAge = context.atAge(age.minAge);
  const maxAge = context.atAge(age.maxAge);
  if (absMinAge !== null && dose.date < absMinAge)
    return notValid(dose, 'Age: Too Young', targetNumber);
  // At or past the maximum age a dose is extraneous: no longer needed, rather than wrong.
  if (maxAge !== null && dose.date >= maxAge)
    return { dose, status: 'extraneous', reasons: ['Age: Too Old'], targetDose: targetNumber };
  if (minAge !== null && dose.date < minAge) reasons.push('Grace period used');

  // Preferable intervals (chapter 6.4), then allowable ones (6.5) when a preferable one fails.
  const previous = previousDose(evaluations);
  let intervalsMet = true;
  for (const interval of seriesDose.intervals) {
    if (!within(dose.date, interval.effectiveDate, interval.cessationDate)) continue;
    const from = intervalReference(interval, dose.date, previous, targets, context);
    if (from === null) continue;
    const absMin = addText(from, interval.absMinInt);
    if (absMin !== null && dose.date < absMin) {
      intervalsMet = false;
      break;
    }
    const min = addText(from, interval.minInt);
    if (min !== null && dose.date < min && !reasons.includes('Grace period used'))
      reasons.push('Grace period used');
  }
  if (!intervalsMet) {
    if (!allowableIntervalsMet(seriesDose, dose, previous, targets, context))
      return notValid(dose, 'Interval: Too Soon', targetNumber);
    reasons.push('Allowable interval');
  }

  // Live-virus conflicts (chapter 6.7): no grace period.
  if (liveVirusConflictsFor(dose, context.allDoses, evaluations))
    return notValid(dose, 'Live Virus Conflict', targetNumber);

  // Vaccine type (chapters 6.8–6.9).
  if (!anyFits(seriesDose.preferableVaccines, dose, context)) {
    if (!anyFits(seriesDose.allowableVaccines, dose, context))
      return notValid(dose, 'Not a preferable or allowable vaccine', targetNumber);
    reasons.push('Allowable vaccine');
  }
  return { dose, status: 'valid', reasons, targetDose: targetNumber };
}

function forecastDates(
  target: Target,
  targetNumber: number,
  targets: readonly Target[],
  evaluations: readonly DoseEvaluation[],
  context: SeriesContext,
): SeriesForecast {
  const reference = context.assessmentDate;
  const seriesDose = target.seriesDose;
  const dob = context.dateOfBirth;
  const age = ageFor(seriesDose, reference);
  const previous = previousDose(evaluations);

  // Running maxima rather than arrays: this runs for every series of every antigen.
  let earliest = dob;
  const minAge = context.atAge(age.minAge);
  if (minAge !== null && minAge > earliest) earliest = minAge;
  let recommendedByInterval: Day | null = null;
  let pastDueByInterval: Day | null = null;
  for (const interval of seriesDose.intervals) {
    if (!within(reference, interval.effectiveDate, interval.cessationDate)) continue;
    const from = intervalReference(interval, Number.MAX_SAFE_INTEGER, previous, targets, context);
    if (from === null) continue;
    const min = addText(from, interval.minInt);
    if (min !== null && min > earliest) earliest = min;
    const recommended = addText(from, interval.earliestRecInt);
    if (
      recommended !== null &&
      (recommendedByInterval === null || recommended > recommendedByInterval)
    )
      recommendedByInterval = recommended;
    const latest = addText(from, interval.latestRecInt);
    if (latest !== null && (pastDueByInterval === null || latest - 1 > pastDueByInterval))
      pastDueByInterval = latest - 1;
  }
  const conflictEnd = liveVirusForecastEnd(seriesDose, context);
  if (conflictEnd !== null && conflictEnd > earliest) earliest = conflictEnd;
  if (seriesDose.season) {
    const seasonStart = context.seasonDay(seriesDose.season.startDate, seriesDose.season);
    if (seasonStart > earliest) earliest = seasonStart;
  }
  // Never before the last dose given, even one that did not count (an inadvertent vaccine).
  const last = evaluations[evaluations.length - 1];
  if (last && last.dose.date > earliest) earliest = last.dose.date;

  // FORECASTDT-2/3: the recommended and past-due ages when the dose has them, the intervals otherwise.
  const recommendedAge = context.atAge(age.earliestRecAge);
  const unadjustedRecommended = recommendedAge ?? recommendedByInterval ?? earliest;
  const latestRecAge = context.atAge(age.latestRecAge);
  const unadjustedPastDue = latestRecAge !== null ? latestRecAge - 1 : pastDueByInterval;
  const maxAge = context.atAge(age.maxAge);
  // In words, for people: "8 weeks after the last dose", "6 months after dose 1".
  let recommendedInterval: string | null = null;
  for (const interval of seriesDose.intervals) {
    if (!interval.earliestRecInt || recommendedInterval) continue;
    if (interval.fromPrevious)
      recommendedInterval = `${interval.earliestRecInt} after the last dose`;
    else if (interval.fromTargetDose !== undefined)
      recommendedInterval = `${interval.earliestRecInt} after dose ${interval.fromTargetDose}`;
  }
  return {
    targetDose: targetNumber,
    recommendedAge: age.earliestRecAge ?? null,
    recommendedInterval,
    earliest,
    recommended: Math.max(earliest, unadjustedRecommended),
    pastDue: unadjustedPastDue === null ? null : Math.max(earliest, unadjustedPastDue),
    latest: maxAge === null ? null : maxAge - 1,
  };
}

const forecastCodes = new WeakMap<CdsiSeriesDose, string[]>();

/** The end of a live-virus conflict the next dose would fall into, for the vaccines it may be. */
function liveVirusForecastEnd(seriesDose: CdsiSeriesDose, context: SeriesContext): Day | null {
  let codes = forecastCodes.get(seriesDose);
  if (!codes)
    forecastCodes.set(seriesDose, (codes = seriesDose.preferableVaccines.map((v) => v.cvx)));
  return liveVirusConflictEnd(codes, context.allDoses);
}

/** Evaluates the antigen's doses against one series and forecasts its next target dose. */
export function evaluateSeries(
  series: CdsiSeries,
  antigenDoses: readonly PatientDose[],
  context: SeriesContext,
): SeriesResult {
  const targets: Target[] = [];
  for (const seriesDose of series.doses)
    targets.push({ seriesDose, status: 'not_satisfied', satisfiedBy: null });
  const evaluations: DoseEvaluation[] = [];
  let current = 0;
  for (const dose of antigenDoses) {
    if (dose.date > context.assessmentDate) break;
    while (
      current < targets.length &&
      hasSkip(targets[current]!.seriesDose.conditionalSkips, 'Evaluation') &&
      skipApplies(
        targets[current]!.seriesDose,
        'Evaluation',
        dose.date,
        context,
        antigenDoses,
        evaluations,
      )
    ) {
      targets[current]!.status = 'skipped';
      current++;
    }
    const target = targets[current];
    if (!target) {
      evaluations.push({
        dose,
        status: 'extraneous',
        reasons: ['Series already complete'],
        targetDose: null,
      });
      continue;
    }
    const evaluation = evaluateDose(dose, target, current + 1, targets, evaluations, context);
    evaluations.push(evaluation);
    if (evaluation.status === 'valid') {
      target.status = 'satisfied';
      target.satisfiedBy = evaluation;
      if (target.seriesDose.recurringDose)
        targets.splice(current + 1, 0, {
          seriesDose: target.seriesDose,
          status: 'not_satisfied',
          satisfiedBy: null,
        });
      current++;
    }
  }

  let validDoses = 0;
  for (const evaluation of evaluations) if (evaluation.status === 'valid') validDoses++;
  // A forecast skip is judged on the day the dose could first be given, not before the assessment
  // date ("not required for those 12 months or older at the earliest forecasted date").
  while (current < targets.length) {
    const candidate = targets[current]!;
    if (!hasSkip(candidate.seriesDose.conditionalSkips, 'Forecast')) break;
    const earliest = forecastDates(candidate, current + 1, targets, evaluations, context).earliest;
    const reference = Math.max(context.assessmentDate, earliest);
    if (
      !skipApplies(candidate.seriesDose, 'Forecast', reference, context, antigenDoses, evaluations)
    )
      break;
    candidate.status = 'skipped';
    current++;
  }
  const base = { series, evaluations, validDoses, remaining: targets.length - current };
  const target = targets[current];
  if (!target)
    return {
      ...base,
      status: 'complete',
      forecast: null,
      finishDate: finishedOn(evaluations, context),
    };

  // CDC numbers the forecast dose by the doses that counted, not by the series' slots; a seasonal
  // dose by the doses that counted this season.
  const season = target.seriesDose.season;
  const counted = season ? validInSeason(evaluations, season, context) : validDoses;
  const forecast = forecastDates(target, counted + 1, targets, evaluations, context);
  const agedOut =
    forecast.latest !== null &&
    (context.assessmentDate > forecast.latest || forecast.earliest > forecast.latest);
  return {
    ...base,
    status: agedOut ? 'aged_out' : 'not_complete',
    forecast: agedOut ? null : forecast,
    // Only series selection between candidates needs it: projected on demand.
    finishDate: agedOut ? never : projectedFinish(targets, current, forecast, context),
  };
}

// Closures are made in these helpers, not in evaluateSeries: a closure there would move its busy
// loop variables onto the heap and slow every series down.
const never = () => null;

function finishedOn(evaluations: readonly DoseEvaluation[], context: SeriesContext) {
  const last = evaluations[evaluations.length - 1];
  const day = last ? last.dose.date : context.assessmentDate;
  return () => day;
}

function projectedFinish(
  targets: readonly Target[],
  current: number,
  forecast: SeriesForecast,
  context: SeriesContext,
) {
  return () => projectFinish(targets, current, forecast, context);
}

function validInSeason(
  evaluations: readonly DoseEvaluation[],
  season: NonNullable<CdsiSeriesDose['season']>,
  context: SeriesContext,
): number {
  const start = context.seasonDay(season.startDate, season);
  const end = context.seasonDay(season.endDate, season);
  let count = 0;
  for (const e of evaluations)
    if (e.status === 'valid' && e.dose.date >= start && e.dose.date <= end) count++;
  return count;
}

/** Chained earliest dates of the remaining target doses: when the series could be finished. */
function projectFinish(
  targets: readonly Target[],
  current: number,
  forecast: SeriesForecast,
  context: SeriesContext,
): Day | null {
  let last = Math.max(forecast.earliest, context.assessmentDate);
  for (let i = current + 1; i < targets.length; i++) {
    const seriesDose = targets[i]!.seriesDose;
    if (seriesDose.recurringDose) break;
    const age = ageFor(seriesDose, last);
    let next = last;
    const minAge = context.atAge(age.minAge);
    if (minAge !== null) next = Math.max(next, minAge);
    for (const interval of seriesDose.intervals)
      if (interval.fromPrevious) {
        const min = addText(last, interval.minInt);
        if (min !== null) next = Math.max(next, min);
      }
    const maxAge = context.atAge(age.maxAge);
    if (maxAge !== null && next >= maxAge) return null;
    last = next;
  }
  return last;
}
