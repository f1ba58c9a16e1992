import { practiceMoment } from '@/lib/dates';

/**
 * "2026-12-02T10:00" as the office typed it (a datetime-local control, on the practice's wall
 * clock) → the moment it names, whatever the server's time zone; null for anything else.
 */
export function practiceWallClockToDate(local: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const result = practiceMoment(y, mo, d, h, mi);
  return Number.isNaN(result.getTime()) ? null : result;
}

export function addDays(moment: Date, days: number): Date {
  return new Date(moment.getTime() + days * 86_400_000);
}
