import { and, eq, or, sql } from 'drizzle-orm';

import type { Database, Db } from '@/db';
import { users, type AccountKind } from '@/db/schema';
import { anonymousActor, type RequestMeta } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { env, signInPolicy } from '@/lib/env';
import { countHit, hitsInWindow } from '@/lib/rate-limit';

import { actorFor } from './actors';
import { verifyAgainstDummy, verifyPassword } from './password';
import { staffRolesOfUser } from './roles-sql';
import { createSession } from './sessions';

export type SignInResult =
  /** `awaitingSecondFactor`: the password was right, and the code page comes next. */
  | { ok: true; token: string; sessionId: string; userId: string; awaitingSecondFactor: boolean }
  | { ok: false; reason: 'invalid' | 'locked' | 'rate_limited' };

export interface SignInRequest {
  identifier: string;
  password: string;
  /** Parents sign in at /login and staff at /staff/login; neither page accepts the other. */
  kind: AccountKind;
}

function ipBucket(meta: RequestMeta): string | null {
  return meta.ipAddress ? `sign-in-failures:ip:${meta.ipAddress}` : null;
}

/**
 * Checks a password and opens a session. Throttles run before any hashing so an attacker
 * cannot make the server burn bcrypt time; unknown accounts are checked against a dummy hash
 * so that their answer takes as long as a wrong password.
 */
export async function signInWithPassword(
  db: Database,
  request: SignInRequest,
  meta: RequestMeta,
  now = new Date(),
): Promise<SignInResult> {
  const settings = env();
  const windowSeconds = settings.SIGNIN_IP_WINDOW_MINUTES * 60;
  const bucket = ipBucket(meta);

  if (
    bucket &&
    (await hitsInWindow(db, bucket, windowSeconds, now)) >= settings.SIGNIN_IP_FAILURE_LIMIT
  ) {
    await auditedTransaction(db, anonymousActor, meta, ({ audit }) =>
      audit({
        action: 'auth.sign_in_failed',
        outcome: 'denied',
        metadata: { reason: 'ip_throttled', portal: request.kind },
      }),
    );
    return { ok: false, reason: 'rate_limited' };
  }

  const identifier = request.identifier.trim().toLowerCase();
  const [user] = await db
    .select({
      id: users.id,
      kind: users.kind,
      passwordHash: users.passwordHash,
      failedSignInCount: users.failedSignInCount,
      lockedUntil: users.lockedUntil,
      disabledAt: users.disabledAt,
      mustChangePassword: users.mustChangePassword,
      temporaryPasswordExpiresAt: users.temporaryPasswordExpiresAt,
      totpEnabledAt: users.totpEnabledAt,
      roles: staffRolesOfUser,
    })
    .from(users)
    .where(
      and(
        eq(users.kind, request.kind),
        or(eq(sql`lower(${users.userId})`, identifier), eq(sql`lower(${users.email})`, identifier)),
      ),
    )
    .limit(1);

  if (user?.lockedUntil && user.lockedUntil > now) {
    await auditedTransaction(db, anonymousActor, meta, ({ audit }) =>
      audit({
        action: 'auth.sign_in_failed',
        outcome: 'denied',
        targetType: 'user',
        targetId: user.id,
        metadata: { reason: 'locked', portal: request.kind },
      }),
    );
    return { ok: false, reason: 'locked' };
  }

  const passwordMatches = user
    ? await verifyPassword(request.password, user.passwordHash)
    : await verifyAgainstDummy(request.password);

  // An office-issued temporary password works for 72 hours, then only a new one from the office.
  const temporaryExpired = Boolean(
    user?.mustChangePassword &&
    user.temporaryPasswordExpiresAt &&
    user.temporaryPasswordExpiresAt <= now,
  );

  if (user && passwordMatches && !user.disabledAt && !temporaryExpired) {
    const actor = actorFor({ id: user.id, kind: user.kind, roles: user.roles as never });
    const awaitingSecondFactor = user.totpEnabledAt !== null;
    return auditedTransaction(db, actor, meta, async ({ tx, audit }) => {
      if (awaitingSecondFactor) {
        // The failure count is cleared only once the code is right too: someone who has the
        // password must not get a fresh set of code guesses by typing it again.
        const { sessionId, token } = await createSession(tx, user, meta, now, {
          awaitingSecondFactor: true,
        });
        await audit({
          action: 'auth.second_factor_required',
          targetType: 'session',
          targetId: sessionId,
          metadata: { portal: request.kind },
        });
        return { ok: true as const, token, sessionId, userId: user.id, awaitingSecondFactor };
      }
      await tx
        .update(users)
        .set({ failedSignInCount: 0, lockedUntil: null })
        .where(eq(users.id, user.id));
      const { sessionId, token } = await createSession(tx, user, meta, now);
      await audit({
        action: 'auth.signed_in',
        targetType: 'session',
        targetId: sessionId,
        metadata: { portal: request.kind },
      });
      return { ok: true as const, token, sessionId, userId: user.id, awaitingSecondFactor };
    });
  }

  return auditedTransaction(db, anonymousActor, meta, async ({ tx, audit }) => {
    if (bucket) await countHit(tx, bucket, windowSeconds, now);
    if (!user) {
      await audit({
        action: 'auth.sign_in_failed',
        outcome: 'denied',
        metadata: { reason: 'unknown_account', portal: request.kind },
      });
      return { ok: false as const, reason: 'invalid' as const };
    }
    if (user.disabledAt) {
      await audit({
        action: 'auth.sign_in_failed',
        outcome: 'denied',
        targetType: 'user',
        targetId: user.id,
        metadata: { reason: 'disabled', portal: request.kind },
      });
      return { ok: false as const, reason: 'invalid' as const };
    }
    if (passwordMatches && temporaryExpired) {
      await audit({
        action: 'auth.sign_in_failed',
        outcome: 'denied',
        targetType: 'user',
        targetId: user.id,
        metadata: { reason: 'temporary_password_expired', portal: request.kind },
      });
      return { ok: false as const, reason: 'invalid' as const };
    }
    const updated = await countFailedSignIn(tx, user.id, now);
    await audit({
      action: 'auth.sign_in_failed',
      outcome: 'denied',
      targetType: 'user',
      targetId: user.id,
      metadata: {
        reason: 'bad_password',
        portal: request.kind,
        consecutiveFailures: updated?.failedSignInCount ?? null,
      },
    });
    if (updated?.lockedUntil) {
      await audit({
        action: 'auth.locked_out',
        outcome: 'denied',
        targetType: 'user',
        targetId: user.id,
        metadata: { lockMinutes: signInPolicy.accountLockMinutes, portal: request.kind },
      });
    }
    return { ok: false as const, reason: 'invalid' as const };
  });
}

/**
 * Adds one to the account's consecutive failures and locks it at the limit. One statement, so
 * two simultaneous wrong guesses both count; a lock that has run out starts the count again.
 * (Times go in as ISO strings: postgres.js cannot bind a Date in raw SQL.)
 */
export async function countFailedSignIn(tx: Db, userId: string, now: Date) {
  const lockExpired = sql`(${users.lockedUntil} is not null and ${users.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
  const newCount = sql`case when ${lockExpired} then 1 else ${users.failedSignInCount} + 1 end`;
  const lockUntil = new Date(
    now.getTime() + signInPolicy.accountLockMinutes * 60_000,
  ).toISOString();
  const [updated] = await tx
    .update(users)
    .set({
      failedSignInCount: newCount,
      lockedUntil: sql`case when ${newCount} >= ${signInPolicy.accountFailureLimit} then ${lockUntil}::timestamptz else null end`,
    })
    .where(eq(users.id, userId))
    .returning({ failedSignInCount: users.failedSignInCount, lockedUntil: users.lockedUntil });
  return updated;
}
