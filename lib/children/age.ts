import 'server-only';

import { calendarParts as parts } from '@/lib/dates';
import { env } from '@/lib/env';
import { defaultLocale, type Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/server';

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

/** "2 years", "7 months", "3 weeks" ("2 años", "7 meses"…): how a parent says a child's age. */
export function describeAge(
  dateOfBirth: string,
  today: string,
  locale: Locale = defaultLocale,
): string {
  const t = translatorFor(locale, 'age');
  const [by, bm, bd] = parts(dateOfBirth);
  const [ty, tm, td] = parts(today);
  let months = (ty - by) * 12 + (tm - bm);
  if (td < bd) months -= 1;
  if (months >= 24) return t('years', { count: Math.floor(months / 12) });
  if (months >= 1) return t('months', { count: months });
  const days = Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(by, bm - 1, bd)) / 86_400_000);
  const weeks = Math.floor(days / 7);
  if (weeks >= 1) return t('weeks', { count: weeks });
  return t('days', { count: Math.max(days, 0) });
}
