/**
 * The LMS method (Cole and Green, 1992) that both the WHO standards and the CDC 2000 charts use:
 * at each age (or length) a reference gives a Box-Cox power L, a median M and a coefficient of
 * variation S, and a measurement turns into a z-score and a percentile with the formulas below.
 * Pure arithmetic with no data, so it is safe anywhere; the tables live in ./reference.ts.
 */

export type Lms = { l: number; m: number; s: number };

export type TailOptions = {
  /**
   * WHO's restricted application of the LMS method, for its weight-based indicators (weight-for-age,
   * weight-for-length/height, BMI-for-age). Beyond ±3 SD the skewed LMS curve stretches or squeezes
   * the tails too much, so WHO measures distance there in steps of a fixed SD: the distance between
   * the 2 SD and 3 SD values on that side (WHO Child Growth Standards, 2006, chapter 7).
   */
  restrictedTails?: boolean;
};

/** |L| below this is treated as 0, where the Box-Cox transform becomes the logarithm. */
const L_EPSILON = 1e-9;

/** z-score of the plain LMS model, without WHO's tail rule. */
function lmsZScore({ l, m, s }: Lms, value: number): number {
  if (Math.abs(l) < L_EPSILON) return Math.log(value / m) / s;
  return ((value / m) ** l - 1) / (l * s);
}

/** Value at a z-score of the plain LMS model: x = M(1 + L·S·z)^(1/L), or M·e^(S·z) when L = 0. */
function lmsValueAt({ l, m, s }: Lms, z: number): number {
  if (Math.abs(l) < L_EPSILON) return m * Math.exp(s * z);
  const base = 1 + l * s * z;
  // Far enough into one tail, a negative L has no value at that z (the curve runs off to infinity).
  if (base <= 0) return Number.NaN;
  return m * base ** (1 / l);
}

/** z-score of a measurement (weight in kg, length, height and head circumference in cm, BMI in kg/m²). */
export function zScore(
  lms: Lms,
  value: number,
  { restrictedTails = false }: TailOptions = {},
): number {
  if (!(value > 0) || !Number.isFinite(value))
    throw new RangeError(`A measurement must be a positive number, not ${value}`);
  const z = lmsZScore(lms, value);
  if (!restrictedTails || Math.abs(z) <= 3) return z;
  if (z > 3) {
    const sd3 = lmsValueAt(lms, 3);
    return 3 + (value - sd3) / (sd3 - lmsValueAt(lms, 2));
  }
  const sd3 = lmsValueAt(lms, -3);
  return -3 + (value - sd3) / (lmsValueAt(lms, -2) - sd3);
}

/** The measurement at a z-score: the inverse of zScore, with the same tail rule. */
export function valueAtZ(
  lms: Lms,
  z: number,
  { restrictedTails = false }: TailOptions = {},
): number {
  if (!restrictedTails || Math.abs(z) <= 3) return lmsValueAt(lms, z);
  const side = Math.sign(z);
  const sd3 = lmsValueAt(lms, 3 * side);
  const sd2 = lmsValueAt(lms, 2 * side);
  return sd3 + (z - 3 * side) * Math.abs(sd3 - sd2);
}

/**
 * Φ, the standard normal cumulative distribution, by Hart's 1968 rational approximation (algorithm
 * 5666, as given by West, "Better approximations to cumulative normal functions", 2005). It is
 * accurate to about 1e-14 over the whole line, far inside what a percentile needs, and has no
 * cancellation in the far tails where 1 − Φ(z) would otherwise round to 0.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const x = Math.abs(z);
  let tail: number;
  if (x > 37) {
    tail = 0;
  } else {
    const density = Math.exp((-x * x) / 2);
    if (x < 7.07106781186547) {
      let numerator = 3.52624965998911e-2 * x + 0.700383064443688;
      numerator = numerator * x + 6.37396220353165;
      numerator = numerator * x + 33.912866078383;
      numerator = numerator * x + 112.079291497871;
      numerator = numerator * x + 221.213596169931;
      numerator = numerator * x + 220.206867912376;
      let denominator = 8.83883476483184e-2 * x + 1.75566716318264;
      denominator = denominator * x + 16.064177579207;
      denominator = denominator * x + 86.7807322029461;
      denominator = denominator * x + 296.564248779674;
      denominator = denominator * x + 637.333633378831;
      denominator = denominator * x + 793.826512519948;
      denominator = denominator * x + 440.413735824752;
      tail = (density * numerator) / denominator;
    } else {
      // Continued fraction for the far tail.
      let fraction = x + 0.65;
      fraction = x + 4 / fraction;
      fraction = x + 3 / fraction;
      fraction = x + 2 / fraction;
      fraction = x + 1 / fraction;
      tail = density / fraction / 2.506628274631;
    }
  }
  return z > 0 ? 1 - tail : tail;
}

/**
 * Φ⁻¹, the z-score at a cumulative probability, by Acklam's rational approximation (relative error
 * 1.15e-9) polished with one Halley step against normalCdf, which brings it to full precision.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1))
    throw new RangeError(`A probability strictly between 0 and 1 is needed, not ${p}`);
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
    -3.066479806614716e1, 2.506628277459239,
  ] as const;
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1,
  ] as const;
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ] as const;
  const d = [
    7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416,
  ] as const;
  const lowTail = 0.02425;

  const tailApproximation = (q: number) =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);

  let x: number;
  if (p < lowTail) {
    x = tailApproximation(Math.sqrt(-2 * Math.log(p)));
  } else if (p > 1 - lowTail) {
    x = -tailApproximation(Math.sqrt(-2 * Math.log(1 - p)));
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const error = normalCdf(x) - p;
  const step = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - step / (1 + (x * step) / 2);
}

/** Percentile (0–100, unrounded) of a z-score. */
export function percentileOfZ(z: number): number {
  return 100 * normalCdf(z);
}

/** z-score of a percentile (strictly between 0 and 100). */
export function zOfPercentile(percentile: number): number {
  return normalQuantile(percentile / 100);
}
