import { dateFormatter } from '@/lib/date-formatters';
import { env } from '@/lib/env';

/** "Nov 25, 2026, 9:41 AM" on the practice's clock, whatever the server's time zone. */
export function formatDateTime(moment: Date): string {
  return dateFormatter('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: env().PRACTICE_TIMEZONE,
  }).format(moment);
}

/** "November 25, 2026": the day a moment fell on, on the practice's calendar. */
export function formatDay(moment: Date): string {
  return dateFormatter('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: env().PRACTICE_TIMEZONE,
  }).format(moment);
}

/** "9:41 AM" on the practice's clock. */
export function formatTime(moment: Date): string {
  return dateFormatter('en-US', {
    timeStyle: 'short',
    timeZone: env().PRACTICE_TIMEZONE,
  }).format(moment);
}
