import 'server-only';

/**
 * The childhood immunization schedule as data: CDC CDSi Supporting Data, reduced by
 * scripts/build-immunization-schedule.ts to the default child series of each antigen the portal
 * shows, plus CDC's CVX → antigen map. Imported statically so it is bundled with the server code,
 * never read from disk at run time. lib/records/data/README.md says where it comes from.
 */
import type { CdsiDuration, CdsiReleaseSource } from './cdsi-dates';
import scheduleJson from './data/immunization-schedule.json';

export type ScheduleInterval = {
  absMinInt: CdsiDuration | null;
  minInt: CdsiDuration | null;
  earliestRecInt: CdsiDuration | null;
  latestRecInt: CdsiDuration | null;
};

export type ScheduleDose = {
  /** CDSi's dose number in the series ("Dose 10" → 10). */
  doseNumber: number;
  /** Part of the on-time path a child follows; the others are kept for reference only. */
  routine: boolean;
  /** Why a dose is not routine (catch-up only, never forecast, adult booster…); null when routine. */
  notRoutineBecause: string | null;
  absMinAge: CdsiDuration | null;
  minAge: CdsiDuration | null;
  earliestRecAge: CdsiDuration | null;
  latestRecAge: CdsiDuration | null;
  /** A dose given on or after this age does not count; a dose not given by then is no longer given. */
  maxAge: CdsiDuration | null;
  /** Interval from the previous dose of the series (CDSi fromPrevious = Y), when the series sets one. */
  intervalFromPrevious: ScheduleInterval | null;
  /**
   * CDSi's evaluation skip reduced to its plain age rule: a dose given on or after this age makes
   * this dose unnecessary and counts for a later one instead (Hib dose 2 from 15 months − 4 days).
   */
  skipWhenGivenFromAge: CdsiDuration | null;
  /** Product series only: the CVX codes a dose must be for the child to follow that series. */
  productCvx: string[] | null;
};

export type ScheduleSeries = {
  name: string;
  /** The genders CDSi restricts the series to ("Female", "Unknown"); empty when it is for every child. */
  requiredGender: string[];
  doses: ScheduleDose[];
};

export type ScheduleSeason = {
  /** The season of the CDSi release, as CDSi dates it. */
  cdsiStartDate: string;
  cdsiEndDate: string;
  /** The same season as a yearly window, `MM-DD`: the start and the last day. */
  startMonthDay: string;
  endMonthDay: string;
};

export type ScheduleAntigen = {
  antigen: string;
  /** The default child series (see seriesRule in the JSON header). */
  series: ScheduleSeries;
  /** A CDSi "product path" series followed instead when every dose so far is of that product. */
  productSeries: ScheduleSeries | null;
  season: ScheduleSeason | null;
  /** CDSi's administration guidance for the series, written for clinicians. */
  guidance: string[];
};

export type ScheduleCvx = { name: string; antigens: string[] };
export type CvxAgeLimit = { beginAge: CdsiDuration | null; endAge: CdsiDuration | null };

export type ImmunizationSchedule = {
  source: CdsiReleaseSource;
  generatedOn: string;
  regenerate: string;
  seriesRule: string;
  antigens: Record<string, ScheduleAntigen>;
  /** CDSi's CVX → antigen map (ScheduleSupportingData.xml): CVX 110 counts for five antigens. */
  cvx: Record<string, ScheduleCvx>;
  /** The few associations CDSi limits by age (Zoster live counts for varicella only before 50). */
  cvxAgeLimits: Record<string, Record<string, CvxAgeLimit>>;
};

export const immunizationSchedule: ImmunizationSchedule = scheduleJson;
