import 'server-only';

import { env } from '@/lib/env';
import type { Locale } from '@/lib/i18n/locales';

/** What the page frame shows of the practice: nothing here is secret. */
export interface PracticeDetails {
  name: string;
  phone: string;
  hours: string;
}

/** The frame's details, with the office hours in the reader's language. */
export function practiceDetails(locale: Locale = 'en'): PracticeDetails {
  const { PRACTICE_NAME, PRACTICE_PHONE } = env();
  return { name: PRACTICE_NAME, phone: PRACTICE_PHONE, hours: practiceTexts(locale).hours };
}

/**
 * The practice's own words (hours, after-hours advice) in the reader's language: each language
 * has its own variables (PRACTICE_HOURS, PRACTICE_HOURS_ES…); a new language adds its pair here.
 */
export function practiceTexts(locale: Locale): { hours: string; afterHours: string } {
  const e = env();
  const texts: Record<Locale, { hours: string; afterHours: string }> = {
    en: { hours: e.PRACTICE_HOURS, afterHours: e.PRACTICE_AFTER_HOURS },
    es: { hours: e.PRACTICE_HOURS_ES, afterHours: e.PRACTICE_AFTER_HOURS_ES },
  };
  return texts[locale];
}
