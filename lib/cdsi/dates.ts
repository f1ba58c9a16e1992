import 'server-only';

/**
 * CDSi date arithmetic on day numbers (days since 1970-01-01), the engine's internal form: the
 * evaluator adds hundreds of ages and intervals per child, and integers compare and subtract
 * without allocating. The rules are the logic specification's (CALCDT-1 to CALCDT-5), as in
 * lib/records/cdsi-dates.ts, which parses CDSi's text; `YYYY-MM-DD` strings only at the edges.
 */
import { parseCalendarDate, parseCdsiDuration } from '../records/cdsi-dates';

export type Day = number;

/** A CDSi age or interval reduced to whole months then days, in the order CDSi applies them. */
export type Span = { months: number; days: number; text: string };

const spans = new Map<string, Span>();

/** Parsed once per distinct text; the supporting data repeats a few dozen strings thousands of times. */
export function span(text: string): Span {
  let parsed = spans.get(text);
  if (!parsed) {
    const duration = parseCdsiDuration(text);
    parsed = {
      months: duration.years * 12 + duration.months,
      days: duration.weeks * 7 + duration.days,
      text,
    };
    spans.set(text, parsed);
  }
  return parsed;
}

const msPerDay = 86_400_000;

const days = new Map<string, Day>();

/** `YYYY-MM-DD` → day number; the supporting data's few dozen dates are parsed once each. */
export function toDay(date: string): Day {
  let day = days.get(date);
  if (day === undefined) {
    const { year, month, day: dayOfMonth } = parseCalendarDate(date, 'date');
    day = Date.UTC(year, month - 1, dayOfMonth) / msPerDay;
    if (days.size < 10_000) days.set(date, day);
  }
  return day;
}

export function fromDay(day: Day): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

// Civil-calendar conversions in integer arithmetic (Howard Hinnant's algorithms), without
// allocating: the engine adds thousands of months per child.
function daysFromCivil(year: number, month: number, dayOfMonth: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * `day` + a CDSi span: months first, moving a day that does not exist in the month reached to the
 * first of the next month (CALCDT-5: Jan 31 + 1 month is Mar 1), then days.
 */
export function addSpan(day: Day, by: Span): Day {
  if (by.months === 0) return day + by.days;
  // The civil date of `day`.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // Months later, then CALCDT-5.
  const total = year * 12 + (month - 1) + by.months;
  const newYear = Math.floor(total / 12);
  const newMonth = total - newYear * 12 + 1;
  const length = daysInMonth(newYear, newMonth);
  const moved =
    dayOfMonth <= length
      ? daysFromCivil(newYear, newMonth, dayOfMonth)
      : daysFromCivil(newYear, newMonth, length) + 1;
  return moved + by.days;
}

/** `day` + the CDSi text, or null when the text is absent (an empty field in the data). */
export function addText(day: Day, text: string | undefined): Day | null {
  return text === undefined ? null : addSpan(day, span(text));
}
