import 'server-only';

import type { Database, Transaction } from '@/db';

import type { Actor, AuditEventInput, RequestMeta } from './events';
import { recordAuditEvent, setTransactionActor } from './record';

export interface AuditedTransaction {
  tx: Transaction;
  /** Records an audit event in this transaction. */
  audit(event: AuditEventInput): Promise<void>;
}

/**
 * The one way to change data: a transaction that knows its actor (for the row-change trigger)
 * and writes its audit events alongside the change, so both commit or neither does.
 */
export async function auditedTransaction<T>(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  work: (scope: AuditedTransaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await setTransactionActor(tx, actor, meta);
    return work({ tx, audit: (event) => recordAuditEvent(tx, actor, meta, event) });
  });
}
