import 'server-only';

/**
 * Where a child's measurement falls on the growth charts, and the percentile lines to draw them.
 * Server only (through ./reference): pages compute here and pass plain numbers to the browser.
 *
 * Units: weight in kg, length/height and head circumference in cm, BMI in kg/m².
 */
import { percentileOfZ, valueAtZ, zOfPercentile, zScore } from './lms';
import {
  cdcLmsAt,
  DAYS_PER_MONTH,
  FIRST_CDC_DAY,
  LAST_CHART_MONTH,
  LAST_HEAD_MONTH,
  lmsAt,
  whoLmsAt,
  type GrowthIndicator,
  type GrowthReference,
  type LengthMeasurement,
  type ReferenceLms,
  type Sex,
} from './reference';

export type MeasurementInput = {
  indicator: GrowthIndicator;
  sex: Sex;
  /** YYYY-MM-DD, a calendar date with no time zone. */
  dateOfBirth: string;
  /** YYYY-MM-DD, a calendar date with no time zone. */
  measuredOn: string;
  /** kg for weight_for_age and weight_for_length, cm for length_for_age and head_for_age, kg/m² for bmi_for_age. */
  value: number;
  /** Needed for weight_for_length only: the child's length in cm. */
  lengthCm?: number;
};

export type Assessment = {
  z: number;
  /** 0–100, unrounded: round for display (and say "<0.1" or ">99.9" in the far tails). */
  percentile: number;
  reference: GrowthReference;
  /** For length_for_age: how the reference expects the child to be measured at this age. */
  measurement?: LengthMeasurement;
};

/** `reason` is a catalog key (growth.reasons.*): the page says it in the reader's language. */
export type OutOfRange = { outOfRange: true; reason: string };

/** The percentile lines drawn on the charts. */
const chartPercentiles: readonly number[] = [3, 5, 10, 25, 50, 75, 90, 95, 97];

const WHO_LENGTH_RANGE_CM = { from: 45, to: 110 };
const SEAM_MONTH = 24;

/** Whole days from birth to a measurement, counted on the calendar (no time zones, no DST hours). */
export function ageInDays(dateOfBirth: string, measuredOn: string): number {
  return (calendarDay(measuredOn) - calendarDay(dateOfBirth)) / 86_400_000;
}

function calendarDay(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const [year, month, day] = match
    ? [Number(match[1]), Number(match[2]), Number(match[3])]
    : [Number.NaN, Number.NaN, Number.NaN];
  const time = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2025-02-30 over to 2 March; a date that does not survive the round trip is not a date.
  if (!match || new Date(time).toISOString().slice(0, 10) !== isoDate)
    throw new RangeError(`"${isoDate}" is not a YYYY-MM-DD date`);
  return time;
}

/** BMI in kg/m² from a weight in kg and a height in cm. */
export function bmiOf(weightKg: number, heightCm: number): number {
  const metres = heightCm / 100;
  return weightKg / (metres * metres);
}

const isPositive = (value: number | undefined): value is number =>
  value !== undefined && Number.isFinite(value) && value > 0;
const outOfRange = (reason: string): OutOfRange => ({ outOfRange: true, reason });

/** Why no chart answers for this indicator at this age (in days), or null when one does. */
function whyNoChart(indicator: GrowthIndicator, days: number): string | null {
  const months = days / DAYS_PER_MONTH;
  if (days < 0) return 'growth.reasons.beforeBirth';
  if (indicator === 'weight_for_length' && days >= FIRST_CDC_DAY)
    return 'growth.reasons.bmiFrom24Months';
  if (indicator === 'bmi_for_age' && days < FIRST_CDC_DAY)
    return 'growth.reasons.weightForLengthUnder24Months';
  if (indicator === 'head_for_age' && months > LAST_HEAD_MONTH)
    return 'growth.reasons.headStops36Months';
  if (months > LAST_CHART_MONTH) return 'growth.reasons.chartsStop20Years';
  return null;
}

/** The z-score and percentile of one measurement, against WHO under 2 years and CDC from 2 years. */
export function assessMeasurement(input: MeasurementInput): Assessment | OutOfRange {
  const { indicator, sex, value } = input;
  if (!isPositive(value)) return outOfRange('growth.reasons.notPositive');
  const days = ageInDays(input.dateOfBirth, input.measuredOn);
  const noChart = whyNoChart(indicator, days);
  if (noChart) return outOfRange(noChart);

  let lms: ReferenceLms | null;
  if (indicator === 'weight_for_length') {
    if (!isPositive(input.lengthCm)) return outOfRange('growth.reasons.needsLength');
    lms = lmsAt(indicator, sex, input.lengthCm);
    if (!lms) return outOfRange('growth.reasons.lengthOutOfRange');
  } else {
    lms = lmsAt(indicator, sex, days);
    if (!lms) return outOfRange('growth.reasons.noChartForAge');
  }

  const z = zScore(lms, value, { restrictedTails: lms.restrictedTails });
  return {
    z,
    percentile: percentileOfZ(z),
    reference: lms.reference,
    ...(lms.measurement ? { measurement: lms.measurement } : {}),
  };
}

// ── Curves ──────────────────────────────────────────────────────────────────────────────────────

export type CurveOptions = {
  /** Age in months, or length in cm for weight_for_length. */
  from: number;
  to: number;
  step: number;
  /** Defaults to chartPercentiles (3rd to 97th). */
  percentiles?: readonly number[];
};

type CurvePoint = { x: number; value: number };
type PercentileLine = { percentile: number; points: CurvePoint[] };
/** One stretch of the chart drawn from one reference; label it with `reference`. */
type CurveSegment = {
  reference: GrowthReference;
  from: number;
  to: number;
  lines: PercentileLine[];
};
export type PercentileCurves = { xAxis: 'age_months' | 'length_cm'; segments: CurveSegment[] };

type SegmentSource = {
  reference: GrowthReference;
  from: number;
  to: number;
  lmsAt: (x: number) => ReferenceLms | null;
};

/** Where each reference is drawn, in the chart's x units. */
function segmentSources(indicator: GrowthIndicator, sex: Sex): SegmentSource[] {
  if (indicator === 'weight_for_length') {
    return [
      {
        reference: 'WHO 2006',
        ...WHO_LENGTH_RANGE_CM,
        lmsAt: (cm) => whoLmsAt(indicator, sex, cm),
      },
    ];
  }
  const who: SegmentSource = {
    reference: 'WHO 2006',
    from: 0,
    to: SEAM_MONTH,
    lmsAt: (months) => whoLmsAt(indicator, sex, months * DAYS_PER_MONTH),
  };
  const cdcEnd = indicator === 'head_for_age' ? LAST_HEAD_MONTH : LAST_CHART_MONTH;
  const cdc: SegmentSource = {
    reference: 'CDC 2000',
    from: SEAM_MONTH,
    to: cdcEnd,
    lmsAt: (months) => cdcLmsAt(indicator, sex, months),
  };
  return indicator === 'bmi_for_age' ? [cdc] : [who, cdc];
}

const MAX_POINTS = 10_000;

/** from, from + step, … up to `to`, each rounded so 0.1-steps do not drift into 2.3000000000000003. */
function xGrid(from: number, to: number, step: number): number[] {
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_POINTS)
    throw new RangeError(`${count} points per line is more than a chart needs; use a larger step`);
  return Array.from({ length: count }, (_, index) => Math.round((from + index * step) * 1e9) / 1e9);
}

/**
 * The lines for the given percentiles along the x axis (age in months; length in cm for
 * weight_for_length), in one segment per reference.
 *
 * The seam at 24 months follows CDC's recommendation: the WHO standards up to 24 months and the CDC
 * charts from 24 months, as two separate charts rather than a blend. Both segments have a point at
 * exactly 24 months (WHO at 730.5 days, CDC at its first row) so each line reaches the seam, and the
 * lines do not meet there: the step is the real difference between the references, and for
 * length_for_age also the change from recumbent length (WHO to day 730) to standing height, which
 * reads about 0.7 cm shorter. Draw each segment as its own line and never join across the seam.
 * Each segment also starts and ends at the edges of the requested range, so lines reach both ends.
 */
export function percentileCurves(
  indicator: GrowthIndicator,
  sex: Sex,
  options: CurveOptions,
): PercentileCurves {
  const { from, to, step, percentiles = chartPercentiles } = options;
  if (![from, to, step].every(Number.isFinite) || step <= 0 || from > to) {
    throw new RangeError('Curves need finite from ≤ to and a positive step');
  }
  const lines = percentiles.map((percentile) => ({ percentile, z: zOfPercentile(percentile) }));
  const grid = xGrid(from, to, step);

  const segments: CurveSegment[] = [];
  for (const source of segmentSources(indicator, sex)) {
    const start = Math.max(from, source.from);
    const end = Math.min(to, source.to);
    if (start > end) continue;
    const xs = [...new Set([start, ...grid.filter((x) => x > start && x < end), end])];
    const lmsAlong = xs.flatMap((x) => {
      const lms = source.lmsAt(x);
      return lms ? [{ x, lms }] : [];
    });
    if (lmsAlong.length === 0) continue;
    segments.push({
      reference: source.reference,
      from: start,
      to: end,
      lines: lines.map(({ percentile, z }) => ({
        percentile,
        points: lmsAlong.map(({ x, lms }) => ({
          x,
          value: valueAtZ(lms, z, { restrictedTails: lms.restrictedTails }),
        })),
      })),
    });
  }
  return { xAxis: indicator === 'weight_for_length' ? 'length_cm' : 'age_months', segments };
}
