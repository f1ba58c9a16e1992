import { env } from '@/lib/env';
import { defaultLocale, intlLocaleFor, type Locale } from '@/lib/i18n/locales';

/* Every date the portal shows or compares is made here, on the practice's clock. */

/**
 * Intl.DateTimeFormat objects, made once per set of options. Building one is costly (toLocale…
 * String builds a fresh one on every call): on a list of fifty dates it was a large part of a
 * page's time.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "Nov 25, 2026, 9:41 AM" on the practice's clock, whatever the server's time zone. */
export function formatDateTime(moment: Date, locale: Locale = defaultLocale): string {
  return dateFormatter(intlLocaleFor(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: env().PRACTICE_TIMEZONE,
  }).format(moment);
}

/** "November 25, 2026": the day a moment fell on, on the practice's calendar. */
export function formatDay(moment: Date, locale: Locale = defaultLocale): string {
  return dateFormatter(intlLocaleFor(locale), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: env().PRACTICE_TIMEZONE,
  }).format(moment);
}

/** "9:41 AM" on the practice's clock. */
export function formatTime(moment: Date, locale: Locale = defaultLocale): string {
  return dateFormatter(intlLocaleFor(locale), {
    timeStyle: 'short',
    timeZone: env().PRACTICE_TIMEZONE,
  }).format(moment);
}

/** Today's date (YYYY-MM-DD) where the practice is: a birthday starts at the practice's midnight. */
export function todayInPractice(now = new Date()): string {
  return dateFormatter('en-CA', {
    timeZone: env().PRACTICE_TIMEZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * The moment the practice's wall clock shows a date and time, whatever the server's time zone:
 * "Dec 2, 10:00" is 10:00 where the office is.
 */
export function practiceMoment(y: number, m: number, d: number, hour = 0, minute = 0): Date {
  const wallClock = dateFormatter('en-US', {
    timeZone: env().PRACTICE_TIMEZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  // How far the practice's clock is ahead of UTC at a moment (negative west of Greenwich).
  const offsetAt = (moment: number) => {
    const parts = Object.fromEntries(
      wallClock.formatToParts(new Date(moment)).map((part) => [part.type, part.value]),
    );
    const shown = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour) % 24,
      Number(parts.minute),
      Number(parts.second),
    );
    return shown - moment;
  };
  const wantedUtc = Date.UTC(y, m - 1, d, hour, minute);
  // Twice: the offset at the guess may differ from the offset at the answer on a DST change day.
  const first = wantedUtc - offsetAt(wantedUtc);
  return new Date(wantedUtc - offsetAt(first));
}

/**
 * The moment a calendar day (YYYY-MM-DD) begins on the practice's clock: "from Nov 29" means
 * from midnight where the office is, not midnight in Greenwich (an evening's events would
 * otherwise fall on the next day).
 */
export function startOfPracticeDay(isoDate: string): Date {
  const [y, m, d] = calendarParts(isoDate);
  return practiceMoment(y, m, d);
}

/** [year, month, day] of a YYYY-MM-DD date. */
export function calendarParts(isoDate: string): [number, number, number] {
  const [y, m, d] = isoDate.split('-').map(Number);
  return [y!, m!, d!];
}

/** "November 25, 2026" for a calendar date (YYYY-MM-DD), the same in every time zone. */
export function formatDate(isoDate: string, locale: Locale = defaultLocale): string {
  const [y, m, d] = calendarParts(isoDate);
  return dateFormatter(intlLocaleFor(locale), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}
