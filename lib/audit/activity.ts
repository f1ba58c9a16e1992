import 'server-only';

import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { auditEvents, users } from '@/db/schema';
import { defaultLocale, type Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/server';
import { staffRoles, type StaffRole } from '@/lib/staff/vocabulary';

import type { AuditAction } from './events';
import { describeAuditEvent } from './words';

/**
 * A guardian's "who has seen my child's information": what people did with this child's
 * information, in plain words. Sign-ins, failed attempts and the office's internal work
 * (notes, assignments) are left out, and so is anything about a confidential entry: the list
 * must not hint at what the guardian is not shown.
 */
const shownActions = [
  'record.viewed',
  'record.printed',
  'record.exported',
  'record.entry_added',
  'record.entry_updated',
  'record.entry_removed',
  'record.result_released',
  'record.summary_released',
  'record.share_created',
  'record.share_revoked',
  'record.shared_view',
  'record.imported',
  'child.created',
  'child.updated',
  'pin.issued',
  'pin.cancelled',
  'guardianship.linked',
  'guardianship.revoked',
  'message.sent',
  'message.replied',
  'message.read',
  'conversation.closed',
  'conversation.reopened',
] as const satisfies readonly AuditAction[];

const ACTIVITY_PAGE_SIZE = 50;

const isStaffRole = (role: string): role is StaffRole =>
  (staffRoles as readonly string[]).includes(role);

interface ActivityEntry {
  id: number;
  occurredAt: Date;
  who: string;
  what: string;
}

/**
 * Newest first, `before` an event id for the next page. The caller has already checked that
 * this guardian has a live link to the child (requireLinkedChild).
 */
export async function childActivityForGuardian(
  db: Db,
  guardianUserId: string,
  childId: string,
  before: number | null = null,
  {
    locale = defaultLocale,
    pageSize = ACTIVITY_PAGE_SIZE,
  }: { locale?: Locale; pageSize?: number } = {},
) {
  const words = translatorFor(locale, 'auditWords');
  const t = translatorFor(locale, 'childActivity');
  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      actorId: auditEvents.actorId,
      actorKind: auditEvents.actorKind,
      metadata: auditEvents.metadata,
      staffFirstName: users.firstName,
      staffLastName: users.lastName,
      staffRoles: sql<
        StaffRole[] | null
      >`(select array_agg(role order by role) from staff_role_assignments where user_id = ${auditEvents.actorId})`,
    })
    .from(auditEvents)
    // Names are looked up for staff only: another guardian stays anonymous.
    .leftJoin(users, and(eq(users.id, auditEvents.actorId), eq(users.kind, 'staff')))
    .where(
      and(
        eq(auditEvents.childId, childId),
        inArray(auditEvents.action, [...shownActions]),
        eq(auditEvents.outcome, 'success'),
        sql`coalesce(${auditEvents.metadata}->>'confidential', 'false') <> 'true'`,
        before ? lt(auditEvents.id, before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(pageSize + 1);

  const entries: ActivityEntry[] = rows.slice(0, pageSize).map((row) => ({
    id: row.id,
    occurredAt: row.occurredAt,
    what: describeAuditEvent(words, row.action, row.metadata, 'guardian'),
    who:
      row.actorId === guardianUserId
        ? t('who.you')
        : row.actorKind === 'staff'
          ? t('who.staff', {
              firstName: row.staffFirstName ?? t('who.unknownFirstName'),
              lastName: row.staffLastName ?? t('who.unknownLastName'),
              roles:
                (row.staffRoles ?? [])
                  .map((role) => (isStaffRole(role) ? t(`roles.${role}`) : role))
                  .join(', ') || t('roles.none'),
            })
          : row.actorKind === 'parent'
            ? t('who.otherGuardian')
            : row.action === 'record.shared_view'
              ? t('who.shareLink')
              : row.action === 'record.imported'
                ? t('who.office')
                : t('who.portal'),
  }));
  return { entries, nextBefore: rows.length > pageSize ? (entries.at(-1)?.id ?? null) : null };
}
