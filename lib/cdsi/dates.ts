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

export function toDay(date: string): Day {
  const { year, month, day } = parseCalendarDate(date, 'date');
  return Date.UTC(year, month - 1, day) / msPerDay;
}

export function fromDay(day: Day): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * `day` + a CDSi span: months first, moving a day that does not exist in the month reached to the
 * first of the next month (CALCDT-5: Jan 31 + 1 month is Mar 1), then days.
 */
export function addSpan(day: Day, by: Span): Day {
  let result = day;
  if (by.months !== 0) {
    const date = new Date(day * msPerDay);
    const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + by.months;
    const year = Math.floor(total / 12);
    const monthIndex = total - year * 12;
    const dayOfMonth = date.getUTCDate();
    result =
      dayOfMonth <= daysInMonth(year, monthIndex)
        ? Date.UTC(year, monthIndex, dayOfMonth) / msPerDay
        : Date.UTC(year, monthIndex + 1, 1) / msPerDay;
  }
  return result + by.days;
}

/** `day` + the CDSi text, or null when the text is absent (an empty field in the data). */
export function addText(day: Day, text: string | undefined): Day | null {
  return text === undefined ? null : addSpan(day, span(text));
}
