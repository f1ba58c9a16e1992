/**
 * Builds lib/records/data/immunization-schedule.json, the childhood schedule behind the parent's
 * immunization status (lib/records/immunization-status.ts), from CDC's CDSi Supporting Data.
 *
 *   npx tsx --conditions=react-server scripts/build-immunization-schedule.ts [folder holding the CDSi XML]
 *
 * The folder defaults to ../shared/data/cdsi-schedule/XML beside the repository. The JSON is
 * generated ahead of time and committed, so the app never parses XML at run time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { parseCdsiDuration, type CdsiDuration } from '../lib/records/cdsi-dates';
import { shownAntigens } from '../lib/records/immunization-groups';
import type {
  CvxAgeLimit,
  ImmunizationSchedule,
  ScheduleAntigen,
  ScheduleCvx,
  ScheduleDose,
  ScheduleInterval,
  ScheduleSeason,
  ScheduleSeries,
} from '../lib/records/immunization-schedule';
import { parseXml, readXmlFile, repoRoot, type XmlElement } from './build-cvx';

/** The CDSi XML, read by this script and by build-cdsi-data.ts. */
export const defaultSourceFolder = path.resolve(repoRoot, '../shared/data/cdsi-schedule/XML');
const outputFile = path.join(repoRoot, 'lib/records/data/immunization-schedule.json');

// Where the XML came from. The files do not carry this themselves: update it when replacing them.
export const cdsiOrigin = {
  publisher: 'CDC, Clinical Decision Support for Immunization (CDSi) Supporting Data',
  version: '4.64',
  releaseNotesDated: '2025-11-10',
  license: 'public domain, CDC',
  repository: 'https://github.com/immregistries/StepIntoCDSI',
  path: 'src/main/resources/supporting-data/',
  commit: 'cebbc2967f6b26deae3a395ed85156c57078a15e',
};

export const antigenFileName = (antigen: string) => `AntigenSupportingData- ${antigen}-508.xml`;
const scheduleFileName = 'ScheduleSupportingData.xml';

/*
 * Which series is "the" child series. CDSi gives each antigen several series and picks among them
 * per patient (risk conditions, age at the first dose, products given). The portal shows one: the
 * series CDSi marks as the default (selectSeries/defaultSeries = Yes) among its standard series
 * (seriesType = Standard, so no risk-condition series), that a child can start at birth (no
 * minAgeToStart: this drops the default series CDSi keeps for adults, "Pneumococcal 50+" and
 * "RSV 75 years+", which sit in their own series groups). Exactly one must remain, except that HPV
 * has a default series for females (and unknown gender) and one for males: they must be identical
 * apart from the gender, and are kept once for every child. Every series picked this way is also CDSi's seriesPreference 1 and not a product path,
 * which the build checks.
 */
export const seriesRule =
  'Per antigen, the series with seriesType Standard, selectSeries/defaultSeries Yes and no minAgeToStart ' +
  '(a series a child can start at birth; adult default series such as Pneumococcal 50+ have one). ' +
  'Exactly one remains, with seriesPreference 1 and productPath No; HPV has identical female (and unknown) ' +
  'and male default series, kept once with requiredGender [].';

export type AntigenPlan = {
  antigen: string;
  /** CDSi dose numbers of the default series a child vaccinated on time receives, in order. */
  routine: number[];
  /** Every other dose number of the series, with the reason it is left out. */
  notRoutine?: Record<number, string>;
  /** A CDSi product-path series to follow when every dose is of that product. */
  productSeries?: string;
};

/*
 * The on-time path through each default series. CDSi series also hold doses an on-time child never
 * gets: catch-up doses for a child first vaccinated at 7 or older, an evaluation-only slot, the adult
 * booster. CDSi chooses among them with conditional skips (dose counts, intervals, ages) that belong
 * to the full evaluation engine, so the portal leaves those doses out and says why here. The build
 * fails when a release adds or removes a dose, so the choice is always revisited.
 */
const neverForecast =
  'CDSi never forecasts this dose: it only lets a sixth childhood dose be evaluated';
const catchUpFrom7 = 'catch-up dose for a child who was not fully vaccinated before 7 years';
const adultBooster =
  'Td or Tdap booster every 10 years, an adult dose outside the childhood schedule';

export const antigenPlans: readonly AntigenPlan[] = [
  { antigen: 'HepB', routine: [1, 2, 3] },
  // Rotarix (CVX 119) needs two doses; CDSi follows its product series when every dose is Rotarix.
  { antigen: 'Rotavirus', routine: [1, 2, 3], productSeries: 'Rotavirus 2-dose series' },
  {
    antigen: 'Diphtheria',
    routine: [1, 2, 3, 4, 5, 10],
    notRoutine: {
      6: neverForecast,
      7: catchUpFrom7,
      8: catchUpFrom7,
      9: catchUpFrom7,
      11: adultBooster,
    },
  },
  {
    antigen: 'Tetanus',
    routine: [1, 2, 3, 4, 5, 10],
    notRoutine: {
      6: neverForecast,
      7: catchUpFrom7,
      8: catchUpFrom7,
      9: catchUpFrom7,
      11: adultBooster,
    },
  },
  {
    antigen: 'Pertussis',
    // Doses 10 and 11 are both the adolescent Tdap at 11–12 years, with the same ages; CDSi skips 10
    // for a child with more than three doses, so a child vaccinated on time gets 11.
    routine: [1, 2, 3, 4, 5, 11],
    notRoutine: {
      6: neverForecast,
      7: catchUpFrom7,
      8: catchUpFrom7,
      9: catchUpFrom7,
      10: 'adolescent Tdap for a child with three doses or fewer; a child with the full childhood series gets dose 11',
    },
  },
  // PedvaxHIB (PRP-OMP, CVX 49) needs two infant doses and a booster instead of three and a booster.
  { antigen: 'Hib', routine: [1, 2, 3, 4], productSeries: 'Hib PRP-OMP 3-dose series' },
  {
    antigen: 'Pneumococcal',
    routine: [1, 2, 3, 4],
    notRoutine: {
      5: 'extra dose only for a child whose doses were all the old PCV7; never needed after PCV13, PCV15 or PCV20',
    },
  },
  { antigen: 'Polio', routine: [1, 2, 3, 4] },
  {
    antigen: 'Influenza',
    routine: [1],
    notRoutine: {
      2: "CDSi's second dose in a young child's first season and the yearly dose after it; the portal counts one dose each season",
    },
  },
  { antigen: 'Measles', routine: [1, 2] },
  { antigen: 'Mumps', routine: [1, 2] },
  { antigen: 'Rubella', routine: [1, 2] },
  { antigen: 'Varicella', routine: [1, 2] },
  { antigen: 'HepA', routine: [1, 2] },
  { antigen: 'Meningococcal', routine: [1, 2] },
  {
    antigen: 'HPV',
    // CDSi's dose 2 is the middle dose of three, counted only when a second shot came less than
    // 5 months after the first; its dose 3, from 5 months after dose 1, is the second dose a child
    // starting on time gets. Following 1 → 3 makes a second shot given too soon not count, as CDSi does.
    routine: [1, 3],
    notRoutine: {
      2: 'second dose of three, for a second shot given less than 5 months after the first',
    },
  },
  { antigen: 'RSV', routine: [1] },
];

// ── Reading the CDSi XML ────────────────────────────────────────────────────────────────────────

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** CDSi writes an absent block as an empty element (<interval/>, <conditionalSkip/>): skip those. */
function blocksNamed(element: XmlElement, name: string): XmlElement[] {
  return childrenNamed(element, name).filter((child) => child.children.length > 0);
}

/** Text of the one child element `name`; "" when it is empty. Missing or repeated elements throw. */
function textOf(element: XmlElement, name: string): string {
  const matches = childrenNamed(element, name);
  if (matches.length !== 1)
    throw new Error(`<${element.name}> has ${matches.length} <${name}> elements, expected 1`);
  return clean(matches[0]!.text);
}

function onlyChild(element: XmlElement, name: string): XmlElement {
  const matches = childrenNamed(element, name);
  if (matches.length !== 1)
    throw new Error(`<${element.name}> has ${matches.length} <${name}> elements, expected 1`);
  return matches[0]!;
}

function durationOf(element: XmlElement, name: string): CdsiDuration | null {
  const text = textOf(element, name);
  return text === '' ? null : parseCdsiDuration(text);
}

/** CDSi writes "Dose 10". */
function doseNumberOf(dose: XmlElement): number {
  const match = /^Dose (\d+)$/.exec(textOf(dose, 'doseNumber'));
  if (!match) throw new Error(`Unexpected doseNumber "${textOf(dose, 'doseNumber')}"`);
  return Number(match[1]);
}

/** The rule in force today: CDSi keeps superseded ones (Polio dose 4 before 2009) with a cessation date. */
function currentOnly(elements: XmlElement[], what: string): XmlElement | null {
  const current = elements.filter((element) => textOf(element, 'cessationDate') === '');
  if (current.length > 1)
    throw new Error(`${what}: ${current.length} current entries, expected at most 1`);
  return current[0] ?? null;
}

/**
 * The interval from the previous dose of the path: CDSi's fromPrevious interval, or, when the
 * path leaves out the dose just before (HPV goes from dose 1 to dose 3), the interval CDSi counts
 * from the path's previous dose (fromTargetDose).
 */
function readInterval(
  dose: XmlElement,
  what: string,
  previousDose: number | null,
): ScheduleInterval | null {
  if (previousDose === null) return null;
  const intervals = blocksNamed(dose, 'interval');
  const fromTarget = intervals.filter(
    (interval) => textOf(interval, 'fromTargetDose') === String(previousDose),
  );
  const fromPrevious = intervals.filter((interval) => textOf(interval, 'fromPrevious') === 'Y');
  const interval = currentOnly(
    previousDose === doseNumberOf(dose) - 1 ? fromPrevious : fromTarget,
    `${what} interval`,
  );
  if (!interval) return null;
  return {
    absMinInt: durationOf(interval, 'absMinInt'),
    minInt: durationOf(interval, 'minInt'),
    earliestRecInt: durationOf(interval, 'earliestRecInt'),
    latestRecInt: durationOf(interval, 'latestRecInt'),
  };
}

/**
 * The plain age rule of a dose's evaluation skip, if it has one: a set (of an Evaluation or Both
 * skip) whose every condition is "Age, from beginAge". Sets that also test intervals or dose counts
 * are left to the full CDSi engine; so is a skip whose sets must all hold (setLogic AND).
 */
function readSkipAge(dose: XmlElement, what: string): CdsiDuration | null {
  const ages = new Set<string>();
  for (const skip of blocksNamed(dose, 'conditionalSkip')) {
    if (!['Evaluation', 'Both'].includes(textOf(skip, 'context'))) continue;
    const sets = blocksNamed(skip, 'set');
    if (sets.length > 1 && textOf(skip, 'setLogic') !== 'OR') continue;
    for (const set of sets) {
      if (textOf(set, 'effectiveDate') !== '' || textOf(set, 'cessationDate') !== '') continue;
      const conditions = blocksNamed(set, 'condition');
      const plainAge =
        conditions.length > 0 &&
        conditions.every(
          (condition) =>
            textOf(condition, 'conditionType').toLowerCase() === 'age' &&
            textOf(condition, 'beginAge') !== '' &&
            textOf(condition, 'endAge') === '',
        );
      if (plainAge) for (const condition of conditions) ages.add(textOf(condition, 'beginAge'));
    }
  }
  if (ages.size > 1) throw new Error(`${what}: several skip ages (${[...ages].join(', ')})`);
  const [age] = ages;
  return age === undefined ? null : parseCdsiDuration(age);
}

function readDose(
  dose: XmlElement,
  what: string,
  plan: AntigenPlan | null,
  product: boolean,
): ScheduleDose {
  const doseNumber = doseNumberOf(dose);
  const label = `${what} dose ${doseNumber}`;
  const age = currentOnly(blocksNamed(dose, 'age'), `${label} age`);
  const routine = plan ? plan.routine.includes(doseNumber) : true;
  // A routine dose follows the routine dose before it; a left-out dose keeps CDSi's own order.
  const routineBefore = plan?.routine.filter((number) => number < doseNumber).at(-1);
  const previousDose =
    routine && plan ? (routineBefore ?? null) : doseNumber > 1 ? doseNumber - 1 : null;
  return {
    doseNumber,
    routine,
    notRoutineBecause: routine ? null : (plan?.notRoutine?.[doseNumber] ?? null),
    absMinAge: age ? durationOf(age, 'absMinAge') : null,
    minAge: age ? durationOf(age, 'minAge') : null,
    earliestRecAge: age ? durationOf(age, 'earliestRecAge') : null,
    latestRecAge: age ? durationOf(age, 'latestRecAge') : null,
    maxAge: age ? durationOf(age, 'maxAge') : null,
    intervalFromPrevious: readInterval(dose, label, previousDose),
    skipWhenGivenFromAge: readSkipAge(dose, label),
    productCvx: product
      ? childrenNamed(dose, 'preferableVaccine').map((vaccine) => textOf(vaccine, 'cvx'))
      : null,
  };
}

/** CDSi lists the genders a series is for ("Female", "Unknown"); none means every child. */
function gendersOf(series: XmlElement): string[] {
  return childrenNamed(series, 'requiredGender')
    .map((gender) => clean(gender.text))
    .filter(Boolean);
}

function readSeries(
  series: XmlElement,
  plan: AntigenPlan | null,
  product: boolean,
): ScheduleSeries {
  const name = textOf(series, 'seriesName');
  return {
    name,
    requiredGender: gendersOf(series),
    doses: childrenNamed(series, 'seriesDose').map((dose) => readDose(dose, name, plan, product)),
  };
}

/** CDSi writes seasons as YYYYMMDD. */
function isoDate(cdsiDate: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(cdsiDate);
  if (!match) throw new Error(`Unexpected CDSi date "${cdsiDate}"`);
  return `${match[1]}-${match[2]}-${match[3]}`;
}

function readSeason(series: XmlElement, routine: readonly number[]): ScheduleSeason | null {
  const seasons = new Set<string>();
  for (const dose of childrenNamed(series, 'seriesDose')) {
    if (!routine.includes(doseNumberOf(dose))) continue;
    for (const season of blocksNamed(dose, 'seasonalRecommendation')) {
      const start = textOf(season, 'startDate');
      const end = textOf(season, 'endDate');
      if (start || end) seasons.add(`${isoDate(start)}/${isoDate(end)}`);
    }
  }
  if (seasons.size > 1)
    throw new Error(
      `${textOf(series, 'seriesName')}: several seasons (${[...seasons].join(', ')})`,
    );
  const [season] = seasons;
  if (!season) return null;
  const [cdsiStartDate, cdsiEndDate] = season.split('/') as [string, string];
  return {
    cdsiStartDate,
    cdsiEndDate,
    startMonthDay: cdsiStartDate.slice(5),
    endMonthDay: cdsiEndDate.slice(5),
  };
}

function isDefaultChildSeries(series: XmlElement): boolean {
  const select = onlyChild(series, 'selectSeries');
  return (
    textOf(series, 'seriesType') === 'Standard' &&
    textOf(select, 'defaultSeries') === 'Yes' &&
    textOf(select, 'minAgeToStart') === ''
  );
}

/** The one default child series (see seriesRule), checked as described there. */
export function pickDefaultSeries(
  root: XmlElement,
  antigen: string,
): { element: XmlElement; oneForEachGender: boolean } {
  const candidates = childrenNamed(root, 'series').filter(isDefaultChildSeries);
  if (candidates.length === 0) throw new Error(`${antigen}: no default child series`);
  for (const series of candidates) {
    const select = onlyChild(series, 'selectSeries');
    if (textOf(select, 'seriesPreference') !== '1' || textOf(select, 'productPath') !== 'No') {
      throw new Error(
        `${antigen}: default series "${textOf(series, 'seriesName')}" is not seriesPreference 1 without a product path`,
      );
    }
  }
  const [first, ...others] = candidates as [XmlElement, ...XmlElement[]];
  const doses = (series: XmlElement) => JSON.stringify(readSeries(series, null, false).doses);
  const genders = candidates.flatMap(gendersOf);
  const oneForEachGender =
    candidates.every((series) => gendersOf(series).length > 0) &&
    new Set(genders).size === genders.length &&
    others.every((other) => doses(other) === doses(first));
  if (others.length > 0 && !oneForEachGender) {
    throw new Error(
      `${antigen}: ${candidates.length} default child series that are not one series for each gender`,
    );
  }
  return { element: first, oneForEachGender: others.length > 0 };
}

export function buildAntigen(antigenXml: string, plan: AntigenPlan): ScheduleAntigen {
  const root = parseXml(antigenXml);
  if (root.name !== 'antigenSupportingData')
    throw new Error(`${plan.antigen}: unexpected root <${root.name}>`);
  const { element: chosen, oneForEachGender } = pickDefaultSeries(root, plan.antigen);
  const series = readSeries(chosen, plan, false);
  if (oneForEachGender) series.requiredGender = [];

  const numbers = series.doses.map((dose) => dose.doseNumber);
  const planned = [...plan.routine, ...Object.keys(plan.notRoutine ?? {}).map(Number)].sort(
    (a, b) => a - b,
  );
  if (JSON.stringify(planned) !== JSON.stringify(numbers)) {
    throw new Error(
      `${plan.antigen}: "${series.name}" has doses ${numbers.join(', ')}; the plan names ${planned.join(', ')}`,
    );
  }
  for (const dose of series.doses.filter((dose) => dose.routine)) {
    // The engine needs, for every routine dose, when it is recommended and when it stops being on time.
    if (!dose.absMinAge && !dose.intervalFromPrevious?.absMinInt)
      throw new Error(
        `${series.name} dose ${dose.doseNumber}: no absolute minimum age or interval`,
      );
    if (!dose.earliestRecAge && !dose.intervalFromPrevious?.earliestRecInt)
      throw new Error(`${series.name} dose ${dose.doseNumber}: no recommended age or interval`);
    const hasEnd = dose.latestRecAge || dose.intervalFromPrevious?.latestRecInt || dose.maxAge;
    if (!hasEnd && plan.antigen !== 'Influenza')
      throw new Error(
        `${series.name} dose ${dose.doseNumber}: no latest recommended age or interval, nor maximum age`,
      );
  }

  let productSeries: ScheduleSeries | null = null;
  if (plan.productSeries) {
    const element = childrenNamed(root, 'series').find(
      (candidate) => textOf(candidate, 'seriesName') === plan.productSeries,
    );
    const select = element && onlyChild(element, 'selectSeries');
    if (
      !element ||
      !select ||
      textOf(element, 'seriesType') !== 'Standard' ||
      textOf(select, 'productPath') !== 'Yes'
    ) {
      throw new Error(`${plan.antigen}: no standard product-path series "${plan.productSeries}"`);
    }
    productSeries = readSeries(element, null, true);
  }

  return {
    antigen: plan.antigen,
    series,
    productSeries,
    season: readSeason(chosen, plan.routine),
    guidance: childrenNamed(chosen, 'seriesAdminGuidance')
      .map((guidance) => clean(guidance.text))
      .filter(Boolean),
  };
}

/** ScheduleSupportingData.xml: cvxToAntigenMap, with the rare age-limited associations apart. */
export function buildCvxMap(scheduleXml: string): {
  cvx: Record<string, ScheduleCvx>;
  cvxAgeLimits: Record<string, Record<string, CvxAgeLimit>>;
} {
  const root = parseXml(scheduleXml);
  if (root.name !== 'scheduleSupportingData')
    throw new Error(`${scheduleFileName}: unexpected root <${root.name}>`);
  const cvx: Record<string, ScheduleCvx> = {};
  const cvxAgeLimits: Record<string, Record<string, CvxAgeLimit>> = {};
  for (const map of childrenNamed(onlyChild(root, 'cvxToAntigenMap'), 'cvxMap')) {
    const code = textOf(map, 'cvx');
    if (!/^\d+$/.test(code)) throw new Error(`${scheduleFileName}: unexpected CVX "${code}"`);
    if (cvx[code]) throw new Error(`${scheduleFileName}: CVX ${code} is mapped twice`);
    const antigens: string[] = [];
    for (const association of childrenNamed(map, 'association')) {
      const antigen = textOf(association, 'antigen');
      antigens.push(antigen);
      const limit = {
        beginAge: durationOf(association, 'associationBeginAge'),
        endAge: durationOf(association, 'associationEndAge'),
      };
      if (limit.beginAge || limit.endAge) (cvxAgeLimits[code] ??= {})[antigen] = limit;
    }
    cvx[code] = { name: textOf(map, 'shortDescription'), antigens };
  }
  // Key order needs no sorting to diff cleanly: JavaScript lists integer keys ("110") in numeric
  // order, then the zero-padded ones ("03") in file order, the same on every run.
  return { cvx, cvxAgeLimits };
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────────

/** Pretty but compact: a value that fits in `width` characters stays on one line, so the file diffs by dose. */
export function formatCompactJson(value: unknown, indent = '', width = 110): string {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || flat.length + indent.length <= width)
    return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => inner + formatCompactJson(item, inner, width)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).map(
    ([key, item]) => `${inner}${JSON.stringify(key)}: ${formatCompactJson(item, inner, width)}`,
  );
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

function sha256OfFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function buildSchedule(sourceFolder: string, generatedOn: string): ImmunizationSchedule {
  const missing = shownAntigens.filter(
    (antigen) => !antigenPlans.some((plan) => plan.antigen === antigen),
  );
  if (missing.length > 0)
    throw new Error(
      `No plan for ${missing.join(', ')} (lib/records/immunization-groups.ts shows them)`,
    );
  const files = [...antigenPlans.map((plan) => antigenFileName(plan.antigen)), scheduleFileName];
  const antigens: Record<string, ScheduleAntigen> = {};
  for (const plan of antigenPlans)
    antigens[plan.antigen] = buildAntigen(
      readXmlFile(path.join(sourceFolder, antigenFileName(plan.antigen))),
      plan,
    );
  const { cvx, cvxAgeLimits } = buildCvxMap(readXmlFile(path.join(sourceFolder, scheduleFileName)));
  const mapped = new Set(Object.values(cvx).flatMap((entry) => entry.antigens));
  const unmapped = antigenPlans
    .map((plan) => plan.antigen)
    .filter((antigen) => !mapped.has(antigen));
  if (unmapped.length > 0)
    throw new Error(`${scheduleFileName} maps no CVX code to ${unmapped.join(', ')}`);
  return {
    // The hashes tell a reviewer whether a regenerated table really came from the same files.
    source: {
      ...cdsiOrigin,
      sha256: Object.fromEntries(
        files.map((file) => [file, sha256OfFile(path.join(sourceFolder, file))]),
      ),
    },
    generatedOn,
    regenerate:
      'npx tsx --conditions=react-server scripts/build-immunization-schedule.ts [folder with the CDSi XML, default ../shared/data/cdsi-schedule/XML]',
    seriesRule,
    antigens,
    cvx,
    cvxAgeLimits,
  };
}

function main() {
  const sourceFolder = path.resolve(process.argv[2] ?? defaultSourceFolder);
  const schedule = buildSchedule(sourceFolder, new Date().toISOString().slice(0, 10));
  mkdirSync(path.dirname(outputFile), { recursive: true });
  writeFileSync(outputFile, `${formatCompactJson(schedule)}\n`);
  const doses = Object.values(schedule.antigens).reduce(
    (sum, antigen) => sum + antigen.series.doses.length,
    0,
  );
  console.log(
    `Wrote ${Object.keys(schedule.antigens).length} antigens (${doses} doses) and ${Object.keys(schedule.cvx).length} CVX codes to ${path.relative(process.cwd(), outputFile)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
