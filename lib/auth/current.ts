import 'server-only';

import { redirect } from 'next/navigation';
import { cache } from 'react';

import { getDb } from '@/db';
import { auditedTransaction } from '@/lib/audit/transaction';
import { isDatabaseUnavailable } from '@/lib/errors';
import { currentRequestMeta } from '@/lib/request-context';

import { actorFor } from './actors';
import { readSessionToken } from './next-auth';
import { endSession, lookUpSession, touchSession, type ActiveSession } from './sessions';

async function readCurrentSession(): Promise<ActiveSession | null> {
  const token = await readSessionToken();
  if (!token) return null;
  const db = await getDb();
  const lookup = await lookUpSession(db, token);
  // A sign-in still waiting for its code is no session at all to every page but the code page.
  if (lookup.state === 'none' || lookup.state === 'second_factor') return null;
  const meta = await currentRequestMeta();
  if (lookup.state === 'expired') {
    await auditedTransaction(
      db,
      { id: lookup.userId, kind: lookup.kind, role: null },
      meta,
      async ({ tx, audit }) => {
        if (await endSession(tx, lookup.sessionId, lookup.reason)) {
          await audit({
            action: 'auth.session_expired',
            targetType: 'session',
            targetId: lookup.sessionId,
            metadata: { reason: lookup.reason },
          });
        }
      },
    );
    return null;
  }
  if (lookup.needsTouch) {
    await auditedTransaction(db, actorFor(lookup.session.user), meta, ({ tx }) =>
      touchSession(tx, lookup.session.sessionId),
    );
  }
  return lookup.session;
}

/**
 * The signed-in user for this request, checked against the database (once per request).
 * When the database cannot be reached, the visitor is sent to a 503 page rather than a hang
 * or a stack trace.
 */
export const getCurrentSession = cache(async (): Promise<ActiveSession | null> => {
  try {
    return await readCurrentSession();
  } catch (error) {
    if (isDatabaseUnavailable(error)) redirect('/unavailable');
    throw error;
  }
});

/**
 * A sign-in that has passed the password and waits for its code: what the code page needs to
 * know. Any other state (no sign-in, a full session, an expired one) is null.
 */
export async function getPendingSecondFactor(): Promise<{ kind: 'parent' | 'staff' } | null> {
  const token = await readSessionToken();
  if (!token) return null;
  try {
    const lookup = await lookUpSession(await getDb(), token);
    return lookup.state === 'second_factor' ? { kind: lookup.kind } : null;
  } catch (error) {
    if (isDatabaseUnavailable(error)) redirect('/unavailable');
    throw error;
  }
}
