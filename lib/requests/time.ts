import { env } from '@/lib/env';

/**
 * "2026-12-02T10:00" as the office typed it (a datetime-local control, on the practice's wall
 * clock) → the moment it names, whatever the server's time zone. Two passes settle the offset
 * on either side of a daylight-saving change.
 */
export function practiceWallClockToDate(local: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: env().PRACTICE_TIMEZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const wallClockOf = (moment: number) => {
    const parts = Object.fromEntries(format.formatToParts(moment).map((p) => [p.type, p.value]));
    return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
  };
  let guess = wanted;
  for (let i = 0; i < 2; i++) guess += wanted - wallClockOf(guess);
  const result = new Date(guess);
  return Number.isNaN(result.getTime()) ? null : result;
}

export function addDays(moment: Date, days: number): Date {
  return new Date(moment.getTime() + days * 86_400_000);
}
