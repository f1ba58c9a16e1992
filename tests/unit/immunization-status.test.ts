import { describe, expect, it } from 'vitest';

import {
  addCdsiDuration,
  addDays,
  dayBefore,
  parseCdsiDuration,
  type CdsiDuration,
} from '@/lib/records/cdsi-dates';
import { immunizationGroups, type ImmunizationGroup } from '@/lib/records/immunization-groups';
import { immunizationSchedule } from '@/lib/records/immunization-schedule';
import {
  immunizationStatus,
  type ImmunizationGroupStatus,
  type RecordedDose,
} from '@/lib/records/immunization-status';

// Born on the 15th so that month arithmetic never meets a short month.
const dob = '2024-01-15';
const age = (text: string, from = dob) => addCdsiDuration(from, parseCdsiDuration(text));

function statusOf(
  group: ImmunizationGroup,
  today: string,
  doses: RecordedDose[] = [],
  dateOfBirth = dob,
): ImmunizationGroupStatus {
  const row = immunizationStatus({ dateOfBirth, today, doses }).find(
    (candidate) => candidate.group === group,
  );
  if (!row) throw new Error(`no ${group} row`);
  return row;
}

/** A routine dose of an antigen's default series, by its place on the path (1 = first). */
function routineDose(antigen: string, place: number) {
  const dose = immunizationSchedule.antigens[antigen]?.series.doses.filter(
    (candidate) => candidate.routine,
  )[place - 1];
  if (!dose) throw new Error(`no routine dose ${place} of ${antigen}`);
  return dose;
}

function required(duration: CdsiDuration | null | undefined, what: string): CdsiDuration {
  if (!duration) throw new Error(`the schedule has no ${what}`);
  return duration;
}

const given = (cvx: string, ...dates: string[]): RecordedDose[] =>
  dates.map((administeredOn) => ({ cvx, administeredOn }));

describe('CDSi ages and date arithmetic', () => {
  it('reads CDSi ages and intervals into their parts', () => {
    expect(parseCdsiDuration('6 months - 4 days')).toEqual({
      cdsi: '6 months - 4 days',
      years: 0,
      months: 6,
      weeks: 0,
      days: -4,
    });
    expect(parseCdsiDuration('3 months + 4 weeks')).toMatchObject({ months: 3, weeks: 4, days: 0 });
    expect(parseCdsiDuration('28 days - 4 days')).toMatchObject({ days: 24 });
    expect(parseCdsiDuration('1 years - 4 days')).toMatchObject({ years: 1, days: -4 });
    expect(parseCdsiDuration('0 days')).toMatchObject({ years: 0, months: 0, weeks: 0, days: 0 });
  });

  it('refuses what it cannot read, and units out of order', () => {
    expect(() => parseCdsiDuration('')).toThrow();
    expect(() => parseCdsiDuration('6 fortnights')).toThrow(/Unreadable/);
    expect(() => parseCdsiDuration('6 months 4 days')).toThrow(/Unreadable/);
    expect(() => parseCdsiDuration('4 days + 6 months')).toThrow(/after a smaller unit/);
  });

  it('adds months first, then days, moving a date that does not exist to the first of the next month (CALCDT-5)', () => {
    expect(age('6 months - 4 days', '2024-01-15')).toBe('2024-07-11');
    expect(age('1 month', '2025-01-31')).toBe('2025-03-01');
    expect(age('6 months - 4 days', '2024-08-31')).toBe('2025-02-25'); // Feb 31 → Mar 1, then 4 days back
    expect(age('1 year', '2024-02-29')).toBe('2025-03-01');
    expect(age('4 years', '2024-02-29')).toBe('2028-02-29');
    expect(age('16 years - 4 months', '2000-06-30')).toBe('2016-03-01'); // Feb 30 → Mar 1
    expect(age('6 weeks - 4 days', '2024-12-30')).toBe('2025-02-06');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(dayBefore('2025-01-01')).toBe('2024-12-31');
  });
});

describe('immunizationStatus', () => {
  it('lists every row once, in schedule order, with its label', () => {
    const rows = immunizationStatus({ dateOfBirth: dob, today: dob, doses: [] });
    expect(rows.map((row) => row.group)).toEqual(immunizationGroups.map((row) => row.group));
    expect(rows.find((row) => row.group === 'dtap')?.label).toBe('DTaP/Tdap');
    expect(rows.find((row) => row.group === 'mmr')?.label).toBe('MMR');
  });

  it('a 2-month-old with no DTaP is due now for dose 1', () => {
    const twoMonths = age('2 months');
    const dtap = statusOf('dtap', twoMonths);
    expect(dtap).toMatchObject({
      status: 'due_now',
      cdsiStatus: 'Not complete',
      dosesRecorded: 0,
      dosesCounted: 0,
    });
    expect(dtap.nextDose).toEqual({
      number: 1,
      recommendedFrom: age(
        required(routineDose('Diphtheria', 1).earliestRecAge, 'DTaP dose 1 age').cdsi,
      ),
      overdueAfter: dayBefore(
        age(required(routineDose('Diphtheria', 1).latestRecAge, 'DTaP dose 1 latest age').cdsi),
      ),
      latestDate: null,
      ageWords: '2 months',
    });
    expect(dtap.nextDose?.recommendedFrom).toBe(twoMonths);
  });
  it('at 4 months, one DTaP given at 2 months, dose 2 is due', () => {
    const dtap = statusOf('dtap', age('4 months'), given('20', age('2 months')));
    expect(dtap).toMatchObject({ status: 'due_now', dosesRecorded: 1, dosesCounted: 1 });
    expect(dtap.nextDose).toMatchObject({
      number: 2,
      recommendedFrom: age('4 months'),
      ageWords: '4 months',
    });
  });

  it('a 6-month-old with no doses is overdue for DTaP dose 1 and hepatitis B dose 1', () => {
    const sixMonths = age('6 months');
    for (const group of ['dtap', 'hepb'] as const) {
      expect(statusOf(group, sixMonths)).toMatchObject({
        status: 'overdue',
        nextDose: { number: 1 },
      });
    }
    expect(statusOf('hepb', sixMonths).nextDose).toMatchObject({
      recommendedFrom: dob,
      ageWords: 'birth',
      overdueAfter: dayBefore(age('4 weeks')),
    });
  });

  it('a combination vaccine counts for every antigen in it: CVX 110 (DTaP-HepB-IPV)', () => {
    const rows = immunizationStatus({
      dateOfBirth: dob,
      today: age('3 months'),
      doses: given('110', age('2 months')),
    });
    const byGroup = Object.fromEntries(rows.map((row) => [row.group, row]));
    for (const group of ['dtap', 'hepb', 'polio']) {
      expect(byGroup[group]).toMatchObject({ dosesRecorded: 1, dosesCounted: 1 });
    }
    expect(byGroup.dtap?.nextDose?.number).toBe(2);
    expect(byGroup.polio?.nextDose?.number).toBe(2);
    expect(byGroup.hib).toMatchObject({ dosesRecorded: 0, dosesCounted: 0 });
    expect(immunizationSchedule.cvx['110']?.antigens.sort()).toEqual([
      'Diphtheria',
      'HepB',
      'Pertussis',
      'Polio',
      'Tetanus',
    ]);
  });

  it('MMR: not yet due at 11 months; at 13 months with none, due or overdue as the schedule says', () => {
    expect(statusOf('mmr', age('11 months'))).toMatchObject({
      status: 'not_yet_due',
      nextDose: { number: 1, ageWords: '12 months' },
    });

    const thirteenMonths = age('13 months');
    const measles1 = routineDose('Measles', 1);
    const recommended = age(required(measles1.earliestRecAge, 'MMR age').cdsi);
    const overdueAfter = dayBefore(age(required(measles1.latestRecAge, 'MMR latest age').cdsi));
    const expected =
      thirteenMonths < recommended
        ? 'not_yet_due'
        : thirteenMonths > overdueAfter
          ? 'overdue'
          : 'due_now';
    expect(statusOf('mmr', thirteenMonths)).toMatchObject({
      status: expected,
      nextDose: { recommendedFrom: recommended, overdueAfter },
    });
    // CDSi 4.64: from 12 months, overdue from 16 months + 4 weeks.
    expect(expected).toBe('due_now');
  });

  it('rotavirus is not needed at 9 months when none was given, nor after a partial series', () => {
    expect(statusOf('rotavirus', age('9 months'))).toMatchObject({
      status: 'not_needed',
      nextDose: null,
    });
    expect(statusOf('rotavirus', age('9 months'), given('116', age('2 months')))).toMatchObject({
      status: 'not_needed',
      dosesCounted: 1,
    });
    // Dose 1 is not started from 15 weeks; before then it is due, with the last day to give it.
    expect(statusOf('rotavirus', age('14 weeks'))).toMatchObject({
      status: 'due_now',
      nextDose: { overdueAfter: null, latestDate: dayBefore(age('15 weeks')) },
    });
    expect(statusOf('rotavirus', age('15 weeks'))).toMatchObject({ status: 'not_needed' });
  });

  it('Rotarix (CVX 119) needs two doses; RotaTeq, or a mix, three (CDSi product series)', () => {
    const rotarix = given('119', age('2 months'), age('4 months'));
    expect(statusOf('rotavirus', age('5 months'), rotarix)).toMatchObject({
      status: 'complete',
      series: ['Rotavirus 2-dose series'],
    });
    const mixed = [...given('119', age('2 months')), ...given('116', age('4 months'))];
    expect(statusOf('rotavirus', age('5 months'), mixed)).toMatchObject({
      status: 'up_to_date',
      nextDose: { number: 3, recommendedFrom: age('6 months') },
    });
  });
  it('DTaP: five childhood doses, the Tdap at 11, then a Td booster every 10 years', () => {
    const childhood = given(
      '20',
      age('2 months'),
      age('4 months'),
      age('6 months'),
      age('15 months'),
      age('4 years'),
    );
    expect(statusOf('dtap', age('5 years'), childhood)).toMatchObject({
      status: 'up_to_date',
      dosesCounted: 5,
      nextDose: { number: 6, recommendedFrom: age('11 years'), ageWords: '11 years' },
    });
    const withTdap = [...childhood, ...given('115', age('11 years'))];
    expect(statusOf('dtap', age('12 years'), withTdap)).toMatchObject({
      status: 'up_to_date',
      dosesRecorded: 6,
      dosesCounted: 6,
      nextDose: {
        number: 7,
        recommendedFrom: age('10 years', age('11 years')),
        ageWords: '10 years after the last dose',
      },
    });
  });
  it('a Td at 11 counts for diphtheria and tetanus but not pertussis, so the Tdap is still owed', () => {
    const doses = [
      ...given(
        '20',
        age('2 months'),
        age('4 months'),
        age('6 months'),
        age('15 months'),
        age('4 years'),
      ),
      ...given('09', age('11 years')),
    ];
    const dtap = statusOf('dtap', age('12 years'), doses);
    expect(dtap).toMatchObject({ status: 'due_now', dosesCounted: 6 });
    expect(dtap.series).toContain('Pertussis standard series');
  });
  it('the day before the recommended age is not yet due, the day itself due, overdue only after overdueAfter', () => {
    const recommended = age('2 months');
    const { nextDose } = statusOf('dtap', recommended);
    if (!nextDose?.overdueAfter) throw new Error('DTaP dose 1 has an overdue date');
    expect(statusOf('dtap', dayBefore(recommended)).status).toBe('not_yet_due');
    expect(statusOf('dtap', recommended).status).toBe('due_now');
    expect(statusOf('dtap', nextDose.overdueAfter).status).toBe('due_now');
    expect(statusOf('dtap', addDays(nextDose.overdueAfter, 1)).status).toBe('overdue');

    // After a first dose, the next one is up to date (not "not yet due") until its day.
    const afterOne = given('20', recommended);
    expect(statusOf('dtap', dayBefore(age('4 months')), afterOne).status).toBe('up_to_date');
    expect(statusOf('dtap', age('4 months'), afterOne).status).toBe('due_now');
  });

  it('a dose given before its absolute minimum age does not count; one given on that day does', () => {
    const absMin = age(
      required(routineDose('Diphtheria', 1).absMinAge, 'DTaP absolute minimum age').cdsi,
    ); // 6 weeks − 4 days
    expect(statusOf('dtap', age('3 months'), given('20', dayBefore(absMin)))).toMatchObject({
      dosesRecorded: 1,
      dosesCounted: 0,
      nextDose: { number: 1 },
    });
    expect(statusOf('dtap', age('3 months'), given('20', absMin))).toMatchObject({
      dosesCounted: 1,
      nextDose: { number: 2 },
    });
  });

  it('after a late dose, the next is recommended at its age once the minimum interval allows (FORECASTDT-2)', () => {
    // Dose 1 at 3 months: dose 2 is recommended at 4 months, 4 weeks after dose 1 at the earliest.
    const dtap = statusOf('dtap', age('4 months'), given('20', age('3 months')));
    expect(dtap).toMatchObject({
      status: 'due_now',
      nextDose: { number: 2, recommendedFrom: age('4 months') },
    });
    // Dose 1 at 3 months + 3 weeks: the 4-week minimum interval pushes dose 2 past 4 months.
    const late = statusOf('dtap', age('4 months'), given('20', age('3 months + 3 weeks')));
    expect(late).toMatchObject({
      status: 'up_to_date',
      nextDose: { recommendedFrom: age('4 weeks', age('3 months + 3 weeks')) },
    });
  });
  it('a second record on the same day does not count twice, and doses after today are left out', () => {
    const doses = [
      ...given('20', age('2 months'), age('2 months')),
      ...given('20', age('4 months')),
    ];
    const dtap = statusOf('dtap', age('3 months'), doses);
    expect(dtap).toMatchObject({ dosesRecorded: 1, dosesCounted: 1, nextDose: { number: 2 } });
    expect(dtap.doses.map((dose) => dose.status)).toEqual(['valid', 'not_valid']);
  });
  it('Hib: a dose at 16 months makes doses 2 and 3 unnecessary and completes the series (CDSi conditional skip)', () => {
    expect(
      statusOf('hib', age('17 months'), given('48', age('2 months'), age('16 months'))),
    ).toMatchObject({ status: 'complete', dosesCounted: 2 });
    // A first dose at 16 months is CDSi's 1-dose catch-up series.
    expect(statusOf('hib', age('17 months'), given('48', age('16 months')))).toMatchObject({
      status: 'complete',
    });
    // PedvaxHIB (CVX 49): two infant doses and the booster from 12 months.
    expect(
      statusOf('hib', age('7 months'), given('49', age('2 months'), age('4 months'))),
    ).toMatchObject({
      status: 'up_to_date',
      series: ['Hib PRP-OMP 3-dose series'],
      nextDose: { number: 3, recommendedFrom: age('12 months') },
    });
    expect(statusOf('hib', age('5 years'))).toMatchObject({ status: 'not_needed' });
  });
  it('HPV: a second shot less than 5 months after the first means a third is needed', () => {
    const first = age('11 years');
    const hpv = statusOf('hpv', age('12 years'), given('165', first, age('2 months', first)));
    expect(hpv).toMatchObject({
      dosesRecorded: 2,
      status: 'due_now',
      nextDose: {
        number: 3,
        recommendedFrom: age('6 months', first),
        ageWords: '6 months after dose 1',
      },
    });
    expect(
      statusOf('hpv', age('12 years'), given('165', first, age('6 months', first))),
    ).toMatchObject({ status: 'complete' });
  });
  it('influenza: from 6 months, two doses in the first season under 9, one a season after; never overdue', () => {
    expect(statusOf('flu', age('5 months'))).toMatchObject({
      status: 'not_yet_due',
      nextDose: { recommendedFrom: age('6 months') },
    });
    expect(statusOf('flu', '2025-12-01')).toMatchObject({
      status: 'due_now',
      nextDose: { recommendedFrom: '2025-07-01', overdueAfter: null },
    });
    // First season, under 9: a second dose 4 weeks after the first.
    expect(statusOf('flu', '2025-10-15', given('150', '2025-10-01'))).toMatchObject({
      status: 'up_to_date',
      nextDose: { number: 2, recommendedFrom: '2025-10-29' },
    });
    const twoThisSeason = given('150', '2025-10-01', '2025-10-29');
    expect(statusOf('flu', '2026-06-30', twoThisSeason)).toMatchObject({
      status: 'up_to_date',
      nextDose: { number: 1, recommendedFrom: '2026-07-01' },
    });
    // The release dates its season 2025–26; the next one is the same months a year on.
    expect(statusOf('flu', '2026-10-01', twoThisSeason)).toMatchObject({
      status: 'due_now',
      nextDose: { number: 1, recommendedFrom: '2026-07-01', overdueAfter: null },
    });
    expect(
      statusOf('flu', '2026-11-01', [...twoThisSeason, ...given('150', '2026-10-01')]),
    ).toMatchObject({
      status: 'up_to_date',
      nextDose: { recommendedFrom: '2027-07-01' },
    });
  });
  it('RSV antibody: due in season for a young baby, from October for a spring baby, not needed past 8 months', () => {
    expect(statusOf('rsv', '2025-11-10', [], '2025-11-01')).toMatchObject({
      status: 'due_now',
      nextDose: { recommendedFrom: '2025-11-01' },
    });
    expect(statusOf('rsv', '2025-06-01', [], '2025-05-01')).toMatchObject({
      status: 'not_yet_due',
      nextDose: { recommendedFrom: '2025-10-01' },
    });
    // Born in January: 8 months old before the next season opens.
    expect(statusOf('rsv', '2025-05-01', [], '2025-01-10')).toMatchObject({
      status: 'not_needed',
      nextDose: null,
    });
    expect(statusOf('rsv', '2025-12-01', given('306', '2025-11-02'), '2025-11-01')).toMatchObject({
      status: 'complete',
    });
    // A season after the release's: the same months a year later.
    expect(statusOf('rsv', '2026-06-01', [], '2026-05-01')).toMatchObject({
      status: 'not_yet_due',
      nextDose: { recommendedFrom: '2026-10-01' },
    });
  });

  it('the unsafe answers of issue 25 are gone', () => {
    // HepB dose 3 five days short of 16 weeks after dose 1: not complete, the dose does not count
    // for the 3-dose series.
    const hepb = statusOf(
      'hepb',
      age('8 months'),
      given('08', age('10 weeks'), age('16 weeks'), age('26 weeks - 5 days')),
    );
    expect(hepb.status).not.toBe('complete');
    expect(hepb.series).not.toContain('HepB 3-dose series');

    // MMRV 24 days after MMR: a live-virus conflict (28 days, no grace period).
    const mmr = statusOf('mmr', age('5 years'), [
      ...given('03', age('4 years')),
      ...given('94', age('4 years + 24 days')),
    ]);
    expect(mmr.status).not.toBe('complete');
    expect(mmr.doses[1]).toMatchObject({ status: 'not_valid', reason: 'Live Virus Conflict' });
    // Two MMR 24 days apart: CDSi's 4-day grace applies, the series is complete.
    expect(
      statusOf('mmr', age('5 years'), given('03', age('4 years'), age('4 years + 24 days'))),
    ).toMatchObject({ status: 'complete' });

    // The maternal RSV vaccine (Abrysvo) given to a baby is not the baby's antibody dose.
    const rsv = statusOf('rsv', '2025-12-01', given('305', '2025-12-01'), '2025-11-01');
    expect(rsv).toMatchObject({ status: 'due_now', dosesCounted: 0 });
    expect(rsv.doses[0]).toMatchObject({ status: 'not_valid', reason: 'Inadvertent vaccine' });

    // A Tdap at 7 counts as the first catch-up dose, not as nothing.
    const dtap = statusOf('dtap', age('7 years + 1 week'), given('115', age('7 years')));
    expect(dtap).toMatchObject({
      dosesCounted: 1,
      status: 'up_to_date',
      nextDose: { number: 2, recommendedFrom: age('4 weeks', age('7 years')) },
    });
  });

  it('tells the office how each dose was evaluated, and why one did not count', () => {
    const dtap = statusOf('dtap', age('3 months'), given('20', age('5 weeks'), age('2 months')));
    expect(dtap.doses).toEqual([
      {
        administeredOn: age('5 weeks'),
        cvx: '20',
        vaccine: 'DTaP',
        status: 'not_valid',
        reason: 'Age: Too Young',
      },
      {
        administeredOn: age('2 months'),
        cvx: '20',
        vaccine: 'DTaP',
        status: 'valid',
        reason: null,
      },
    ]);
    expect(dtap.nextDose?.number).toBe(2);
  });
  it('accepts a CVX code without its leading zero', () => {
    expect(statusOf('mmr', age('13 months'), given('3', age('12 months')))).toMatchObject({
      dosesCounted: 1,
      status: 'up_to_date',
    });
  });

  it('refuses dates that are not real YYYY-MM-DD dates, and a birth after today', () => {
    expect(() =>
      immunizationStatus({ dateOfBirth: '2024-02-30', today: '2024-03-01', doses: [] }),
    ).toThrow(RangeError);
    expect(() => immunizationStatus({ dateOfBirth: dob, today: '2024/03/01', doses: [] })).toThrow(
      RangeError,
    );
    expect(() =>
      immunizationStatus({ dateOfBirth: dob, today: '2024-03-01', doses: given('20', '2024-3-1') }),
    ).toThrow(RangeError);
    expect(() => immunizationStatus({ dateOfBirth: dob, today: '2024-01-14', doses: [] })).toThrow(
      RangeError,
    );
  });
});
