import 'server-only';

import { calendarParts as parts } from '@/lib/dates';
import { env } from '@/lib/env';

/** The date a child born on `dateOfBirth` turns `years` (29 February birthdays fall on 1 March). */
function birthdayAt(dateOfBirth: string, years: number): string {
  const [y, m, d] = parts(dateOfBirth);
  const date = new Date(Date.UTC(y + years, m - 1, d));
  return date.toISOString().slice(0, 10);
}

export function isMinorOn(
  dateOfBirth: string,
  today: string,
  ageOfMajority = env().AGE_OF_MAJORITY,
): boolean {
  return birthdayAt(dateOfBirth, ageOfMajority) > today;
}

/** "2 years", "7 months", "3 weeks": how a parent says a child's age. */
export function describeAge(dateOfBirth: string, today: string): string {
  const [by, bm, bd] = parts(dateOfBirth);
  const [ty, tm, td] = parts(today);
  let months = (ty - by) * 12 + (tm - bm);
  if (td < bd) months -= 1;
  if (months >= 24) {
    const years = Math.floor(months / 12);
    return `${years} years`;
  }
  if (months >= 1) return months === 1 ? '1 month' : `${months} months`;
  const days = Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(by, bm - 1, bd)) / 86_400_000);
  const weeks = Math.floor(days / 7);
  if (weeks >= 1) return weeks === 1 ? '1 week' : `${weeks} weeks`;
  return days === 1 ? '1 day' : `${Math.max(days, 0)} days`;
}
