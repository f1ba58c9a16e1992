import 'server-only';

import { env } from '@/lib/env';
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

export function replyTime(category: Category): string {
  const settings = env();
  return {
    clinical: settings.REPLY_TIME_CLINICAL,
    general: settings.REPLY_TIME_GENERAL,
    billing: settings.REPLY_TIME_BILLING,
  }[category];
}
