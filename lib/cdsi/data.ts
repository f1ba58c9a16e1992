import 'server-only';

/**
 * CDC's CDSi Supporting Data as the engine reads it: the JSON that scripts/build-cdsi-data.ts
 * converts from the XML release (lib/cdsi/data/README.md says which one, and where from).
 * Ages and intervals stay as CDSi's own text; lib/cdsi/dates.ts parses each once.
 */
import type { CdsiReleaseSource } from '../records/cdsi-dates';
import supportingJson from './data/cdsi-supporting-data.json';

export type CdsiAge = {
  absMinAge?: string;
  minAge?: string;
  earliestRecAge?: string;
  latestRecAge?: string;
  maxAge?: string;
  effectiveDate?: string;
  cessationDate?: string;
};

export type CdsiInterval = {
  fromPrevious?: boolean;
  fromTargetDose?: number;
  fromMostRecent?: string[];
  /** An interval from a patient observation (a risk condition): the portal records none. */
  fromRelevantObs?: string;
  absMinInt?: string;
  minInt?: string;
  earliestRecInt?: string;
  latestRecInt?: string;
  priority?: string;
  effectiveDate?: string;
  cessationDate?: string;
};

export type CdsiVaccine = {
  vaccineType: string;
  cvx: string;
  beginAge?: string;
  endAge?: string;
  mvx?: string;
  tradeName?: string;
  forecastVaccineType?: boolean;
};

export type CdsiCondition = {
  /** Lower case: "age", "interval", "vaccine count by age", "vaccine count by date", "completed series"… */
  type: string;
  startDate?: string;
  endDate?: string;
  beginAge?: string;
  endAge?: string;
  interval?: string;
  doseCount?: number;
  doseType?: string;
  doseCountLogic?: string;
  vaccineTypes?: string[];
  seriesGroups?: string;
};

type CdsiSkipSet = {
  id: string;
  description: string;
  effectiveDate?: string;
  cessationDate?: string;
  conditionLogic: 'AND' | 'OR';
  conditions: CdsiCondition[];
};

export type CdsiSkip = {
  context: 'Evaluation' | 'Forecast' | 'Both';
  setLogic: 'AND' | 'OR';
  sets: CdsiSkipSet[];
};

export type CdsiSeriesDose = {
  doseNumber: number;
  ages: CdsiAge[];
  intervals: CdsiInterval[];
  allowableIntervals: CdsiInterval[];
  preferableVaccines: CdsiVaccine[];
  allowableVaccines: CdsiVaccine[];
  inadvertentVaccines: string[];
  conditionalSkips: CdsiSkip[];
  recurringDose?: boolean;
  season?: { startDate: string; endDate: string };
};

export type CdsiSeries = {
  name: string;
  targetDisease: string;
  vaccineGroup: string;
  seriesType: 'Standard' | 'Risk' | 'Evaluation Only';
  equivalentSeriesGroups?: string;
  requiredGender: string[];
  defaultSeries: boolean;
  productPath: boolean;
  seriesGroup: string;
  seriesGroupName?: string;
  seriesPriority: string;
  seriesPreference: number;
  minAgeToStart?: string;
  maxAgeToStart?: string;
  indications: string[];
  doses: CdsiSeriesDose[];
};

export type CdsiAntigen = {
  immunityBirthDate?: string;
  immunityBirthExclusions?: string[];
  series: CdsiSeries[];
};

export type CdsiSupportingData = {
  source: CdsiReleaseSource;
  generatedOn: string;
  regenerate: string;
  vaccineGroups: { name: string; administerFullVaccineGroup: boolean; antigens: string[] }[];
  antigens: Record<string, CdsiAntigen>;
  cvxToAntigens: Record<string, { antigen: string; beginAge?: string; endAge?: string }[]>;
  liveVirusConflicts: {
    previousCvx: string;
    currentCvx: string;
    conflictBeginInterval: string;
    minConflictEndInterval: string;
    conflictEndInterval: string;
  }[];
};

export const cdsiSupportingData = supportingJson as CdsiSupportingData;
