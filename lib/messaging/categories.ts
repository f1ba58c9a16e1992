import 'server-only';

import { env } from '@/lib/env';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translator';
import type { StaffRole } from '@/lib/staff/vocabulary';

import type { Category } from './schemas';

/** Which queue each role works: clinical, billing and the front desk; admins see them all. */
const queueOf: Partial<Record<StaffRole, Category>> = {
  clinical: 'clinical',
  billing: 'billing',
  front_desk: 'general',
};

export function categoriesFor(roles: readonly StaffRole[]): Category[] {
  if (roles.includes('admin')) return ['clinical', 'general', 'billing'];
  return [...new Set(roles.map((role) => queueOf[role]).filter((c): c is Category => Boolean(c)))];
}

const units = {
  'business day': 'businessDays',
  day: 'days',
  hour: 'hours',
} as const;

/**
 * How long the office takes to answer a category, in the reader's language. The practice sets
 * it in English ("2 business days", REPLY_TIME_*); the usual shapes (N business days, N days,
 * N hours) are worded from the catalog, anything else is shown as the practice wrote it.
 */
export function replyTime(category: Category, locale: Locale): string {
  const settings = env();
  const configured = {
    clinical: settings.REPLY_TIME_CLINICAL,
    general: settings.REPLY_TIME_GENERAL,
    billing: settings.REPLY_TIME_BILLING,
  }[category];
  const match = /^(\d{1,3})\s+(business day|day|hour)s?$/i.exec(configured.trim());
  if (!match) return configured;
  const unit = units[match[2]!.toLowerCase() as keyof typeof units];
  return translatorFor(locale, 'messaging')(`replyTime.${unit}`, { count: Number(match[1]) });
}
