import 'server-only';

import {
  ageInDays,
  assessMeasurement,
  bmiOf,
  percentileCurves,
  type PercentileCurves,
} from './percentiles';
import { DAYS_PER_MONTH, type GrowthIndicator, type Sex } from './reference';

/**
 * Everything a growth chart needs, computed on the server (the reference tables never go to the
 * browser): the percentile curves over the child's age range and each measurement as a point
 * with its percentile and z-score, or the plain reason it has none.
 */

export interface GrowthPoint {
  measuredOn: string;
  x: number;
  value: number;
  percentile: number | null;
  z: number | null;
  reference: string | null;
  note: string | null;
}

/** The chart's words (title, axis, notes) come from the `growth` catalog, keyed by indicator. */
export interface GrowthChart {
  indicator: GrowthIndicator;
  unit: string;
  references: string[];
  curves: PercentileCurves;
  points: GrowthPoint[];
}

interface Measurement {
  measuredOn: string;
  weightKg: number | null;
  heightCm: number | null;
  headCircumferenceCm: number | null;
}

const charts: {
  indicator: GrowthIndicator;
  unit: string;
  maxMonths: number;
  minMonths: number;
}[] = [
  {
    indicator: 'weight_for_age',
    unit: 'kg',
    minMonths: 0,
    maxMonths: 240,
  },
  {
    indicator: 'length_for_age',
    unit: 'cm',
    minMonths: 0,
    maxMonths: 240,
  },
  {
    indicator: 'head_for_age',
    unit: 'cm',
    minMonths: 0,
    maxMonths: 36,
  },
  {
    indicator: 'weight_for_length',
    unit: 'kg',
    minMonths: 0,
    maxMonths: 24,
  },
  {
    indicator: 'bmi_for_age',
    unit: 'kg/m²',
    minMonths: 24,
    maxMonths: 240,
  },
];

function valueFor(indicator: GrowthIndicator, measurement: Measurement): number | null {
  switch (indicator) {
    case 'weight_for_age':
    case 'weight_for_length':
      return measurement.weightKg;
    case 'length_for_age':
      return measurement.heightCm;
    case 'head_for_age':
      return measurement.headCircumferenceCm;
    case 'bmi_for_age':
      return measurement.weightKg && measurement.heightCm
        ? Math.round(bmiOf(measurement.weightKg, measurement.heightCm) * 10) / 10
        : null;
  }
}

export function growthCharts({
  sex,
  dateOfBirth,
  today,
  measurements,
}: {
  sex: Sex;
  dateOfBirth: string;
  today: string;
  measurements: Measurement[];
}): GrowthChart[] {
  const ageNowMonths = ageInDays(dateOfBirth, today) / DAYS_PER_MONTH;
  const ordered = [...measurements].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn));
  const result: GrowthChart[] = [];
  for (const chart of charts) {
    const points: GrowthPoint[] = [];
    for (const measurement of ordered) {
      const value = valueFor(chart.indicator, measurement);
      if (value === null) continue;
      const ageMonths = ageInDays(dateOfBirth, measurement.measuredOn) / DAYS_PER_MONTH;
      if (ageMonths < chart.minMonths || ageMonths > chart.maxMonths) continue;
      const x = chart.indicator === 'weight_for_length' ? measurement.heightCm : ageMonths;
      if (x === null) continue;
      const assessed = assessMeasurement({
        indicator: chart.indicator,
        sex,
        dateOfBirth,
        measuredOn: measurement.measuredOn,
        value,
        lengthCm: measurement.heightCm ?? undefined,
      });
      points.push(
        'outOfRange' in assessed
          ? {
              measuredOn: measurement.measuredOn,
              x,
              value,
              percentile: null,
              z: null,
              reference: null,
              note: assessed.reason,
            }
          : {
              measuredOn: measurement.measuredOn,
              x,
              value,
              percentile: assessed.percentile,
              z: assessed.z,
              reference: assessed.reference,
              note: null,
            },
      );
    }
    if (points.length === 0) continue;
    const xs = points.map((point) => point.x);
    const [from, to, step] =
      chart.indicator === 'weight_for_length'
        ? [
            Math.max(45, Math.floor(Math.min(...xs)) - 5),
            Math.min(110, Math.ceil(Math.max(...xs)) + 5),
            1,
          ]
        : [
            Math.max(chart.minMonths, 0),
            Math.min(
              chart.maxMonths,
              Math.max(Math.ceil(Math.max(...xs, ageNowMonths)) + 3, chart.minMonths + 6),
            ),
            chart.maxMonths <= 36 ? 0.5 : 1,
          ];
    const curves = percentileCurves(chart.indicator, sex, { from, to, step });
    result.push({
      indicator: chart.indicator,
      unit: chart.unit,
      references: [...new Set(curves.segments.map((segment) => segment.reference))],
      curves,
      points,
    });
  }
  return result;
}
