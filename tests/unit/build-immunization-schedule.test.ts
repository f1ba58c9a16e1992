import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import scheduleJson from '@/lib/records/data/immunization-schedule.json';
import { shownAntigens } from '@/lib/records/immunization-groups';
import { parseXml } from '@/scripts/build-cvx';
import {
  antigenFileName,
  antigenPlans,
  buildAntigen,
  buildCvxMap,
  buildSchedule,
  formatCompactJson,
  pickDefaultSeries,
} from '@/scripts/build-immunization-schedule';

const dose = (number: number, { skip = '' } = {}) => `
  <seriesDose><doseNumber>Dose ${number}</doseNumber>
    <age><absMinAge>6 weeks - 4 days</absMinAge><minAge>6 weeks</minAge><earliestRecAge>2 months</earliestRecAge>
      <latestRecAge>3 months + 4 weeks</latestRecAge><maxAge/><effectiveDate/><cessationDate/></age>
    <interval/><allowableInterval/>${skip || '<conditionalSkip/>'}<recurringDose>No</recurringDose><seasonalRecommendation/>
  </seriesDose>`;

type SeriesOptions = {
  type?: string;
  isDefault?: string;
  minAgeToStart?: string;
  genders?: string[];
  preference?: string;
  productPath?: string;
  doses?: number;
};

const series = (
  name: string,
  {
    type = 'Standard',
    isDefault = 'Yes',
    minAgeToStart = '',
    genders = [],
    preference = '1',
    productPath = 'No',
    doses = 1,
  }: SeriesOptions = {},
) => `
  <series><seriesName>${name}</seriesName><targetDisease>X</targetDisease><vaccineGroup>X</vaccineGroup><seriesAdminGuidance/>
    <seriesType>${type}</seriesType><equivalentSeriesGroups/>
    ${genders.length ? genders.map((gender) => `<requiredGender>${gender}</requiredGender>`).join('') : '<requiredGender/>'}
    <selectSeries><defaultSeries>${isDefault}</defaultSeries><productPath>${productPath}</productPath><seriesGroupName>Standard</seriesGroupName>
      <seriesGroup>1</seriesGroup><seriesPriority>A</seriesPriority><seriesPreference>${preference}</seriesPreference>
      <minAgeToStart>${minAgeToStart}</minAgeToStart><maxAgeToStart/></selectSeries>
    <indication/>${Array.from({ length: doses }, (_, index) => dose(index + 1)).join('')}
  </series>`;

const antigenXml = (...allSeries: string[]) =>
  `<antigenSupportingData><immunity/><contraindications/>${allSeries.join('')}</antigenSupportingData>`;

describe('picking the default child series', () => {
  it('takes the standard default series a child can start at birth, not a risk, non-default or adult one', () => {
    const root = parseXml(
      antigenXml(
        series('risk', { type: 'Risk' }),
        series('adults', { minAgeToStart: '50 years' }),
        series('second choice', { isDefault: 'No', preference: '2' }),
        series('the child series'),
      ),
    );
    expect(pickDefaultSeries(root, 'X')).toMatchObject({ oneForEachGender: false });
    expect(
      pickDefaultSeries(root, 'X').element.children.find((child) => child.name === 'seriesName')
        ?.text,
    ).toBe('the child series');
  });

  it('keeps identical female and male series once, for every child', () => {
    const xml = antigenXml(
      series('female', { genders: ['Female', 'Unknown'] }),
      series('male', { genders: ['Male'] }),
    );
    const built = buildAntigen(xml, { antigen: 'X', routine: [1] });
    expect(built.series).toMatchObject({ name: 'female', requiredGender: [] });
  });

  it('fails loudly when the choice is not clear', () => {
    expect(() => pickDefaultSeries(parseXml(antigenXml(series('a'), series('b'))), 'X')).toThrow(
      /not one series for each gender/,
    );
    expect(() =>
      pickDefaultSeries(
        parseXml(
          antigenXml(
            series('a', { genders: ['Female'] }),
            series('b', { genders: ['Male'], doses: 2 }),
          ),
        ),
        'X',
      ),
    ).toThrow(/not one series for each gender/);
    expect(() =>
      pickDefaultSeries(parseXml(antigenXml(series('a', { isDefault: 'No' }))), 'X'),
    ).toThrow(/no default child series/);
    expect(() =>
      pickDefaultSeries(parseXml(antigenXml(series('a', { preference: '2' }))), 'X'),
    ).toThrow(/seriesPreference 1/);
  });

  it('fails when a release adds or removes a dose the plan does not name', () => {
    const xml = antigenXml(series('three doses', { doses: 3 }));
    expect(() => buildAntigen(xml, { antigen: 'X', routine: [1, 2] })).toThrow(
      /has doses 1, 2, 3; the plan names 1, 2/,
    );
    const built = buildAntigen(xml, { antigen: 'X', routine: [1, 3], notRoutine: { 2: 'why' } });
    expect(
      built.series.doses.map((item) => [item.doseNumber, item.routine, item.notRoutineBecause]),
    ).toEqual([
      [1, true, null],
      [2, false, 'why'],
      [3, true, null],
    ]);
  });

  it('reads the plain age rule of an evaluation skip, and ignores rules that test more than age', () => {
    const skip = (
      conditions: string,
      context = 'Evaluation',
    ) => `<conditionalSkip><context>${context}</context><setLogic>n/a</setLogic>
      <set><setID>1</setID><setDescription>d</setDescription><effectiveDate/><cessationDate/><conditionLogic/>${conditions}</set></conditionalSkip>`;
    const condition = (type: string, beginAge: string) =>
      `<condition><conditionID>1</conditionID><conditionType>${type}</conditionType><startDate/><endDate/><beginAge>${beginAge}</beginAge><endAge/>
        <interval/><doseCount/><doseType/><doseCountLogic/><vaccineTypes/><seriesGroups/></condition>`;
    const withSkip = (skipXml: string) =>
      antigenXml(series('s').replace(/<conditionalSkip\/>/, skipXml));
    const skipAge = (xml: string) =>
      buildAntigen(xml, { antigen: 'X', routine: [1] }).series.doses[0]?.skipWhenGivenFromAge
        ?.cdsi ?? null;
    expect(skipAge(withSkip(skip(condition('Age', '15 months - 4 days'))))).toBe(
      '15 months - 4 days',
    );
    expect(skipAge(withSkip(skip(condition('Age', '4 years'), 'Forecast')))).toBeNull();
    expect(
      skipAge(withSkip(skip(condition('Age', '12 months') + condition('Interval', '8 weeks')))),
    ).toBeNull();
  });
});

describe('the CVX map', () => {
  it('lists each code with its antigens, and keeps age-limited associations apart', () => {
    const xml = `<scheduleSupportingData><liveVirusConflicts/><cvxToAntigenMap>
      <cvxMap><cvx>110</cvx><shortDescription>DTaP-Hep B-IPV</shortDescription>
        <association><antigen>Diphtheria</antigen><associationBeginAge/><associationEndAge/></association>
        <association><antigen>HepB</antigen><associationBeginAge/><associationEndAge/></association></cvxMap>
      <cvxMap><cvx>121</cvx><shortDescription>Zoster live</shortDescription>
        <association><antigen>Varicella</antigen><associationBeginAge>0 days</associationBeginAge><associationEndAge>50 years</associationEndAge></association></cvxMap>
      <cvxMap><cvx>03</cvx><shortDescription>MMR</shortDescription>
        <association><antigen>Measles</antigen><associationBeginAge/><associationEndAge/></association></cvxMap>
    </cvxToAntigenMap></scheduleSupportingData>`;
    const { cvx, cvxAgeLimits } = buildCvxMap(xml);
    expect(Object.keys(cvx).sort()).toEqual(['03', '110', '121']);
    expect(cvx['110']).toEqual({ name: 'DTaP-Hep B-IPV', antigens: ['Diphtheria', 'HepB'] });
    expect(Object.keys(cvxAgeLimits)).toEqual(['121']);
    expect(cvxAgeLimits['121']?.Varicella?.endAge?.years).toBe(50);
  });
});

describe('formatCompactJson', () => {
  it('keeps what fits on one line and breaks the rest', () => {
    expect(formatCompactJson({ a: 1, b: [1, 2] })).toBe('{"a":1,"b":[1,2]}');
    expect(formatCompactJson({ a: 'x'.repeat(20), b: { c: 1 } }, '', 20)).toBe(
      `{\n  "a": "${'x'.repeat(20)}",\n  "b": {"c":1}\n}`,
    );
    expect(JSON.parse(formatCompactJson(scheduleJson))).toEqual(scheduleJson);
  });
});

const sourceFolder = path.resolve(import.meta.dirname, '../../../shared/data/cdsi-schedule/XML');
const haveSources = existsSync(path.join(sourceFolder, 'ScheduleSupportingData.xml'));

describe('the committed schedule', () => {
  it('records where it came from', () => {
    expect(scheduleJson.source).toMatchObject({
      version: '4.64',
      releaseNotesDated: '2025-11-10',
      repository: 'https://github.com/immregistries/StepIntoCDSI',
      commit: 'cebbc2967f6b26deae3a395ed85156c57078a15e',
    });
    expect(scheduleJson.source.license).toMatch(/public domain/);
    expect(scheduleJson.generatedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(scheduleJson.regenerate).toContain('scripts/build-immunization-schedule.ts');
  });

  it('holds every antigen the portal shows, with the expected default series', () => {
    const antigens: Record<string, { series: { name: string } }> = scheduleJson.antigens;
    expect(Object.keys(antigens).sort()).toEqual([...shownAntigens].sort());
    expect(antigens.HepB?.series.name).toBe('HepB 3-dose series');
    expect(antigens.Hib?.series.name).toBe('Hib start at 2 months 4-dose series');
    expect(antigens.Pneumococcal?.series.name).toBe('Pneumococcal 4-dose series');
    expect(antigens.RSV?.series.name).toBe('RSV 1-dose series');
    expect(antigens.Varicella?.series.name).toBe('Varicella childhood 2-dose series');
  });

  it.skipIf(!haveSources)('is what the build makes from the CDSi files today', () => {
    const rebuilt = buildSchedule(sourceFolder, scheduleJson.generatedOn);
    expect(JSON.parse(JSON.stringify(rebuilt))).toEqual(scheduleJson);
    expect(Object.keys(rebuilt.source.sha256)).toEqual([
      ...antigenPlans.map((plan) => antigenFileName(plan.antigen)),
      'ScheduleSupportingData.xml',
    ]);
    const manifest = readFileSync(path.resolve(sourceFolder, '../../MANIFEST.sha256'), 'utf8');
    for (const [file, sha] of Object.entries(rebuilt.source.sha256))
      expect(manifest).toContain(`${sha}  cdsi-schedule/XML/${file}`);
  });
});
