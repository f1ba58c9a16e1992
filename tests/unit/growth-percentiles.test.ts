import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { zScore } from '@/lib/growth/lms';
import {
  ageInDays,
  assessMeasurement,
  bmiOf,
  percentileCurves,
  type MeasurementInput,
} from '@/lib/growth/percentiles';
import { cdcLmsAt, lmsAt, whoLmsAt } from '@/lib/growth/reference';

const dataFolder = path.join(process.cwd(), 'lib', 'growth', 'data');
const lmsOf = (row: { l: number; m: number; s: number } | null) =>
  row && { l: row.l, m: row.m, s: row.s };

/** A measurement `days` after a birth on 2020-01-01. */
function measuredAt(
  days: number,
  rest: Omit<MeasurementInput, 'dateOfBirth' | 'measuredOn'>,
): MeasurementInput {
  const measuredOn = new Date(Date.UTC(2020, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
  return { dateOfBirth: '2020-01-01', measuredOn, ...rest };
}

describe('the shipped tables', () => {
  it('are byte-identical to the published files (their hashes, CRLF line endings included)', () => {
    for (const folder of ['who', 'cdc']) {
      const sums = readFileSync(path.join(dataFolder, folder, 'SHA256SUMS'), 'utf8')
        .trim()
        .split('\n');
      expect(sums.length).toBeGreaterThanOrEqual(4);
      for (const line of sums) {
        const [hash, file] = line.split(/\s+/);
        const bytes = readFileSync(path.join(dataFolder, folder, file!));
        expect(createHash('sha256').update(bytes).digest('hex'), `${folder}/${file}`).toBe(hash);
      }
    }
  });
});

describe('lmsAt: which reference, which row', () => {
  it('gives the known WHO row: weight-for-age, boys, day 0', () => {
    const lms = lmsAt('weight_for_age', 'male', 0);
    expect(lmsOf(lms)).toEqual({ l: 0.3487, m: 3.3464, s: 0.14602 });
    expect(lms).toMatchObject({ reference: 'WHO 2006', restrictedTails: true });
  });

  it('gives the known CDC row: wtage, boys, 24.5 months', () => {
    const expected = { l: -0.216501213, m: 12.74154396, s: 0.108166006 };
    expect(lmsOf(cdcLmsAt('weight_for_age', 'male', 24.5))).toEqual(expected);
    expect(lmsOf(lmsAt('weight_for_age', 'male', 24.5 * 30.4375))).toEqual(expected);
    expect(lmsAt('weight_for_age', 'male', 746)).toMatchObject({
      reference: 'CDC 2000',
      restrictedTails: false,
    });
  });

  it('interpolates CDC linearly between half-month rows', () => {
    const lms = cdcLmsAt('weight_for_age', 'male', 24.25)!;
    expect(lms.l).toBeCloseTo(-0.2113268315, 10);
    expect(lms.m).toBeCloseTo(12.70615363, 8);
    expect(lms.s).toBeCloseTo(0.1081459085, 10);
  });

  it('uses WHO to day 730 and CDC from day 731', () => {
    expect(lmsOf(lmsAt('weight_for_age', 'female', 730))).toEqual({
      l: -0.294,
      m: 11.4741,
      s: 0.12389,
    });
    expect(lmsAt('weight_for_age', 'female', 730)?.reference).toBe('WHO 2006');
    expect(lmsAt('weight_for_age', 'female', 731)?.reference).toBe('CDC 2000');
    // A fractional WHO day is interpolated between the daily rows.
    expect(lmsAt('weight_for_age', 'female', 730.5)?.m).toBeCloseTo((11.4741 + 11.4809) / 2, 10);
  });

  it('switches length to standing height at day 731 and never interpolates across it', () => {
    expect(lmsAt('length_for_age', 'male', 730)).toMatchObject({
      m: 87.8018,
      reference: 'WHO 2006',
      measurement: 'recumbent length',
    });
    expect(whoLmsAt('length_for_age', 'male', 731)).toMatchObject({
      m: 87.1303,
      measurement: 'standing height',
    });
    expect(whoLmsAt('length_for_age', 'male', 730.5)).toMatchObject({
      m: 87.8018,
      measurement: 'recumbent length',
    });
    expect(lmsAt('length_for_age', 'male', 731)).toMatchObject({
      reference: 'CDC 2000',
      measurement: 'standing height',
      restrictedTails: false,
    });
    expect(lmsAt('length_for_age', 'female', 24 * 30.4375 + 0.5)?.m).toBeCloseTo(
      84.97555512 + (85.3973169 - 84.97555512) * (0.5 / 30.4375 / 0.5),
      8,
    );
  });

  it('ends the charts at 240 months (day 7305), even where bmiagerev has a row at 240.5', () => {
    expect(lmsOf(lmsAt('weight_for_age', 'male', 7305))).toEqual({
      l: -0.91648762,
      m: 70.59761453,
      s: 0.161476792,
    });
    expect(lmsAt('length_for_age', 'female', 7305)?.m).toBe(163.338251);
    expect(lmsAt('bmi_for_age', 'female', 7305)?.m).toBe(21.71699934);
    for (const indicator of ['weight_for_age', 'length_for_age', 'bmi_for_age'] as const) {
      expect(lmsAt(indicator, 'male', 7306)).toBeNull();
    }
    expect(lmsAt('weight_for_age', 'male', -1)).toBeNull();
    expect(lmsAt('weight_for_age', 'male', Number.NaN)).toBeNull();
  });

  it('takes head circumference from WHO to 24 months, CDC to 36 months, then nothing', () => {
    expect(lmsAt('head_for_age', 'male', 0)).toMatchObject({
      m: 34.4618,
      reference: 'WHO 2006',
      restrictedTails: false,
    });
    expect(lmsAt('head_for_age', 'male', 731)?.reference).toBe('CDC 2000');
    expect(lmsAt('head_for_age', 'male', 1095)?.m).toBeGreaterThan(49.65422952); // 35.98 months, between the 35.5 and 36 rows
    expect(lmsAt('head_for_age', 'male', 1095.75)?.m).toBe(49.68393611); // exactly 36 months
    expect(lmsAt('head_for_age', 'male', 1096)).toBeNull();
  });

  it('gives BMI from 2 years only, and weight-for-length by length in cm (45–110)', () => {
    expect(lmsAt('bmi_for_age', 'male', 730)).toBeNull();
    expect(lmsAt('bmi_for_age', 'male', 731)?.reference).toBe('CDC 2000');
    expect(lmsOf(lmsAt('weight_for_length', 'male', 65))).toEqual({
      l: -0.3521,
      m: 7.2666,
      s: 0.08223,
    });
    expect(lmsAt('weight_for_length', 'male', 65.05)?.m).toBeCloseTo((7.2666 + 7.2905) / 2, 10);
    expect(lmsAt('weight_for_length', 'female', 110)).toMatchObject({
      m: 18.3324,
      reference: 'WHO 2006',
      restrictedTails: true,
    });
    expect(lmsAt('weight_for_length', 'female', 44.9)).toBeNull();
    expect(lmsAt('weight_for_length', 'female', 110.1)).toBeNull();
  });
});

describe('assessMeasurement', () => {
  it('counts age in calendar days from YYYY-MM-DD dates', () => {
    expect(ageInDays('2024-02-28', '2024-03-01')).toBe(2);
    expect(ageInDays('2020-01-01', '2022-01-01')).toBe(731);
    expect(ageInDays('2024-03-30', '2024-03-31')).toBe(1); // a DST change in many zones: still one day
    expect(() => ageInDays('2025-02-30', '2025-03-01')).toThrow(RangeError);
    expect(() => ageInDays('2025-3-1', '2025-03-02')).toThrow(RangeError);
  });

  it('scores against WHO under 2 years: a newborn boy at the median weight is the 50th percentile', () => {
    const result = assessMeasurement({
      indicator: 'weight_for_age',
      sex: 'male',
      dateOfBirth: '2025-05-01',
      measuredOn: '2025-05-01',
      value: 3.3464,
    });
    expect(result).toEqual({
      z: expect.closeTo(0, 10),
      percentile: expect.closeTo(50, 8),
      reference: 'WHO 2006',
    });
  });

  it('scores against CDC from 2 years', () => {
    const days = 800;
    const lms = lmsAt('weight_for_age', 'female', days)!;
    const result = assessMeasurement(
      measuredAt(days, { indicator: 'weight_for_age', sex: 'female', value: 13 }),
    );
    expect(result).toMatchObject({ reference: 'CDC 2000', z: zScore(lms, 13) });
  });

  it('applies WHO’s restricted tail to weight beyond +3 SD, not to length', () => {
    const heavy = assessMeasurement({
      indicator: 'weight_for_age',
      sex: 'male',
      dateOfBirth: '2025-05-01',
      measuredOn: '2025-05-01',
      value: 5.5,
    });
    expect(heavy).toMatchObject({ z: expect.closeTo(3.76783, 4), reference: 'WHO 2006' });
    const lengthLms = lmsAt('length_for_age', 'male', 0)!;
    const long = assessMeasurement({
      indicator: 'length_for_age',
      sex: 'male',
      dateOfBirth: '2025-05-01',
      measuredOn: '2025-05-01',
      value: 57,
    });
    expect(long).toMatchObject({ z: zScore(lengthLms, 57) });
    expect((long as { z: number }).z).toBeGreaterThan(3);
  });

  it('says how length is measured on each side of 2 years', () => {
    expect(
      assessMeasurement(measuredAt(730, { indicator: 'length_for_age', sex: 'female', value: 86 })),
    ).toMatchObject({
      reference: 'WHO 2006',
      measurement: 'recumbent length',
    });
    expect(
      assessMeasurement(measuredAt(731, { indicator: 'length_for_age', sex: 'female', value: 86 })),
    ).toMatchObject({
      reference: 'CDC 2000',
      measurement: 'standing height',
    });
  });

  it('scores weight-for-length by the child’s length, under 2 years only', () => {
    const result = assessMeasurement(
      measuredAt(200, { indicator: 'weight_for_length', sex: 'male', value: 7.2666, lengthCm: 65 }),
    );
    expect(result).toMatchObject({ z: expect.closeTo(0, 10), reference: 'WHO 2006' });
    expect(
      assessMeasurement(measuredAt(200, { indicator: 'weight_for_length', sex: 'male', value: 7 })),
    ).toEqual({
      outOfRange: true,
      reason: 'growth.reasons.needsLength',
    });
    expect(
      assessMeasurement(
        measuredAt(200, { indicator: 'weight_for_length', sex: 'male', value: 2, lengthCm: 40 }),
      ),
    ).toEqual({
      outOfRange: true,
      reason: 'growth.reasons.lengthOutOfRange',
    });
  });

  it('explains in plain words when no chart applies', () => {
    const reasonFor = (input: MeasurementInput) => {
      const result = assessMeasurement(input);
      return 'outOfRange' in result ? result.reason : null;
    };
    expect(reasonFor(measuredAt(1096, { indicator: 'head_for_age', sex: 'male', value: 50 }))).toBe(
      'growth.reasons.headStops36Months',
    );
    expect(
      reasonFor(measuredAt(1095, { indicator: 'head_for_age', sex: 'male', value: 50 })),
    ).toBeNull();
    expect(reasonFor(measuredAt(730, { indicator: 'bmi_for_age', sex: 'male', value: 16 }))).toBe(
      'growth.reasons.weightForLengthUnder24Months',
    );
    expect(
      reasonFor(measuredAt(731, { indicator: 'bmi_for_age', sex: 'male', value: 16 })),
    ).toBeNull();
    expect(
      reasonFor(
        measuredAt(731, { indicator: 'weight_for_length', sex: 'male', value: 12, lengthCm: 86 }),
      ),
    ).toBe('growth.reasons.bmiFrom24Months');
    expect(
      reasonFor(measuredAt(7305, { indicator: 'weight_for_age', sex: 'female', value: 58 })),
    ).toBeNull();
    expect(
      reasonFor(measuredAt(7306, { indicator: 'weight_for_age', sex: 'female', value: 58 })),
    ).toBe('growth.reasons.chartsStop20Years');
    expect(
      reasonFor({
        indicator: 'weight_for_age',
        sex: 'female',
        dateOfBirth: '2025-05-02',
        measuredOn: '2025-05-01',
        value: 3,
      }),
    ).toBe('growth.reasons.beforeBirth');
    expect(
      reasonFor(measuredAt(10, { indicator: 'weight_for_age', sex: 'female', value: 0 })),
    ).toBe('growth.reasons.notPositive');
  });

  it('computes BMI from kg and cm', () => {
    expect(bmiOf(16, 100)).toBeCloseTo(16, 12);
    expect(bmiOf(20, 110)).toBeCloseTo(16.5289, 4);
  });
});

describe('percentileCurves', () => {
  it('draws WHO to 24 months and CDC from 24 months, both reaching the seam', () => {
    const curves = percentileCurves('weight_for_age', 'male', { from: 0, to: 60, step: 1 });
    expect(curves.xAxis).toBe('age_months');
    expect(curves.segments.map(({ reference, from, to }) => ({ reference, from, to }))).toEqual([
      { reference: 'WHO 2006', from: 0, to: 24 },
      { reference: 'CDC 2000', from: 24, to: 60 },
    ]);
    const [who, cdc] = curves.segments;
    expect(who!.lines.map((line) => line.percentile)).toEqual([3, 5, 10, 25, 50, 75, 90, 95, 97]);
    const median = (segment: typeof who) =>
      segment!.lines.find((line) => line.percentile === 50)!.points;
    expect(median(who)[0]).toEqual({ x: 0, value: expect.closeTo(3.3464, 10) });
    expect(median(who).at(-1)?.x).toBe(24);
    expect(median(cdc)[0]).toEqual({ x: 24, value: expect.closeTo(12.6707633, 8) });
    expect(median(cdc).at(-1)?.x).toBe(60);
    expect(median(who)).toHaveLength(25);
  });

  it('rises with the percentile at every age', () => {
    for (const indicator of [
      'weight_for_age',
      'length_for_age',
      'head_for_age',
      'bmi_for_age',
    ] as const) {
      for (const segment of percentileCurves(indicator, 'female', { from: 0, to: 240, step: 6 })
        .segments) {
        const pointCount = segment.lines[0]!.points.length;
        for (let index = 0; index < pointCount; index++) {
          const values = segment.lines.map((line) => line.points[index]!.value);
          for (let k = 1; k < values.length; k++)
            expect(
              values[k]!,
              `${indicator} at ${segment.lines[0]!.points[index]!.x}`,
            ).toBeGreaterThan(values[k - 1]!);
        }
      }
    }
  });

  it('gives back the percentile it drew', () => {
    const third = percentileCurves('length_for_age', 'male', {
      from: 12,
      to: 36,
      step: 12,
    }).segments.flatMap((segment) =>
      segment.lines.filter((line) => line.percentile === 3).flatMap((line) => line.points),
    );
    for (const { x, value } of third.filter((point) => point.x !== 24)) {
      const result = assessMeasurement(
        measuredAt(Math.round(x * 30.4375), { indicator: 'length_for_age', sex: 'male', value }),
      );
      expect('percentile' in result && result.percentile).toBeCloseTo(3, 1);
    }
  });

  it('stops head circumference at 36 months and starts BMI at 24 months', () => {
    expect(
      percentileCurves('head_for_age', 'male', { from: 0, to: 60, step: 1 }).segments.map(
        (segment) => [segment.reference, segment.to],
      ),
    ).toEqual([
      ['WHO 2006', 24],
      ['CDC 2000', 36],
    ]);
    expect(
      percentileCurves('bmi_for_age', 'male', { from: 0, to: 240, step: 12 }).segments.map(
        (segment) => [segment.reference, segment.from],
      ),
    ).toEqual([['CDC 2000', 24]]);
  });

  it('draws weight-for-length by length in cm without drifting steps', () => {
    const curves = percentileCurves('weight_for_length', 'female', {
      from: 40,
      to: 120,
      step: 0.1,
      percentiles: [50],
    });
    expect(curves.xAxis).toBe('length_cm');
    const [segment] = curves.segments;
    expect(segment).toMatchObject({ reference: 'WHO 2006', from: 45, to: 110 });
    const xs = segment!.lines[0]!.points.map((point) => point.x);
    expect(xs).toHaveLength(651);
    expect(xs.slice(0, 3)).toEqual([45, 45.1, 45.2]);
    expect(xs.at(-1)).toBe(110);
  });

  it('refuses a range it cannot draw', () => {
    expect(() => percentileCurves('weight_for_age', 'male', { from: 10, to: 5, step: 1 })).toThrow(
      RangeError,
    );
    expect(() => percentileCurves('weight_for_age', 'male', { from: 0, to: 5, step: 0 })).toThrow(
      RangeError,
    );
    expect(() =>
      percentileCurves('weight_for_age', 'male', { from: 0, to: 240, step: 0.001 }),
    ).toThrow(RangeError);
    expect(() =>
      percentileCurves('weight_for_age', 'male', { from: 0, to: 5, step: 1, percentiles: [100] }),
    ).toThrow(RangeError);
  });
});
