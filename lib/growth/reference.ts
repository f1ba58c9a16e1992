/**
 * The growth references as data: which table answers for which indicator at which age, and the
 * L, M and S it gives there. CDC recommends the WHO standards from birth to 24 months and the CDC
 * 2000 charts from 2 to 20 years (MMWR 2010;59(RR-9)), so WHO answers for ages of 0–730 days and
 * CDC from day 731 (24.02 months) on.
 *
 * The tables are the published files, unedited, under lib/growth/data (see the READMEs there). They
 * are read from disk on the server the first time they are needed and kept parsed in memory; the
 * WHO files are GPL-3.0, which is one more reason they must never reach the browser bundle.
 */
import 'server-only';

import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Lms } from './lms';

export type GrowthIndicator =
  'weight_for_age' | 'length_for_age' | 'head_for_age' | 'weight_for_length' | 'bmi_for_age';
export type Sex = 'female' | 'male';
export type GrowthReference = 'WHO 2006' | 'CDC 2000';
/** How a child's length was measured: lying down before 2 years, standing from 2 years. */
export type LengthMeasurement = 'recumbent length' | 'standing height';

export type ReferenceLms = Lms & {
  reference: GrowthReference;
  /** Whether WHO's restricted LMS applies beyond ±3 SD (see TailOptions in ./lms). */
  restrictedTails: boolean;
  /** For length_for_age only: the way the reference measured the child at this age. */
  measurement?: LengthMeasurement;
};

/** CDC and WHO both count a month as 30.4375 days (365.25 / 12). */
export const DAYS_PER_MONTH = 30.4375;
/** The first day of age the CDC charts answer for: 731 days is the first whole day past 24 months (730.5 days). */
export const FIRST_CDC_DAY = 731;
/** The charts end at 20 years (240 months, exactly 7305 days). */
export const LAST_CHART_MONTH = 240;
/** CDC's head circumference chart is one of its infant charts, which end at 36 months. */
export const LAST_HEAD_MONTH = 36;

// ── The tables ──────────────────────────────────────────────────────────────────────────────────

type Row = Lms & { x: number; segment?: string };
type Table = Record<Sex, Row[]>;

/** WHO: day of age (weight_for_length: length in cm). No WHO BMI table: under 2 years weight-for-length is used. */
const whoFiles: Record<Exclude<GrowthIndicator, 'bmi_for_age'>, string> = {
  weight_for_age: 'who/weianthro.txt',
  length_for_age: 'who/lenanthro.txt',
  head_for_age: 'who/hcanthro.txt',
  weight_for_length: 'who/wflanthro.txt',
};

/** CDC: age in months. statage is standing height, which is what a 2-year-old is measured by. */
const cdcFiles: Record<Exclude<GrowthIndicator, 'weight_for_length'>, string> = {
  weight_for_age: 'cdc/wtage.csv',
  length_for_age: 'cdc/statage.csv',
  head_for_age: 'cdc/hcageinf.csv',
  bmi_for_age: 'cdc/bmiagerev.csv',
};

/** WHO applies its restricted LMS to the weight-based indicators only (the others are near-normal). */
const restrictedInWho: ReadonlySet<GrowthIndicator> = new Set([
  'weight_for_age',
  'weight_for_length',
  'bmi_for_age',
]);

const parsedTables = new Map<string, Table>();

/**
 * Reads a published table by its column names: CDC files are comma-separated and repeat their header
 * where the girls begin, lenageinf adds columns; WHO files are tab-separated with lower-case names.
 * Both use CRLF and sex 1 = male, 2 = female.
 */
function parseTable(relativePath: string): Table {
  // We run `next start` from the checkout, so the files are simply on disk and no standalone output
  // needs them traced; the static prefix keeps Next's file tracer, if it looks, to this one folder.
  const text = readFileSync(
    path.join(process.cwd(), 'lib', 'growth', 'data', relativePath),
    'utf8',
  );
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const separator = relativePath.endsWith('.csv') ? ',' : '\t';
  const header = lines[0]!.split(separator).map((name) => name.trim().toLowerCase());
  const column = (names: string[]) => {
    const index = header.findIndex((name) => names.includes(name));
    if (index < 0) throw new Error(`${relativePath}: no ${names.join('/')} column`);
    return index;
  };
  const sexColumn = column(['sex']);
  // WHO's age is in days, CDC's Agemos in months; wflanthro is by length in cm.
  const xColumn = column(['age', 'agemos', 'length']);
  const [lColumn, mColumn, sColumn] = [column(['l']), column(['m']), column(['s'])];
  const segmentIndex = header.findIndex((name) => name === 'loh' || name === 'lorh');

  const table: Table = { male: [], female: [] };
  for (const [lineIndex, line] of lines.entries()) {
    const cells = line.split(separator).map((cell) => cell.trim());
    if (cells[sexColumn]!.toLowerCase() === 'sex') continue; // the header, or its repetition
    const number = (index: number) => {
      const value = Number(cells[index]);
      if (cells[index] === '' || !Number.isFinite(value))
        throw new Error(`${relativePath}:${lineIndex + 1}: "${cells[index]}" is not a number`);
      return value;
    };
    const sex = number(sexColumn);
    if (sex !== 1 && sex !== 2)
      throw new Error(`${relativePath}:${lineIndex + 1}: sex ${sex} is neither 1 nor 2`);
    const rows = sex === 1 ? table.male : table.female;
    const row: Row = {
      x: number(xColumn),
      l: number(lColumn),
      m: number(mColumn),
      s: number(sColumn),
    };
    if (segmentIndex >= 0) row.segment = cells[segmentIndex];
    const previous = rows.at(-1);
    // Lookups bisect, so the rows must rise; refuse a table that does not rather than answer wrongly.
    if (previous && !(row.x > previous.x))
      throw new Error(`${relativePath}:${lineIndex + 1}: ${header[xColumn]} does not increase`);
    rows.push(row);
  }
  if (table.male.length === 0 || table.female.length === 0)
    throw new Error(`${relativePath}: a sex has no rows`);
  return table;
}

function tableOf(relativePath: string): Table {
  let table = parsedTables.get(relativePath);
  if (!table) {
    table = parseTable(relativePath);
    parsedTables.set(relativePath, table);
  }
  return table;
}

/**
 * L, M and S at x, linear between the two rows around it (WHO's daily and 0.1 cm steps and CDC's
 * half-month steps are fine enough for that), null outside the table. Never across a change of
 * segment (WHO lenanthro's recumbent length → standing height): there the lower row answers,
 * because WHO's switch comes at day 731 and anything before it is still measured lying down.
 */
function interpolate(rows: readonly Row[], x: number): Row | null {
  const first = rows[0]!;
  const last = rows.at(-1)!;
  if (!(x >= first.x && x <= last.x)) return null;
  let low = 0;
  let high = rows.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (rows[middle]!.x <= x) low = middle;
    else high = middle;
  }
  const below = rows[low]!;
  const above = rows[high]!;
  if (x === below.x) return below;
  if (x === above.x) return above;
  if (below.segment !== above.segment) return below;
  const t = (x - below.x) / (above.x - below.x);
  const between = (a: number, b: number) => a + (b - a) * t;
  return {
    x,
    l: between(below.l, above.l),
    m: between(below.m, above.m),
    s: between(below.s, above.s),
    segment: below.segment,
  };
}

// ── Look-ups ────────────────────────────────────────────────────────────────────────────────────

/**
 * WHO's L, M and S. `x` is the age in days (a fraction is interpolated), or the length in cm for
 * weight_for_length. Answers for the whole of WHO's table (days 0–1826, lengths 45–110 cm); lmsAt
 * is what limits WHO to the first two years. Null outside the table and for bmi_for_age.
 */
export function whoLmsAt(indicator: GrowthIndicator, sex: Sex, x: number): ReferenceLms | null {
  if (indicator === 'bmi_for_age') return null;
  const row = interpolate(tableOf(whoFiles[indicator])[sex], x);
  if (!row) return null;
  const measurement: LengthMeasurement | undefined =
    indicator === 'length_for_age'
      ? row.segment === 'H'
        ? 'standing height'
        : 'recumbent length'
      : undefined;
  return {
    l: row.l,
    m: row.m,
    s: row.s,
    reference: 'WHO 2006',
    restrictedTails: restrictedInWho.has(indicator),
    ...(measurement ? { measurement } : {}),
  };
}

/**
 * CDC's L, M and S at an age in months, interpolated between its half-month rows. Answers for the
 * whole of each table (24–240 months; head circumference 0–36 months); lmsAt is what keeps CDC to
 * 2 years and over. Null outside the table and for weight_for_length (WHO's under 2 years).
 */
export function cdcLmsAt(
  indicator: GrowthIndicator,
  sex: Sex,
  ageInMonths: number,
): ReferenceLms | null {
  if (indicator === 'weight_for_length') return null;
  const row = interpolate(tableOf(cdcFiles[indicator])[sex], ageInMonths);
  if (!row) return null;
  return {
    l: row.l,
    m: row.m,
    s: row.s,
    reference: 'CDC 2000',
    restrictedTails: false,
    ...(indicator === 'length_for_age' ? { measurement: 'standing height' as const } : {}),
  };
}

/**
 * The L, M and S a child is measured against: `x` is the age in days, or for weight_for_length the
 * length in cm (the caller checks the child is under 2 years, since the length alone cannot say).
 *
 * - weight, length/height: WHO for days 0–730, CDC from day 731 to 240 months.
 * - head circumference: WHO for days 0–730, CDC hcageinf from day 731 to 36 months, nothing after.
 * - weight-for-length: WHO wflanthro, 45–110 cm.
 * - BMI: CDC bmiagerev from day 731 to 240 months (under 2 years weight-for-length is used instead).
 *
 * Null where no chart applies.
 */
export function lmsAt(indicator: GrowthIndicator, sex: Sex, x: number): ReferenceLms | null {
  if (!Number.isFinite(x)) return null;
  if (indicator === 'weight_for_length') return whoLmsAt(indicator, sex, x);
  if (x < 0) return null;
  if (x < FIRST_CDC_DAY) return indicator === 'bmi_for_age' ? null : whoLmsAt(indicator, sex, x);
  const ageInMonths = x / DAYS_PER_MONTH;
  const lastMonth = indicator === 'head_for_age' ? LAST_HEAD_MONTH : LAST_CHART_MONTH;
  // bmiagerev has a row at 240.5 months; the charts still end at 20 years for BMI as for the rest.
  if (ageInMonths > lastMonth) return null;
  return cdcLmsAt(indicator, sex, ageInMonths);
}
