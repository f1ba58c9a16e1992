import 'server-only';

import type { Database } from '@/db';

import type { Actor, RequestMeta } from './events';
import { auditedTransaction } from './transaction';

export type ChildAccess = 'record.viewed' | 'record.printed' | 'record.exported';

/**
 * Every view of a child's information is recorded: who, which child, which part, and whether
 * it was read on screen, printed or downloaded. Callers write it before reading the data, so a
 * failed write stops the page instead of showing data unaudited.
 */
export async function recordChildView(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  childId: string,
  section: string,
  access: ChildAccess = 'record.viewed',
): Promise<void> {
  await auditedTransaction(db, actor, meta, ({ audit }) =>
    audit({
      action: access,
      childId,
      targetType: 'child',
      targetId: childId,
      metadata: { section },
    }),
  );
}
