import { describe, expect, it } from 'vitest';

import {
  normalCdf,
  normalQuantile,
  percentileOfZ,
  valueAtZ,
  zOfPercentile,
  zScore,
  type Lms,
} from '@/lib/growth/lms';

// Published rows quoted in the data README (lib/growth/data/*/README.md names their origin).
const cdcWtageinfBoys9_5: Lms = { l: -0.1600954, m: 9.476500305, s: 0.11218624 };
const whoWeightBoysDay0: Lms = { l: 0.3487, m: 3.3464, s: 0.14602 };

describe('z-scores and values from L, M and S', () => {
  it('gives the known CDC value: a 9.5-month-old boy weighing 9.7 kg is z ≈ 0.207, the 58th percentile', () => {
    const z = zScore(cdcWtageinfBoys9_5, 9.7);
    expect(z).toBeCloseTo(0.2074, 4);
    expect(Math.round(percentileOfZ(z))).toBe(58);
  });

  it('puts the median at z = 0 and inverts exactly for positive, negative and zero L', () => {
    for (const lms of [
      cdcWtageinfBoys9_5,
      whoWeightBoysDay0,
      { l: 0, m: 20, s: 0.1 },
      { l: -2.3, m: 16.5, s: 0.08 },
    ]) {
      expect(zScore(lms, lms.m)).toBeCloseTo(0, 12);
      for (const z of [-2.5, -1, 0.3, 1.88, 2.9]) {
        expect(zScore(lms, valueAtZ(lms, z))).toBeCloseTo(z, 10);
      }
    }
  });

  it('uses the logarithm when L = 0, and L → 0 approaches it smoothly', () => {
    const logNormal: Lms = { l: 0, m: 50, s: 0.04 };
    expect(zScore(logNormal, 55)).toBeCloseTo(Math.log(55 / 50) / 0.04, 12);
    expect(valueAtZ(logNormal, 1.5)).toBeCloseTo(50 * Math.exp(0.04 * 1.5), 12);
    expect(Number.isFinite(zScore(logNormal, 55))).toBe(true);
    expect(zScore({ ...logNormal, l: 1e-12 }, 55)).toBeCloseTo(zScore(logNormal, 55), 9);
    expect(zScore({ ...logNormal, l: 1e-4 }, 55)).toBeCloseTo(zScore(logNormal, 55), 4);
  });

  it('matches the textbook formula for L ≠ 0', () => {
    const { l, m, s } = whoWeightBoysDay0;
    expect(zScore(whoWeightBoysDay0, 4)).toBeCloseTo(((4 / m) ** l - 1) / (l * s), 12);
    expect(valueAtZ(whoWeightBoysDay0, 2)).toBeCloseTo(m * (1 + l * s * 2) ** (1 / l), 12);
  });

  it('refuses a measurement that is not a positive number', () => {
    for (const value of [0, -3, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => zScore(whoWeightBoysDay0, value)).toThrow(RangeError);
    }
  });
});

describe('WHO restricted tails beyond ±3 SD', () => {
  // Independently computed: SD2 = 4.41935, SD3 = 5.03064 kg; SD−2 = 2.45931, SD−3 = 2.08031 kg.
  it('measures beyond +3 SD in steps of (SD3 − SD2)', () => {
    expect(zScore(whoWeightBoysDay0, 5.5)).toBeCloseTo(3.71526, 4); // the plain LMS
    expect(zScore(whoWeightBoysDay0, 5.5, { restrictedTails: true })).toBeCloseTo(3.76783, 4);
    const sd2 = valueAtZ(whoWeightBoysDay0, 2);
    const sd3 = valueAtZ(whoWeightBoysDay0, 3);
    expect(zScore(whoWeightBoysDay0, sd3 + (sd3 - sd2), { restrictedTails: true })).toBeCloseTo(
      4,
      10,
    );
  });

  it('measures below −3 SD in steps of (SD−2 − SD−3)', () => {
    expect(zScore(whoWeightBoysDay0, 1.8)).toBeCloseTo(-3.81892, 4);
    expect(zScore(whoWeightBoysDay0, 1.8, { restrictedTails: true })).toBeCloseTo(-3.73959, 4);
  });

  it('changes nothing within ±3 SD and is continuous at ±3', () => {
    for (const value of [2.2, 3.3464, 4.9]) {
      expect(zScore(whoWeightBoysDay0, value, { restrictedTails: true })).toBe(
        zScore(whoWeightBoysDay0, value),
      );
    }
    for (const z of [-3, 3]) {
      const atEdge = valueAtZ(whoWeightBoysDay0, z);
      expect(zScore(whoWeightBoysDay0, atEdge, { restrictedTails: true })).toBeCloseTo(z, 10);
      expect(zScore(whoWeightBoysDay0, atEdge * (1 + 1e-9), { restrictedTails: true })).toBeCloseTo(
        z,
        6,
      );
    }
  });

  it('inverts with valueAtZ using the same rule', () => {
    for (const z of [-4.5, -3.2, 3.1, 5]) {
      const value = valueAtZ(whoWeightBoysDay0, z, { restrictedTails: true });
      expect(zScore(whoWeightBoysDay0, value, { restrictedTails: true })).toBeCloseTo(z, 10);
    }
  });
});

describe('the normal distribution', () => {
  it('gives Φ to better than 1e-7 (reference values from erfc in double precision)', () => {
    const known: [number, number][] = [
      [0, 0.5],
      [0.207, 0.5819950707506181],
      [1, 0.8413447460685429],
      [-1, 0.15865525393145707],
      [1.96, 0.9750021048517795],
      [-2, 0.02275013194817922],
      [3, 0.9986501019683699],
      [-3, 0.0013498980316300957],
      [-5, 2.866515718791946e-7],
    ];
    for (const [z, expected] of known)
      expect(Math.abs(normalCdf(z) - expected)).toBeLessThan(1e-12);
    // Far tails keep their relative precision instead of rounding to 0 or 1.
    expect(normalCdf(-8) / 6.220960574271819e-16).toBeCloseTo(1, 6);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it('is symmetric and increasing', () => {
    let previous = 0;
    for (let z = -6; z <= 6; z += 0.25) {
      expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 14);
      expect(normalCdf(z)).toBeGreaterThan(previous);
      previous = normalCdf(z);
    }
  });

  it('inverts Φ at the chart percentiles', () => {
    expect(zOfPercentile(50)).toBe(0);
    expect(zOfPercentile(3)).toBeCloseTo(-1.880793608151251, 12);
    expect(zOfPercentile(5)).toBeCloseTo(-1.6448536269514726, 12);
    expect(zOfPercentile(10)).toBeCloseTo(-1.2815515655446008, 12);
    expect(zOfPercentile(25)).toBeCloseTo(-0.6744897501960817, 12);
    expect(zOfPercentile(97)).toBeCloseTo(1.880793608151251, 12);
    for (const p of [1e-6, 0.001, 0.02, 0.5, 0.975, 0.999999])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
    expect(() => zOfPercentile(0)).toThrow(RangeError);
    expect(() => zOfPercentile(100)).toThrow(RangeError);
  });
});
