import 'server-only';

import { and, eq, isNull } from 'drizzle-orm';

import type { Db } from '@/db';
import { sessions, users, type AccountKind, type SessionEndReason } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit/events';
import { sessionPolicy } from '@/lib/env';
import type { StaffRole } from '@/lib/staff/vocabulary';

import { staffRolesOfUser } from './roles-sql';
import { hashToken, newSecretToken } from './tokens';

export function idleTimeoutSecondsFor(kind: AccountKind): number {
  return (kind === 'staff' ? sessionPolicy.staffIdleMinutes : sessionPolicy.parentIdleMinutes) * 60;
}

/** Time to fetch a phone and type a code after the password; then it is back to the password. */
const SECOND_FACTOR_WINDOW_SECONDS = 10 * 60;

/**
 * Opens a session. With `awaitingSecondFactor` it is a narrow one: it lives ten minutes and
 * is good for nothing but the code page (see lookUpSession).
 */
export async function createSession(
  db: Db,
  user: { id: string; kind: AccountKind },
  meta: RequestMeta,
  now = new Date(),
  options: { awaitingSecondFactor?: boolean } = {},
) {
  const token = newSecretToken();
  const awaitingSecondFactor = options.awaitingSecondFactor ?? false;
  const [row] = await db
    .insert(sessions)
    .values({
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: now,
      lastSeenAt: now,
      idleTimeoutSeconds: awaitingSecondFactor
        ? SECOND_FACTOR_WINDOW_SECONDS
        : idleTimeoutSecondsFor(user.kind),
      absoluteExpiresAt: new Date(
        now.getTime() +
          (awaitingSecondFactor
            ? SECOND_FACTOR_WINDOW_SECONDS * 1000
            : sessionPolicy.absoluteHours * 3600_000),
      ),
      awaitingSecondFactor,
      ipAddress: meta.ipAddress,
      userAgent: meta.userAgent,
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error('session insert returned no row');
  return { sessionId: row.id, token };
}

export interface SignedInUser {
  id: string;
  kind: AccountKind;
  userId: string;
  email: string;
  emailVerifiedAt: Date | null;
  firstName: string;
  lastName: string;
  roles: StaffRole[];
  /** An office-issued temporary password is in use: the person must choose their own first. */
  mustChangePassword: boolean;
  /** Two-step verification is on. Staff without it may do nothing but set it up. */
  twoStepEnabled: boolean;
}

export interface ActiveSession {
  sessionId: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  user: SignedInUser;
}

export type SessionLookup =
  | { state: 'active'; session: ActiveSession; needsTouch: boolean }
  | {
      state: 'expired';
      sessionId: string;
      userId: string;
      kind: AccountKind;
      reason: Extract<SessionEndReason, 'idle' | 'expired'>;
    }
  /** Password accepted, code not yet: only the code page may use this session. */
  | { state: 'second_factor'; sessionId: string; userId: string; kind: AccountKind }
  | { state: 'none' };

// Touching last_seen_at on every request would write (and audit) a row per click; once a
// minute is precise enough for a 15- or 30-minute idle timeout.
const TOUCH_INTERVAL_MS = 60_000;

/** Reads the session behind a cookie's token; an ended, expired or disabled one is not active. */
export async function lookUpSession(
  db: Db,
  token: string,
  now = new Date(),
): Promise<SessionLookup> {
  if (!token) return { state: 'none' };
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      idleTimeoutSeconds: sessions.idleTimeoutSeconds,
      absoluteExpiresAt: sessions.absoluteExpiresAt,
      id: users.id,
      kind: users.kind,
      userId: users.userId,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      firstName: users.firstName,
      lastName: users.lastName,
      disabledAt: users.disabledAt,
      mustChangePassword: users.mustChangePassword,
      totpEnabledAt: users.totpEnabledAt,
      awaitingSecondFactor: sessions.awaitingSecondFactor,
      roles: staffRolesOfUser,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.endedAt)));
  if (!row || row.disabledAt) return { state: 'none' };

  const idleExpiresAt = idleExpiryFrom(
    row.lastSeenAt,
    row.idleTimeoutSeconds,
    row.absoluteExpiresAt,
  );
  if (row.absoluteExpiresAt <= now)
    return {
      state: 'expired',
      sessionId: row.sessionId,
      userId: row.id,
      kind: row.kind,
      reason: 'expired',
    };
  if (idleExpiresAt <= now)
    return {
      state: 'expired',
      sessionId: row.sessionId,
      userId: row.id,
      kind: row.kind,
      reason: 'idle',
    };
  if (row.awaitingSecondFactor)
    return { state: 'second_factor', sessionId: row.sessionId, userId: row.id, kind: row.kind };

  const needsTouch = now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
  return {
    state: 'active',
    needsTouch,
    session: {
      sessionId: row.sessionId,
      // When the caller touches the session, the idle clock starts again from now.
      idleExpiresAt: needsTouch
        ? idleExpiryFrom(now, row.idleTimeoutSeconds, row.absoluteExpiresAt)
        : idleExpiresAt,
      absoluteExpiresAt: row.absoluteExpiresAt,
      user: {
        id: row.id,
        kind: row.kind,
        userId: row.userId,
        email: row.email,
        emailVerifiedAt: row.emailVerifiedAt,
        firstName: row.firstName,
        lastName: row.lastName,
        roles: row.kind === 'staff' ? (row.roles ?? []) : [],
        mustChangePassword: row.mustChangePassword,
        twoStepEnabled: row.totpEnabledAt !== null,
      },
    },
  };
}

export function idleExpiryFrom(
  lastSeen: Date,
  idleTimeoutSeconds: number,
  absoluteExpiresAt: Date,
): Date {
  return new Date(
    Math.min(lastSeen.getTime() + idleTimeoutSeconds * 1000, absoluteExpiresAt.getTime()),
  );
}

export async function touchSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Returns true when this call ended it (false when it had already ended). */
export async function endSession(
  db: Db,
  sessionId: string,
  reason: SessionEndReason,
  now = new Date(),
): Promise<boolean> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

export async function endAllSessionsOfUser(
  db: Db,
  userId: string,
  reason: SessionEndReason,
  now = new Date(),
): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

export function secondsUntil(moment: Date, now = new Date()): number {
  return Math.max(0, Math.floor((moment.getTime() - now.getTime()) / 1000));
}
