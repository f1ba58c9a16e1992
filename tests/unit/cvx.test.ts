import { describe, expect, it } from 'vitest';

import {
  getVaccine,
  groupImmunizationsForPrint,
  printGroups,
  searchVaccines,
  vaccineGroupsOf,
  type Vaccine,
} from '@/lib/records/cvx';
import cvxJson from '@/lib/records/data/cvx.json';

const tier = (vaccine: Vaccine) => (vaccine.status !== 'Active' ? 2 : vaccine.pediatric ? 0 : 1);
const codes = (vaccines: readonly Vaccine[]) => vaccines.map((vaccine) => vaccine.code);

describe('the generated CVX table', () => {
  it('holds every CDC code with its origin recorded', () => {
    expect(cvxJson.vaccines).toHaveLength(288);
    expect(cvxJson.source.commit).toBe('641f2ea42152f864dda760d9a3abda06fa9b6255');
    expect(cvxJson.source.license).toMatch(/public domain/);
    expect(new Set(cvxJson.vaccines.map((vaccine) => vaccine.code)).size).toBe(288);
  });
});

describe('getVaccine', () => {
  it('finds a code with its leading zero, and forgives a missing zero or padding', () => {
    expect(getVaccine('03')?.shortDescription).toBe('MMR');
    expect(getVaccine('3')?.code).toBe('03');
    expect(getVaccine(' 20 ')?.shortDescription).toBe('DTaP');
    expect(getVaccine('123456')).toBeNull();
    expect(getVaccine('')).toBeNull();
  });
});

describe('vaccineGroupsOf', () => {
  it('lists every group of a combination vaccine', () => {
    expect(vaccineGroupsOf('110')).toEqual(['DTAP', 'HepB', 'POLIO']);
    expect(vaccineGroupsOf('146')).toEqual(
      expect.arrayContaining(['DTAP', 'HIB', 'HepB', 'POLIO']),
    );
    expect(vaccineGroupsOf('94')).toEqual(['MMR', 'VARICELLA']);
    expect(vaccineGroupsOf('999999')).toEqual([]);
  });
});

describe('searchVaccines', () => {
  it('finds DTaP vaccines by name, whatever the case, active pediatric ones first', () => {
    const results = searchVaccines('dtap', 50);
    expect(codes(results)).toEqual(
      expect.arrayContaining(['20', '106', '110', '120', '130', '146', '107', '50']),
    );
    // Every active match is named DTaP; older whole-cell DTP codes (CDC group DTAP) follow them.
    expect(
      results
        .filter((vaccine) => vaccine.status === 'Active')
        .every((vaccine) => /dtap/i.test(vaccine.shortDescription)),
    ).toBe(true);
    expect(codes(results).indexOf('01')).toBeGreaterThan(codes(results).lastIndexOf('146'));
    expect(codes(searchVaccines('DTaP', 50))).toEqual(codes(results));
    expect(results[0]?.shortDescription).toBe('DTaP');
    const tiers = results.map(tier);
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
    expect(tiers[0]).toBe(0);
    expect(tiers).toContain(2); // inactive DTaP codes are still found, after the active ones
  });

  it('puts an exact code first, even an inactive one', () => {
    expect(searchVaccines('20')[0]?.shortDescription).toBe('DTaP');
    expect(searchVaccines('03')[0]?.shortDescription).toBe('MMR');
    expect(searchVaccines('01')[0]?.shortDescription).toBe('DTP'); // inactive, but asked for by code
    // "20" also matches names and codes containing it, after the exact code: PCV20 (216) and 20x codes.
    expect(codes(searchVaccines('20', 100))).toEqual(expect.arrayContaining(['216', '203']));
  });

  it('matches the start of words, not any substring, and knows the CDC group names', () => {
    const flu = searchVaccines('flu', 100);
    expect(flu.length).toBeGreaterThan(20);
    expect(
      flu.every(
        (vaccine) =>
          vaccine.groups.some((group) => /flu/i.test(group)) ||
          /influenza/i.test(vaccine.shortDescription),
      ),
    ).toBe(true);
    expect(codes(flu)).not.toContain('48'); // Hib: Haemophilus "influenzae"
    expect(codes(searchVaccines('chickenpox'))).toEqual([]);
  });

  it('matches every word of a multi-word query, across punctuation', () => {
    const results = searchVaccines('hep b', 100);
    expect(codes(results)).toEqual(expect.arrayContaining(['08', '110', '43']));
    expect(codes(searchVaccines('hepb', 100))).toEqual(
      expect.arrayContaining(['08', '110', '146']),
    );
    expect(codes(searchVaccines('nirsevimab'))).toEqual(['306', '307']);
    expect(searchVaccines('no such vaccine')).toEqual([]);
  });

  it('lists the active pediatric vaccines for an empty query', () => {
    const all = searchVaccines('', 500);
    expect(all.length).toBeGreaterThan(40);
    expect(all.every((vaccine) => vaccine.status === 'Active' && vaccine.pediatric)).toBe(true);
    expect(codes(all)).toEqual(
      expect.arrayContaining([
        '20',
        '03',
        '10',
        '08',
        '133',
        '116',
        '21',
        '83',
        '165',
        '115',
        '306',
        '162',
      ]),
    );
    expect(codes(all)).not.toContain('303'); // an adult RSV vaccine
    expect(codes(all)).not.toContain('01'); // DTP is inactive
    expect(searchVaccines('   ')).toHaveLength(20);
    expect(searchVaccines('')[0]?.groups).toContain('DTAP'); // schedule order: DTaP first
    expect(codes(all).indexOf('03')).toBeLessThan(codes(all).indexOf('21')); // MMR before varicella
  });

  it('respects the limit', () => {
    expect(searchVaccines('covid', 3)).toHaveLength(3);
    expect(searchVaccines('covid', 0)).toEqual([]);
    expect(searchVaccines('covid', 3).map(tier)).toEqual([0, 0, 0]);
  });
});

describe('printGroups', () => {
  it('lists the school-form rows in order with parent-friendly labels, "Other" last', () => {
    const labels = printGroups.map((group) => group.label);
    expect(labels[0]).toBe('Diphtheria, tetanus, whooping cough (DTaP, Tdap)');
    expect(labels.indexOf('Polio (IPV)')).toBe(1);
    expect(labels.indexOf('MMR (measles, mumps, rubella)')).toBeLessThan(
      labels.indexOf('Varicella (chickenpox)'),
    );
    expect(labels.at(-1)).toBe('Other');
  });

  it('gives every pediatric vaccine in the table a row other than "Other"', () => {
    const misplaced = cvxJson.vaccines
      .filter((vaccine) => vaccine.pediatric)
      .filter((vaccine) =>
        groupImmunizationsForPrint([
          { cvx: vaccine.code, administeredOn: '2024-01-01', doseNumber: null },
        ]).some((group) => group.label === 'Other'),
      );
    expect(misplaced.map((vaccine) => vaccine.code)).toEqual([]);
  });
});

describe('groupImmunizationsForPrint', () => {
  const items = [
    { cvx: '21', administeredOn: '2021-01-05', doseNumber: 1 },
    { cvx: '110', administeredOn: '2020-05-04', doseNumber: 2 },
    { cvx: '110', administeredOn: '2020-03-02', doseNumber: 1 },
    { cvx: '08', administeredOn: '2020-01-01', doseNumber: 1 },
    { cvx: '94', administeredOn: '2024-01-05', doseNumber: 2 },
    { cvx: '03', administeredOn: '2021-01-05', doseNumber: 1 },
    { cvx: '115', administeredOn: '2031-02-01', doseNumber: null },
    { cvx: '109', administeredOn: '2022-02-02', doseNumber: null },
    { cvx: '88888', administeredOn: '2022-03-03', doseNumber: null },
  ];
  const groups = groupImmunizationsForPrint(items);
  const byLabel = (label: string) => groups.find((group) => group.label === label);

  it('keeps only rows with doses, in print order', () => {
    expect(groups.map((group) => group.label)).toEqual([
      'Diphtheria, tetanus, whooping cough (DTaP, Tdap)',
      'Polio (IPV)',
      'Hepatitis B',
      'Pneumococcal (PCV)',
      'MMR (measles, mumps, rubella)',
      'Varicella (chickenpox)',
      'Other',
    ]);
  });

  it('lists a combination vaccine under each disease it covers', () => {
    for (const label of [
      'Diphtheria, tetanus, whooping cough (DTaP, Tdap)',
      'Polio (IPV)',
      'Hepatitis B',
    ]) {
      expect(
        byLabel(label)?.doses.filter((dose) => dose.vaccine === 'DTaP-Hep B-IPV'),
      ).toHaveLength(2);
    }
    expect(byLabel('MMR (measles, mumps, rubella)')?.doses.map((dose) => dose.vaccine)).toEqual([
      'MMR',
      'MMRV',
    ]);
    expect(byLabel('Varicella (chickenpox)')?.doses.map((dose) => dose.vaccine)).toEqual([
      'varicella',
      'MMRV',
    ]);
  });

  it('orders doses oldest first', () => {
    expect(byLabel('Hepatitis B')?.doses).toEqual([
      { administeredOn: '2020-01-01', vaccine: 'Hep B, adolescent or pediatric', doseNumber: 1 },
      { administeredOn: '2020-03-02', vaccine: 'DTaP-Hep B-IPV', doseNumber: 1 },
      { administeredOn: '2020-05-04', vaccine: 'DTaP-Hep B-IPV', doseNumber: 2 },
    ]);
    expect(
      byLabel('Diphtheria, tetanus, whooping cough (DTaP, Tdap)')?.doses.map(
        (dose) => dose.administeredOn,
      ),
    ).toEqual(['2020-03-02', '2020-05-04', '2031-02-01']);
  });

  it('lists a vaccine once per row even when two of its CDC groups share that row', () => {
    expect(byLabel('Pneumococcal (PCV)')?.doses).toHaveLength(1); // CVX 109: PneumoPCV and PneumoPPV
  });

  it('prints an unknown code under "Other" instead of dropping it', () => {
    expect(byLabel('Other')?.doses).toEqual([
      { administeredOn: '2022-03-03', vaccine: 'CVX 88888', doseNumber: null },
    ]);
  });

  it('returns nothing for no immunizations', () => {
    expect(groupImmunizationsForPrint([])).toEqual([]);
  });
});
