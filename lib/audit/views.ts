import 'server-only';

import type { Database } from '@/db';

import type { Actor, RequestMeta } from './events';
import { recordAuditEvent } from './record';

export type ChildAccess = 'record.viewed' | 'record.printed' | 'record.exported';

/**
 * Every view of a child's information is recorded: who, which child, which part, and whether
 * it was read on screen, printed or downloaded. Callers write it before reading the data, so a
 * failed write stops the page instead of showing data unaudited.
 *
 * One INSERT, committed on its own: a view changes no row, so there is no change to commit it
 * with and no row-change trigger that needs the transaction's actor. That is one round trip to
 * the database instead of four (BEGIN, the actor settings, the INSERT, COMMIT) on every page
 * about a child; the statement is still atomic and durable when it returns.
 */
export async function recordChildView(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  childId: string,
  section: string,
  access: ChildAccess = 'record.viewed',
): Promise<void> {
  await recordAuditEvent(db, actor, meta, {
    action: access,
    childId,
    targetType: 'child',
    targetId: childId,
    metadata: { section },
  });
}
