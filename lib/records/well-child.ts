import 'server-only';

/**
 * The well-child ("checkup") schedule and the next visit a parent should book.
 *
 * Milestones follow the AAP/Bright Futures periodicity schedule: 3–5 days, 1, 2, 4, 6, 9, 12, 15,
 * 18, 24 and 30 months, then every year from 3 to 21 years.
 *
 * All dates are calendar dates, `YYYY-MM-DD`. The arithmetic works on the date alone (through UTC,
 * which has no daylight-saving jumps), so the answer never depends on the server's time zone.
 */

type Span = { days: number } | { months: number };

export type WellChildMilestone = {
  label: string;
  /** Age at which the visit is due. */
  dueAt: Span;
  /** How long before the due date a visit already counts for this milestone (see below). */
  countsFromBefore: Span;
};

/*
 * The window. A visit counts for a milestone when it falls on or after the milestone's window
 * start: its due date minus `countsFromBefore`, but always after the previous milestone's due date
 * (and never before birth), so one visit cannot count for two milestones.
 *
 * - 14 days for the 3–5 day, 1 month and 2 month visits. These are a month or less apart, so a
 *   longer window would let a late 1-month visit pass for an early 2-month one.
 * - One month from 4 months on, where visits are two or more months apart. Offices book these a
 *   little early when a date suits the family (a 12-month visit at 11½ months is common) and that
 *   visit then does the milestone's job; the clinician times the vaccines. A visit more than a
 *   month early is taken as a late visit for the milestone before.
 */
const twoWeeks: Span = { days: 14 };
const oneMonth: Span = { months: 1 };

export const wellChildSchedule: readonly WellChildMilestone[] = [
  // Due by day 5: a baby seen on day 3, 4 or 5 is on time, and overdue from day 6.
  { label: '3–5 day visit', dueAt: { days: 5 }, countsFromBefore: twoWeeks },
  { label: '1 month visit', dueAt: { months: 1 }, countsFromBefore: twoWeeks },
  { label: '2 month visit', dueAt: { months: 2 }, countsFromBefore: twoWeeks },
  ...[4, 6, 9, 12, 15, 18, 24, 30].map((months) => ({
    label: `${months} month visit`,
    dueAt: { months },
    countsFromBefore: oneMonth,
  })),
  ...Array.from({ length: 19 }, (_, index) => index + 3).map((years) => ({
    label: `${years} year visit`,
    dueAt: { months: years * 12 },
    countsFromBefore: oneMonth,
  })),
];

// ── Date-only arithmetic ────────────────────────────────────────────────────────────────────────

type CalendarDate = { year: number; month: number /* 1–12 */; day: number };

function parseDate(value: string, what: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = match
    ? [Number(match[1]), Number(match[2]), Number(match[3])]
    : [NaN, NaN, NaN];
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`${what} must be a real date written YYYY-MM-DD, got "${value}"`);
  }
  return { year, month, day };
}

function formatDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole months later, clamped to the month's last day: Jan 31 + 1 month = Feb 28 (29 in a leap year). */
function addMonths(date: CalendarDate, months: number): CalendarDate {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

function add(date: CalendarDate, span: Span, sign: 1 | -1 = 1): CalendarDate {
  return 'days' in span ? addDays(date, sign * span.days) : addMonths(date, sign * span.months);
}

/** Dates as `YYYY-MM-DD` compare correctly as strings. */
function later(a: string, b: string): string {
  return a > b ? a : b;
}

// ── The next visit ──────────────────────────────────────────────────────────────────────────────

export type WellChildDates = { label: string; dueOn: string; countsFrom: string };

/**
 * Each milestone's due date and window start for one child. Ages are always counted from the
 * birth date, never from the previous milestone, so month-end clamping does not accumulate
 * (born Jan 31: 1 month Feb 28, 2 months Mar 31); a Feb 29 birthday falls on Feb 28 in other years.
 */
export function wellChildDates(dateOfBirth: string): WellChildDates[] {
  const birth = parseDate(dateOfBirth, 'dateOfBirth');
  let previousDue: CalendarDate | null = null;
  return wellChildSchedule.map((milestone) => {
    const due = add(birth, milestone.dueAt);
    const earliest = previousDue ? formatDate(addDays(previousDue, 1)) : dateOfBirth;
    previousDue = due;
    return {
      label: milestone.label,
      dueOn: formatDate(due),
      countsFrom: later(formatDate(add(due, milestone.countsFromBefore, -1)), earliest),
    };
  });
}

export type NextWellChildVisit = { label: string; dueOn: string; overdue: boolean };

/**
 * The next well-child visit to book, or null once the schedule is over.
 *
 * The rule:
 * 1. Done: every milestone whose window has started by the last well visit is done. Only the last
 *    visit is known, so earlier milestones are taken as handled (seen then, or no longer owed).
 * 2. Passed: a milestone not done is still owed until the next milestone's window starts; from
 *    then on the next visit covers it (a child of 14 months who missed the 12-month visit should
 *    book the 15-month one, not a 12-month visit). The 21-year visit is owed until the 22nd
 *    birthday, when the child leaves the pediatric schedule.
 * 3. The next visit is the first milestone neither done nor passed. It is overdue when its due
 *    date is before today, and on time on the due date itself.
 *
 * A child with no well visit yet therefore gets the milestone of their current age: the 3–5 day
 * visit at birth, overdue from day 6 until the 1-month window opens two weeks before 1 month.
 */
export function nextWellChildVisit({
  dateOfBirth,
  today,
  lastWellVisitOn,
}: {
  dateOfBirth: string;
  today: string;
  lastWellVisitOn: string | null;
}): NextWellChildVisit | null {
  parseDate(today, 'today');
  if (lastWellVisitOn !== null) parseDate(lastWellVisitOn, 'lastWellVisitOn');
  const dates = wellChildDates(dateOfBirth);
  const leavesScheduleOn = formatDate(addMonths(parseDate(dateOfBirth, 'dateOfBirth'), 22 * 12));

  for (const [index, milestone] of dates.entries()) {
    const done = lastWellVisitOn !== null && lastWellVisitOn >= milestone.countsFrom;
    const passedOn = dates[index + 1]?.countsFrom ?? leavesScheduleOn;
    if (!done && today < passedOn) {
      return { label: milestone.label, dueOn: milestone.dueOn, overdue: milestone.dueOn < today };
    }
  }
  return null;
}
