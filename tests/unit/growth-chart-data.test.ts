import { describe, expect, it } from 'vitest';

import { growthCharts } from '@/lib/growth/chart-data';
import { ordinal } from '@/lib/growth/ordinal';

describe('growth chart data', () => {
  const charts = growthCharts({
    sex: 'female',
    dateOfBirth: '2021-04-12',
    today: '2026-11-25',
    measurements: [
      { measuredOn: '2021-04-17', weightKg: 3.3, heightCm: 49.5, headCircumferenceCm: 34.2 },
      { measuredOn: '2022-04-12', weightKg: 9.1, heightCm: 74.7, headCircumferenceCm: 45.1 },
      { measuredOn: '2023-04-12', weightKg: 11.6, heightCm: 86.4, headCircumferenceCm: 47.4 },
      { measuredOn: '2026-04-12', weightKg: 18.0, heightCm: 109.4, headCircumferenceCm: null },
    ],
  });
  const byIndicator = Object.fromEntries(charts.map((chart) => [chart.indicator, chart]));

  it('draws the charts that fit the measurements, each naming its reference', () => {
    expect(charts.map((chart) => chart.indicator)).toEqual([
      'weight_for_age',
      'length_for_age',
      'head_for_age',
      'weight_for_length',
      'bmi_for_age',
    ]);
    expect(byIndicator.weight_for_age!.references).toEqual(['WHO 2006', 'CDC 2000']);
    expect(byIndicator.head_for_age!.points).toHaveLength(3);
    // The second birthday (day 730) is still on the WHO charts: weight-for-length, not yet BMI.
    expect(byIndicator.weight_for_length!.points.map((point) => point.x)).toEqual([
      49.5, 74.7, 86.4,
    ]);
    expect(byIndicator.bmi_for_age!.points.map((point) => point.measuredOn)).toEqual([
      '2026-04-12',
    ]);
  });

  it('gives each point a percentile and z-score near the middle for median-sized measurements', () => {
    for (const point of byIndicator.weight_for_age!.points) {
      expect(point.percentile, point.measuredOn).toBeGreaterThan(20);
      expect(point.percentile, point.measuredOn).toBeLessThan(80);
      expect(Math.abs(point.z!)).toBeLessThan(1);
    }
  });

  it('computes curves over the child’s ages, with nine percentile lines per reference', () => {
    const curves = byIndicator.weight_for_age!.curves;
    expect(curves.segments).toHaveLength(2);
    for (const segment of curves.segments)
      expect(segment.lines.map((line) => line.percentile)).toEqual([
        3, 5, 10, 25, 50, 75, 90, 95, 97,
      ]);
    const lastX = curves.segments.at(-1)!.lines[0]!.points.at(-1)!.x;
    expect(lastX).toBeGreaterThanOrEqual(67);
  });
});

describe('percentiles in words', () => {
  it('says them as people do, and does not pretend precision in the tails', () => {
    expect([1, 2, 3, 11, 12, 13, 21, 58, 50.4].map((p) => ordinal(p, 'en'))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '11th',
      '12th',
      '13th',
      '21st',
      '58th',
      '50th',
    ]);
    expect(ordinal(0.05, 'en')).toBe('below the 0.1st');
    expect(ordinal(99.95, 'en')).toBe('above the 99.9th');
    expect(ordinal(99.4, 'en')).toBe('99.4th');
  });

  it('says them in Spanish around a plain number (es-US writes a decimal point)', () => {
    expect([1, 3, 58, 50.4].map((p) => ordinal(p, 'es'))).toEqual(['1', '3', '58', '50']);
    expect(ordinal(0.05, 'es')).toBe('menos de 0.1');
    expect(ordinal(99.95, 'es')).toBe('más de 99.9');
    expect(ordinal(99.4, 'es')).toBe('99.4');
    expect(ordinal(0.5, 'en')).toBe('0.5th');
  });
});
