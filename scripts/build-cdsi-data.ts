/**
 * Builds lib/cdsi/data/cdsi-supporting-data.json, everything the CDSi evaluator and forecaster
 * (lib/cdsi/) reads from CDC's CDSi Supporting Data, for the antigens of the vaccine groups the
 * portal forecasts.
 *
 *   npx tsx --conditions=react-server scripts/build-cdsi-data.ts [folder holding the CDSi XML]
 *
 * The folder defaults to ../shared/data/cdsi-schedule/XML beside the repository. The conversion
 * is a faithful copy of the XML's fields (empty elements dropped), not a selection: series of every
 * type, every dose, age, interval, allowable interval, vaccine, conditional skip and season, the
 * CVX → antigen map with its ages, the live-virus conflicts and the vaccine groups. Every age and
 * interval string is parsed here once, so a wording the engine cannot read fails the build.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type {
  CdsiAge,
  CdsiAntigen,
  CdsiCondition,
  CdsiInterval,
  CdsiSeries,
  CdsiSeriesDose,
  CdsiSkip,
  CdsiSupportingData,
  CdsiVaccine,
} from '../lib/cdsi/data';
import { cdsiVaccineGroups } from '../lib/cdsi/groups';
import { parseCdsiDuration } from '../lib/records/cdsi-dates';
import { parseXml, readXmlFile, repoRoot, type XmlElement } from './build-cvx';
import { antigenFileName, cdsiOrigin, defaultSourceFolder } from './build-immunization-schedule';

export const cdsiOutputFile = path.join(repoRoot, 'lib/cdsi/data/cdsi-supporting-data.json');

function all(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}
function one(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}
function text(element: XmlElement | undefined, name: string): string | undefined {
  const value = element ? one(element, name)?.text.trim() : undefined;
  return value ? value : undefined;
}
/** An age or interval, checked readable now so the engine never meets one it cannot add. */
function duration(element: XmlElement | undefined, name: string): string | undefined {
  const value = text(element, name);
  if (value !== undefined) parseCdsiDuration(value);
  return value;
}
/** CDSi writes dates as YYYYMMDD (seasons, conditions) or MM/DD/YYYY (immunity). */
function date(element: XmlElement | undefined, name: string): string | undefined {
  const value = text(element, name);
  if (value === undefined) return undefined;
  let match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (match) return `${match[1]}-${match[2]}-${match[3]}`;
  match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (match) return `${match[3]}-${match[1]}-${match[2]}`;
  throw new Error(`Unreadable CDSi date "${value}"`);
}
function cvxList(value: string | undefined): string[] | undefined {
  return value
    ?.split(/[;,]/)
    .map((code) => code.trim())
    .filter(Boolean);
}
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function readVaccine(element: XmlElement): CdsiVaccine {
  return compact({
    vaccineType: text(element, 'vaccineType') ?? '',
    cvx: text(element, 'cvx') ?? '',
    beginAge: duration(element, 'beginAge'),
    endAge: duration(element, 'endAge'),
    mvx: text(element, 'mvx'),
    tradeName: text(element, 'tradeName'),
    forecastVaccineType: text(element, 'forecastVaccineType') === 'Y' ? true : undefined,
  });
}

function readCondition(element: XmlElement): CdsiCondition {
  return compact({
    type: (text(element, 'conditionType') ?? '').toLowerCase(),
    startDate: date(element, 'startDate'),
    endDate: date(element, 'endDate'),
    beginAge: duration(element, 'beginAge'),
    endAge: duration(element, 'endAge'),
    interval: duration(element, 'interval'),
    doseCount:
      text(element, 'doseCount') === undefined ? undefined : Number(text(element, 'doseCount')),
    doseType: text(element, 'doseType')?.toLowerCase(),
    doseCountLogic: text(element, 'doseCountLogic')?.toLowerCase(),
    vaccineTypes: cvxList(text(element, 'vaccineTypes')),
    seriesGroups: text(element, 'seriesGroups'),
  });
}

function readSkip(element: XmlElement): CdsiSkip {
  return {
    context: (text(element, 'context') ?? 'Both') as CdsiSkip['context'],
    setLogic: text(element, 'setLogic')?.toUpperCase() === 'AND' ? 'AND' : 'OR',
    sets: all(element, 'set').map((set) =>
      compact({
        id: text(set, 'setID') ?? '',
        description: text(set, 'setDescription') ?? '',
        effectiveDate: date(set, 'effectiveDate'),
        cessationDate: date(set, 'cessationDate'),
        conditionLogic: text(set, 'conditionLogic')?.toUpperCase() === 'OR' ? 'OR' : 'AND',
        conditions: all(set, 'condition').map(readCondition),
      }),
    ),
  };
}

function readInterval(element: XmlElement): CdsiInterval {
  const relevantObs = one(element, 'fromRelevantObs');
  return compact({
    fromPrevious: text(element, 'fromPrevious') === 'Y' ? true : undefined,
    fromTargetDose:
      text(element, 'fromTargetDose') === undefined
        ? undefined
        : Number(text(element, 'fromTargetDose')),
    fromMostRecent: cvxList(text(element, 'fromMostRecent')),
    fromRelevantObs: text(relevantObs, 'code'),
    absMinInt: duration(element, 'absMinInt'),
    minInt: duration(element, 'minInt'),
    earliestRecInt: duration(element, 'earliestRecInt'),
    latestRecInt: duration(element, 'latestRecInt'),
    priority: text(element, 'intervalPriority'),
    effectiveDate: date(element, 'effectiveDate'),
    cessationDate: date(element, 'cessationDate'),
  });
}

function readDose(element: XmlElement): CdsiSeriesDose {
  const doseNumber = /^Dose (\d+)$/.exec(text(element, 'doseNumber') ?? '');
  if (!doseNumber) throw new Error(`Unreadable dose number "${text(element, 'doseNumber')}"`);
  const season = one(element, 'seasonalRecommendation');
  return compact({
    doseNumber: Number(doseNumber[1]),
    ages: all(element, 'age').map((age): CdsiAge =>
      compact({
        absMinAge: duration(age, 'absMinAge'),
        minAge: duration(age, 'minAge'),
        earliestRecAge: duration(age, 'earliestRecAge'),
        latestRecAge: duration(age, 'latestRecAge'),
        maxAge: duration(age, 'maxAge'),
        effectiveDate: date(age, 'effectiveDate'),
        cessationDate: date(age, 'cessationDate'),
      }),
    ),
    intervals: all(element, 'interval')
      .map(readInterval)
      .filter((interval) => Object.keys(interval).length > 0),
    allowableIntervals: all(element, 'allowableInterval')
      .map(readInterval)
      .filter((interval) => Object.keys(interval).length > 0),
    preferableVaccines: all(element, 'preferableVaccine').map(readVaccine),
    allowableVaccines: all(element, 'allowableVaccine').map(readVaccine),
    inadvertentVaccines: all(element, 'inadvertentVaccine')
      .map((vaccine) => text(vaccine, 'cvx'))
      .filter((cvx): cvx is string => cvx !== undefined),
    conditionalSkips: all(element, 'conditionalSkip')
      .filter((skip) => one(skip, 'set'))
      .map(readSkip),
    recurringDose: text(element, 'recurringDose') === 'Yes' ? true : undefined,
    season:
      season && text(season, 'startDate')
        ? { startDate: date(season, 'startDate')!, endDate: date(season, 'endDate')! }
        : undefined,
  });
}

function readSeries(element: XmlElement): CdsiSeries {
  const select = one(element, 'selectSeries');
  return compact({
    name: text(element, 'seriesName') ?? '',
    targetDisease: text(element, 'targetDisease') ?? '',
    vaccineGroup: text(element, 'vaccineGroup') ?? '',
    seriesType: (text(element, 'seriesType') ?? 'Standard') as CdsiSeries['seriesType'],
    equivalentSeriesGroups: text(element, 'equivalentSeriesGroups'),
    requiredGender: all(element, 'requiredGender')
      .map((gender) => gender.text.trim())
      .filter(Boolean),
    defaultSeries: text(select, 'defaultSeries') === 'Yes',
    productPath: text(select, 'productPath') === 'Yes',
    seriesGroup: text(select, 'seriesGroup') ?? '1',
    seriesGroupName: text(select, 'seriesGroupName'),
    seriesPriority: text(select, 'seriesPriority') ?? 'A',
    seriesPreference: Number(text(select, 'seriesPreference') ?? '1'),
    minAgeToStart: duration(select, 'minAgeToStart'),
    maxAgeToStart: duration(select, 'maxAgeToStart'),
    indications: all(element, 'indication')
      .map((indication) => text(one(indication, 'observationCode'), 'code'))
      .filter((code): code is string => code !== undefined),
    doses: all(element, 'seriesDose').map(readDose),
  });
}

function readAntigen(xml: string): CdsiAntigen {
  const root = parseXml(xml);
  const immunity = one(root, 'immunity');
  const birth = immunity ? one(immunity, 'dateOfBirth') : undefined;
  return compact({
    immunityBirthDate: date(birth, 'immunityBirthDate'),
    immunityBirthExclusions: birth
      ? all(birth, 'exclusion')
          .map((exclusion) => text(exclusion, 'exclusionCode'))
          .filter((code): code is string => code !== undefined)
      : undefined,
    series: all(root, 'series').map(readSeries),
  });
}

export function buildCdsiSupportingData(sourceFolder: string, generatedOn: string) {
  const read = (file: string) => readXmlFile(path.join(sourceFolder, file));
  const sha256: Record<string, string> = {};
  const hashed = (file: string) => {
    const xml = read(file);
    sha256[file] = createHash('sha256')
      .update(readFileSync(path.join(sourceFolder, file)))
      .digest('hex');
    return xml;
  };

  const schedule = parseXml(hashed('ScheduleSupportingData.xml'));
  const groupSection = one(schedule, 'vaccineGroups');
  const mapSection = one(schedule, 'vaccineGroupToAntigenMap');
  const groupAntigens = new Map(
    all(mapSection!, 'vaccineGroupMap').map((map) => [
      text(map, 'name')!,
      all(map, 'antigen').map((antigen) => antigen.text.trim()),
    ]),
  );
  const wanted = new Set<string>(cdsiVaccineGroups.map((group) => group.cdsiName));
  const vaccineGroups = all(groupSection!, 'vaccineGroup')
    .filter((group) => wanted.has(text(group, 'name')!))
    .map((group) => ({
      name: text(group, 'name')!,
      administerFullVaccineGroup: text(group, 'administerFullVaccineGroup') === 'Yes',
      antigens: groupAntigens.get(text(group, 'name')!) ?? [],
    }));
  if (vaccineGroups.length !== wanted.size)
    throw new Error('A vaccine group the portal forecasts is missing from ScheduleSupportingData');

  const antigens: Record<string, CdsiAntigen> = {};
  for (const antigen of [...new Set(vaccineGroups.flatMap((group) => group.antigens))].sort())
    antigens[antigen] = readAntigen(hashed(antigenFileName(antigen)));

  const cvxToAntigens: CdsiSupportingData['cvxToAntigens'] = {};
  for (const map of all(one(schedule, 'cvxToAntigenMap')!, 'cvxMap')) {
    cvxToAntigens[text(map, 'cvx')!] = all(map, 'association').map((association) =>
      compact({
        antigen: text(association, 'antigen')!,
        beginAge: duration(association, 'associationBeginAge'),
        endAge: duration(association, 'associationEndAge'),
      }),
    );
  }

  const liveVirusConflicts = all(one(schedule, 'liveVirusConflicts')!, 'liveVirusConflict').map(
    (conflict) => ({
      previousCvx: text(one(conflict, 'previous'), 'cvx')!,
      currentCvx: text(one(conflict, 'current'), 'cvx')!,
      conflictBeginInterval: duration(conflict, 'conflictBeginInterval')!,
      minConflictEndInterval: duration(conflict, 'minConflictEndInterval')!,
      conflictEndInterval: duration(conflict, 'conflictEndInterval')!,
    }),
  );

  const data: CdsiSupportingData = {
    source: { ...cdsiOrigin, sha256 },
    generatedOn,
    regenerate: 'npx tsx --conditions=react-server scripts/build-cdsi-data.ts [folder]',
    vaccineGroups,
    antigens,
    cvxToAntigens,
    liveVirusConflicts,
  };
  return data;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const folder = path.resolve(process.argv[2] ?? defaultSourceFolder);
  const today = new Date().toISOString().slice(0, 10);
  const data = buildCdsiSupportingData(folder, today);
  writeFileSync(cdsiOutputFile, `${JSON.stringify(data)}\n`);
  console.log(
    `Wrote ${path.relative(repoRoot, cdsiOutputFile)}: ${Object.keys(data.antigens).length} antigens, ` +
      `${Object.values(data.antigens).reduce((n, a) => n + a.series.length, 0)} series`,
  );
}
