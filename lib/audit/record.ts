import 'server-only';

import { sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { auditEvents } from '@/db/schema';

import type { Actor, AuditEventInput, RequestMeta } from './events';

const forbiddenMetadataKeys = /pass(word)?|token|secret|hint_?answer|answer|pin$/i;

/** Writes one audit event in the caller's transaction, so it commits or rolls back with the change. */
export async function recordAuditEvent(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  event: AuditEventInput,
): Promise<void> {
  const metadata = event.metadata ?? {};
  for (const key of Object.keys(metadata)) {
    // A guard rail for future callers: secrets in the audit trail would live for ever.
    if (forbiddenMetadataKeys.test(key)) throw new Error(`audit metadata must not carry "${key}"`);
  }
  await db.insert(auditEvents).values({
    actorId: actor.id,
    actorKind: actor.kind,
    actorRole: actor.role,
    action: event.action,
    childId: event.childId ?? null,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    outcome: event.outcome ?? 'success',
    ipAddress: meta.ipAddress,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
    requestId: meta.requestId,
    metadata,
  });
}

/**
 * Tells the row-change trigger who is acting in this transaction. `set_config(..., true)` is
 * transaction-local, so a pooled connection never carries one request's actor into the next.
 */
export async function setTransactionActor(db: Db, actor: Actor, meta: RequestMeta): Promise<void> {
  await db.execute(
    sql`select set_config('app.actor_id', ${actor.id ?? ''}, true), set_config('app.actor_kind', ${actor.kind}, true), set_config('app.request_id', ${meta.requestId}, true)`,
  );
}
