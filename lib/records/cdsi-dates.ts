import 'server-only';

/**
 * Ages and intervals as CDC's CDSi (Clinical Decision Support for Immunization) writes them, and
 * the date arithmetic its logic specification defines for them. Shared by the schedule builder
 * (scripts/build-immunization-schedule.ts), which parses the strings once, and the status engine
 * (lib/records/immunization-status.ts), which adds them to dates.
 *
 * Dates are calendar dates written `YYYY-MM-DD`; the arithmetic works on the date alone (through
 * UTC, which has no daylight-saving jumps), so no answer depends on the server's time zone.
 */

/** Which CDSi release generated data came from, and how to fetch and check it again. */
export type CdsiReleaseSource = {
  publisher: string;
  version: string;
  releaseNotesDated: string;
  license: string;
  repository: string;
  path: string;
  commit: string;
  sha256: Record<string, string>;
};

/**
 * "6 months - 4 days" as { years: 0, months: 6, weeks: 0, days: -4 }, keeping the CDSi text.
 * Applied in the order years, months, weeks, days, which is the order the text gives them in
 * (parseCdsiDuration refuses any other).
 */
export type CdsiDuration = {
  cdsi: string;
  years: number;
  months: number;
  weeks: number;
  days: number;
};

const unitRanks = { years: 3, months: 2, weeks: 1, days: 1 } as const;
type Unit = keyof typeof unitRanks;

function unitOf(word: string): Unit | null {
  const singular = word.toLowerCase().replace(/s$/, '');
  if (singular === 'year') return 'years';
  if (singular === 'month') return 'months';
  if (singular === 'week') return 'weeks';
  if (singular === 'day') return 'days';
  return null;
}

/**
 * Reads "12 months - 4 days", "3 months + 4 weeks", "28 days - 4 days", "1 years - 4 days", "0 days".
 * Weeks and days both count days, so they may come in any order and repeat ("28 days - 4 days" is
 * 24 days); years and months must come before them and before each other in that order, because
 * adding a month is not the same as adding days and CDSi applies the terms as written.
 * Anything else throws, so a new wording in a CDSi release fails the build instead of being misread.
 */
export function parseCdsiDuration(text: string): CdsiDuration {
  const source = text.trim();
  const term = /^([+-]?)\s*(\d+)\s*([A-Za-z]+)\s*/;
  const duration: CdsiDuration = { cdsi: source, years: 0, months: 0, weeks: 0, days: 0 };
  let rest = source;
  let previousRank = Infinity;
  let first = true;
  while (rest.length > 0) {
    const match = term.exec(rest);
    const unit = match ? unitOf(match[3]!) : null;
    if (!match || !unit || (!first && match[1] === ''))
      throw new Error(`Unreadable CDSi age or interval "${text}"`);
    if (unitRanks[unit] > previousRank)
      throw new Error(`CDSi age or interval "${text}" puts ${unit} after a smaller unit`);
    previousRank = unitRanks[unit];
    duration[unit] += (match[1] === '-' ? -1 : 1) * Number(match[2]);
    rest = rest.slice(match[0].length);
    first = false;
  }
  if (first) throw new Error('Empty CDSi age or interval');
  return duration;
}

// ── Calendar dates ──────────────────────────────────────────────────────────────────────────────

type CalendarDate = { year: number; month: number /* 1–12 */; day: number };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toCalendarDate(value: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
    ? { year, month, day }
    : null;
}

export function parseCalendarDate(value: string, what: string): CalendarDate {
  const date = toCalendarDate(value);
  if (!date) throw new RangeError(`${what} must be a real date written YYYY-MM-DD, got "${value}"`);
  return date;
}

function formatDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whole months later (or earlier). When the day does not exist in the month reached, CDSi moves
 * the date to the first day of the next month (logic specification rule CALCDT-5): Jan 31 + 1 month
 * is Mar 1, and Feb 29 + 1 year is Mar 1 in a common year. This differs on purpose from the clamping
 * in lib/records/well-child.ts (Jan 31 + 1 month = Feb 28): the CDSi ages were written for this rule.
 */
function addMonthsCdsi(date: CalendarDate, months: number): CalendarDate {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  if (date.day <= daysInMonth(year, month)) return { year, month, day: date.day };
  return month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
}

function addDaysTo(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** `date` + a CDSi age or interval: years, then months, then weeks and days, as the logic specification adds them. */
export function addCdsiDuration(date: string, duration: CdsiDuration): string {
  let result = parseCalendarDate(date, 'date');
  if (duration.years !== 0) result = addMonthsCdsi(result, duration.years * 12);
  if (duration.months !== 0) result = addMonthsCdsi(result, duration.months);
  return formatDate(addDaysTo(result, duration.weeks * 7 + duration.days));
}

export function addDays(date: string, days: number): string {
  return formatDate(addDaysTo(parseCalendarDate(date, 'date'), days));
}

/** The day before `date`: CDSi's "past due" and "latest" dates are the day before an age is reached. */
export function dayBefore(date: string): string {
  return addDays(date, -1);
}
