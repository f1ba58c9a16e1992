import 'server-only';

import type { Db } from '@/db';
import type { Actor, RequestMeta } from '@/lib/audit/events';
import { recordAuditEvent, setTransactionActor } from '@/lib/audit/record';

import { actorFor } from './actors';
import { createSession, endSession, type ActiveSession } from './sessions';

/**
 * Signs a new parent in straight after sign-up, inside the sign-up's transaction, so the account
 * and its first session commit together. The session and its sign-in event are the parent's
 * own, as after a sign-in with the password; the rest of the transaction stays the visitor's.
 * A session the browser already had (someone else signed in on this device) is ended first,
 * because the cookie is about to point at the new one.
 */
export async function openFirstSession(
  tx: Db,
  newParentId: string,
  meta: RequestMeta,
  visitor: Actor,
  previous: ActiveSession | null,
): Promise<{ sessionId: string; token: string }> {
  if (previous && (await endSession(tx, previous.sessionId, 'signed_out'))) {
    await recordAuditEvent(tx, visitor, meta, {
      action: 'auth.signed_out',
      targetType: 'session',
      targetId: previous.sessionId,
      metadata: { reason: 'replaced_by_new_sign_in' },
    });
  }
  const parent = actorFor({ id: newParentId, kind: 'parent', roles: [] });
  await setTransactionActor(tx, parent, meta);
  const opened = await createSession(tx, { id: newParentId, kind: 'parent' }, meta);
  await recordAuditEvent(tx, parent, meta, {
    action: 'auth.signed_in',
    targetType: 'session',
    targetId: opened.sessionId,
    metadata: { portal: 'parent', after: 'sign_up' },
  });
  await setTransactionActor(tx, visitor, meta);
  return opened;
}
