/**
 * The parent's immunization status: for each vaccine of the childhood schedule, whether the child
 * is up to date, due, overdue, done, or past the age for it, and when the next dose is recommended.
 *
 * This is guidance for a parent, not clinical decision support. It reads the CDC CDSi schedule
 * (lib/records/immunization-schedule.ts) with a few plain rules instead of CDSi's full evaluation
 * and forecasting engine: the clinic's plan for a particular child, especially one catching up,
 * comes first. The rules, for each CDSi antigen:
 *
 * 1. The path. The doses of the antigen's default child series that a child vaccinated on time
 *    receives, in order (the "routine" doses; scripts/build-immunization-schedule.ts says which are
 *    left out and why: catch-up doses from 7 years, adult boosters). When every dose so far is of a
 *    product with its own shorter CDSi series (Rotarix, PedvaxHIB), that series is the path.
 * 2. Counting. A recorded dose counts for the antigen when CDSi's CVX map says its vaccine contains
 *    the antigen (so CVX 110, DTaP-HepB-IPV, counts for DTaP, hepatitis B and polio), and it fills
 *    the next open dose of the path when it was given on or after that dose's absolute minimum age,
 *    before its maximum age, and at least the absolute minimum interval after the last dose that
 *    counted. A dose given too early is not valid: it is ignored, and the dose it was meant to be is
 *    still owed (the clinic may repeat it). Two records of the antigen on one day count once; doses
 *    dated before birth or after `today` are ignored.
 *    One CDSi refinement is kept because without it the portal would ask for doses a child does
 *    not need: when a dose was given at or after the age at which CDSi says an earlier dose becomes
 *    unnecessary (Hib dose 2 from 15 months, DTaP dose 4 from 4 years), that earlier dose is skipped
 *    and the shot counts for a later one; if it then fits no later dose, nothing is skipped.
 * 3. The next dose is the first dose of the path not yet filled. Its dates, from birth and from the
 *    last dose that counted:
 *    - recommendedFrom: the latest of its earliest recommended age, the earliest recommended
 *      interval after the previous dose, and its minimum age and interval (only the minimum ones
 *      when the recommended interval would pass the maximum age, as after a late rotavirus dose);
 *    - overdueAfter: the day before the later of its latest recommended age and latest recommended
 *      interval (CDSi's "past due date", using the later of the two so a child who had the previous
 *      dose late is given the usual time for this one); null when CDSi gives no latest recommended
 *      age or interval, as for the first rotavirus dose and the RSV antibody, which simply stop
 *      being given at their maximum age;
 *    - latestDate: the last day the dose may still be given, the day before its maximum age (and,
 *      for a seasonal dose, the season's last day); null when there is no maximum age.
 * 4. Status of the antigen:
 *    - complete: every dose of the path is filled;
 *    - not_needed: the next dose can no longer be given, because the child is past its maximum age
 *      or could only reach the minimum interval after it (rotavirus after 8 months, Hib and
 *      pneumococcal from 5 years, the RSV antibody after 8 months or once the child would be too
 *      old by the next RSV season). Doses given before may be fewer than the path; none are owed;
 *    - not_yet_due before recommendedFrom, or up_to_date then when at least one dose counted;
 *    - due_now from recommendedFrom through overdueAfter (or with no end when it is null);
 *    - overdue after overdueAfter.
 * 5. A row made of several antigens (DTaP/Tdap is diphtheria, tetanus and pertussis; MMR is measles,
 *    mumps and rubella) takes the antigen furthest behind on its path, the first listed on a tie:
 *    a Td shot counts for diphtheria and tetanus but not pertussis, so the Tdap stays due.
 * 6. Seasons. The RSV antibody is given in the RSV season of the CDSi release (October to March),
 *    read as the same months every year: out of season its dose is recommended from the next
 *    season's start, and not needed when the baby will be past 8 months by then.
 *    Influenza is kept simple: one dose each flu season (July 1 to June 30, CDSi's season), from
 *    6 months of age. Up to date once a dose counted this season, due otherwise; never overdue, as
 *    a flu dose is worth giving all season. Not modelled: the second dose a child under 9 needs in
 *    the first season they are vaccinated; the clinic gives it.
 *
 * Also not modelled, and left to the clinic: risk-based series (a second RSV season for high-risk
 * toddlers, extra pneumococcal doses), the three-dose HPV series for a first dose at 15 or older
 * (the portal shows two), catch-up series for DTaP from 7 years, the adult Td booster after the
 * adolescent Tdap (the row is complete then), spacing of live vaccines, and contraindications.
 *
 * Dates are calendar dates, `YYYY-MM-DD`, with CDSi's date arithmetic (lib/records/cdsi-dates.ts).
 */
import {
  addCdsiDuration,
  addDays,
  dayBefore,
  earlierOf,
  laterOf,
  parseCalendarDate,
  type CdsiDuration,
} from './cdsi-dates';
import { immunizationGroups, type ImmunizationGroup } from './immunization-groups';
import {
  immunizationSchedule,
  type ScheduleAntigen,
  type ScheduleDose,
  type ScheduleSeason,
  type ScheduleSeries,
} from './immunization-schedule';

export type ImmunizationStatus =
  'up_to_date' | 'due_now' | 'overdue' | 'not_yet_due' | 'complete' | 'not_needed';

type NextDose = {
  /** The dose's place in the child's path for this vaccine: 1 for the first. For flu, always 1 (this season's dose). */
  number: number;
  recommendedFrom: string;
  overdueAfter: string | null;
  latestDate: string | null;
  /** When the schedule gives it: "2 months", "birth", "6 months after dose 1", "every flu season". */
  ageWords: string;
};

export type ImmunizationGroupStatus = {
  group: ImmunizationGroup;
  label: string;
  /** Recorded doses of any vaccine in this row, one a day (whether or not they count). */
  dosesRecorded: number;
  /** Doses that count toward the path (rule 2), for the antigen the row follows. */
  dosesCounted: number;
  /** Doses in the path; null for flu, which is yearly. */
  dosesInSeries: number | null;
  status: ImmunizationStatus;
  /** Null when the status is complete or not_needed. */
  nextDose: NextDose | null;
};

export type RecordedDose = { cvx: string; administeredOn: string };
type AntigenDose = { on: string; cvx: string };
type AntigenStatus = {
  /** How far along the path the child is: doses filled or skipped. */
  position: number;
  counted: number;
  pathLength: number | null;
  status: ImmunizationStatus;
  nextDose: NextDose | null;
};

/** Accepts " 3", "3" or "03": HL7 feeds and people both drop CDC's leading zero. */
function canonicalCvx(code: string): string {
  const trimmed = code.trim();
  return /^\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

function antigensOf(cvx: string, on: string, dateOfBirth: string): string[] {
  const entry = immunizationSchedule.cvx[cvx];
  if (!entry) return [];
  const limits = immunizationSchedule.cvxAgeLimits[cvx];
  return entry.antigens.filter((antigen) => {
    const limit = limits?.[antigen];
    if (!limit) return true;
    return (
      (!limit.beginAge || on >= addCdsiDuration(dateOfBirth, limit.beginAge)) &&
      (!limit.endAge || on < addCdsiDuration(dateOfBirth, limit.endAge))
    );
  });
}

/** The child's doses of one antigen, in date order, one a day, between birth and today. */
function dosesOfAntigen(
  antigen: string,
  doses: readonly AntigenDose[],
  dateOfBirth: string,
  today: string,
): AntigenDose[] {
  const byDay = new Map<string, AntigenDose>();
  for (const dose of doses) {
    if (dose.on < dateOfBirth || dose.on > today || byDay.has(dose.on)) continue;
    if (antigensOf(dose.cvx, dose.on, dateOfBirth).includes(antigen)) byDay.set(dose.on, dose);
  }
  return [...byDay.values()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

function routineDoses(series: ScheduleSeries): ScheduleDose[] {
  return series.doses.filter((dose) => dose.routine);
}

/** Rule 1: the product series when every dose so far is of its product, dose by dose. */
function pathOf(entry: ScheduleAntigen, doses: readonly AntigenDose[]): ScheduleDose[] {
  const product = entry.productSeries;
  if (product && doses.length > 0) {
    const productDoses = routineDoses(product);
    const allOfProduct = doses.every((dose, index) => {
      const target = productDoses[Math.min(index, productDoses.length - 1)];
      return target?.productCvx?.includes(dose.cvx) ?? false;
    });
    if (allOfProduct) return productDoses;
  }
  return routineDoses(entry.series);
}

function isValidFor(
  target: ScheduleDose,
  on: string,
  dateOfBirth: string,
  previous: string | null,
): boolean {
  if (target.absMinAge && on < addCdsiDuration(dateOfBirth, target.absMinAge)) return false;
  if (target.maxAge && on >= addCdsiDuration(dateOfBirth, target.maxAge)) return false;
  const absMinInt = target.intervalFromPrevious?.absMinInt;
  return !(previous && absMinInt && on < addCdsiDuration(previous, absMinInt));
}

/** Rule 2: how far along the path the doses take the child, and which dates counted. */
function evaluate(
  path: readonly ScheduleDose[],
  doses: readonly AntigenDose[],
  dateOfBirth: string,
): { position: number; counted: string[] } {
  let position = 0;
  const counted: string[] = [];
  for (const dose of doses) {
    const previous = counted.at(-1) ?? null;
    for (let target = position; target < path.length; target++) {
      const candidate = path[target]!;
      const skipFrom = candidate.skipWhenGivenFromAge;
      if (skipFrom && dose.on >= addCdsiDuration(dateOfBirth, skipFrom)) continue;
      if (isValidFor(candidate, dose.on, dateOfBirth, previous)) {
        counted.push(dose.on);
        position = target + 1;
      }
      break;
    }
    if (position >= path.length) break;
  }
  return { position, counted };
}

function words(duration: CdsiDuration): string {
  const zero =
    duration.years === 0 && duration.months === 0 && duration.weeks === 0 && duration.days === 0;
  return zero ? 'birth' : duration.cdsi;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The first season (as a yearly window) that has not ended by `date`. */
function seasonNotEndedBy(date: string, season: ScheduleSeason): { start: string; end: string } {
  const year = Number(date.slice(0, 4));
  for (const startYear of [year - 1, year]) {
    const start = `${startYear}-${season.startMonthDay}`;
    const endYear = season.endMonthDay >= season.startMonthDay ? startYear : startYear + 1;
    const end = `${endYear}-${season.endMonthDay}`;
    if (end >= date) return { start, end };
  }
  const start = `${year + 1}-${season.startMonthDay}`;
  return {
    start,
    end: `${season.endMonthDay >= season.startMonthDay ? year + 1 : year + 2}-${season.endMonthDay}`,
  };
}

/** Rules 3 and 4 for one antigen. */
function antigenStatus(
  entry: ScheduleAntigen,
  doses: readonly AntigenDose[],
  dateOfBirth: string,
  today: string,
): AntigenStatus {
  const path = pathOf(entry, doses);
  const { position, counted } = evaluate(path, doses, dateOfBirth);
  const base = { position, counted: counted.length, pathLength: path.length };
  const target = path[position];
  if (!target) return { ...base, status: 'complete', nextDose: null };

  const previous = counted.at(-1) ?? null;
  const interval = previous ? target.intervalFromPrevious : null;
  const fromBirth = (age: CdsiDuration | null) => (age ? [addCdsiDuration(dateOfBirth, age)] : []);
  const fromPrevious = (gap: CdsiDuration | null | undefined) =>
    previous && gap ? [addCdsiDuration(previous, gap)] : [];

  const earliest = laterOf(
    dateOfBirth,
    ...fromBirth(target.minAge),
    ...fromPrevious(interval?.minInt),
  );
  let recommendedFrom = laterOf(
    earliest,
    ...fromBirth(target.earliestRecAge),
    ...fromPrevious(interval?.earliestRecInt),
  );
  const maxAgeDate = target.maxAge ? addCdsiDuration(dateOfBirth, target.maxAge) : null;
  let latestDate = maxAgeDate ? dayBefore(maxAgeDate) : null;

  if (maxAgeDate && (today >= maxAgeDate || earliest >= maxAgeDate))
    return { ...base, status: 'not_needed', nextDose: null };
  if (entry.season) {
    const season = seasonNotEndedBy(laterOf(today, recommendedFrom), entry.season);
    recommendedFrom = laterOf(recommendedFrom, season.start);
    latestDate = latestDate ? earlierOf(latestDate, season.end) : season.end;
    if (maxAgeDate && recommendedFrom >= maxAgeDate)
      return { ...base, status: 'not_needed', nextDose: null };
  } else if (latestDate && recommendedFrom > latestDate) {
    // Late previous dose: the recommended interval would pass the maximum age, the minimum one does not.
    recommendedFrom = earliest;
  }

  const [firstLatest, ...otherLatest] = [
    ...fromBirth(target.latestRecAge),
    ...fromPrevious(interval?.latestRecInt),
  ];
  let overdueAfter = firstLatest
    ? laterOf(recommendedFrom, dayBefore(laterOf(firstLatest, ...otherLatest)))
    : null;
  if (overdueAfter && latestDate) overdueAfter = earlierOf(overdueAfter, latestDate);

  const number = position + 1;
  const recommendedInterval = target.intervalFromPrevious?.earliestRecInt;
  let ageWords = target.earliestRecAge
    ? words(target.earliestRecAge)
    : recommendedInterval
      ? `${recommendedInterval.cdsi} after dose ${number - 1}`
      : '';
  if (entry.season) {
    const [startMonth, endMonth] = [entry.season.startMonthDay, entry.season.endMonthDay].map(
      (monthDay) => monthNames[Number(monthDay.slice(0, 2)) - 1],
    );
    ageWords = `${target.maxAge ? `before ${target.maxAge.cdsi}` : ageWords}, in the ${startMonth}–${endMonth} season`;
  }

  const status: ImmunizationStatus =
    today < recommendedFrom
      ? counted.length > 0
        ? 'up_to_date'
        : 'not_yet_due'
      : overdueAfter && today > overdueAfter
        ? 'overdue'
        : 'due_now';
  return {
    ...base,
    status,
    nextDose: { number, recommendedFrom, overdueAfter, latestDate, ageWords },
  };
}

/** Rule 6: one flu dose each season, from 6 months. */
function fluStatus(
  entry: ScheduleAntigen,
  doses: readonly AntigenDose[],
  dateOfBirth: string,
  today: string,
): AntigenStatus {
  const first = routineDoses(entry.series)[0];
  const startAge = first?.earliestRecAge ?? first?.minAge;
  const season = entry.season;
  if (!first || !startAge || !season)
    throw new Error('The influenza schedule lacks its first dose or its season');
  const counted = doses
    .filter((dose) => isValidFor(first, dose.on, dateOfBirth, null))
    .map((dose) => dose.on);
  const base = { position: counted.length, counted: counted.length, pathLength: null };
  const noEnd = { number: 1, overdueAfter: null, latestDate: null };
  const startsOn = addCdsiDuration(dateOfBirth, startAge);

  if (today < startsOn)
    return {
      ...base,
      status: 'not_yet_due',
      nextDose: { ...noEnd, recommendedFrom: startsOn, ageWords: words(startAge) },
    };
  const thisSeason = seasonNotEndedBy(today, season);
  if (counted.some((on) => on >= thisSeason.start)) {
    const nextSeason = seasonNotEndedBy(addDays(thisSeason.end, 1), season);
    return {
      ...base,
      status: 'up_to_date',
      nextDose: { ...noEnd, recommendedFrom: nextSeason.start, ageWords: 'every flu season' },
    };
  }
  return {
    ...base,
    status: 'due_now',
    nextDose: {
      ...noEnd,
      recommendedFrom: laterOf(thisSeason.start, startsOn),
      ageWords: 'every flu season',
    },
  };
}

/**
 * The status of every row of the childhood schedule, in schedule order, on `today`.
 * Throws a RangeError for a date that is not a real `YYYY-MM-DD` date, or a birth after `today`.
 */
export function immunizationStatus({
  dateOfBirth,
  today,
  doses,
}: {
  dateOfBirth: string;
  today: string;
  doses: readonly RecordedDose[];
}): ImmunizationGroupStatus[] {
  parseCalendarDate(dateOfBirth, 'dateOfBirth');
  parseCalendarDate(today, 'today');
  if (today < dateOfBirth)
    throw new RangeError(`today (${today}) is before the date of birth (${dateOfBirth})`);
  const recorded: AntigenDose[] = doses.map((dose) => {
    parseCalendarDate(dose.administeredOn, 'administeredOn');
    return { on: dose.administeredOn, cvx: canonicalCvx(dose.cvx) };
  });

  return immunizationGroups.map(({ group, label, antigens }) => {
    const results = antigens.map((antigen) => {
      const entry = immunizationSchedule.antigens[antigen];
      if (!entry) throw new Error(`The immunization schedule has no ${antigen}: regenerate it`);
      const antigenDoses = dosesOfAntigen(antigen, recorded, dateOfBirth, today);
      return antigen === 'Influenza'
        ? fluStatus(entry, antigenDoses, dateOfBirth, today)
        : antigenStatus(entry, antigenDoses, dateOfBirth, today);
    });
    // Rule 5: the antigen furthest behind; reduce keeps the first on a tie.
    const behind = results.reduce((furthest, result) =>
      result.position < furthest.position ? result : furthest,
    );
    const recordedDays = new Set(
      recorded
        .filter((dose) =>
          antigens.some((antigen) => antigensOf(dose.cvx, dose.on, dateOfBirth).includes(antigen)),
        )
        .map((dose) => dose.on),
    );
    return {
      group,
      label,
      dosesRecorded: recordedDays.size,
      dosesCounted: behind.counted,
      dosesInSeries: behind.pathLength,
      status: behind.status,
      nextDose: behind.nextDose,
    };
  });
}
