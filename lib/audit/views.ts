import type { Database } from '@/db';
import { auditedTransaction } from './transaction';
import type { Actor, RequestMeta } from './events';

/** Every view of a child's information is recorded: who, which child, which part. */
export async function recordChildView(db: Database, actor: Actor, meta: RequestMeta, childId: string, section: string): Promise<void> {
  await auditedTransaction(db, actor, meta, ({ audit }) => audit({ action: 'record.viewed', childId, targetType: 'child', targetId: childId, metadata: { section } }));
}
