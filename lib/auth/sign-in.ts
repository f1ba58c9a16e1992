import 'server-only';

import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';

import type { Database, Db } from '@/db';
import { staffRoleAssignments, users, type AccountKind } from '@/db/schema';
import { savedLocale } from '@/lib/accounts/language';
import { createResetLink } from '@/lib/accounts/password-reset';
import { anonymousActor, type RequestMeta } from '@/lib/audit/events';
import { auditedTransaction, type AuditedTransaction } from '@/lib/audit/transaction';
import { env } from '@/lib/env';
import { enqueueMail } from '@/lib/mail/outbox';
import { signInPausedMessage, sustainedSignInAttackMessage } from '@/lib/mail/templates';
import { claimTry, releaseTry } from '@/lib/rate-limit';

import { actorFor } from './actors';
import { verifyAgainstDummy, verifyPassword } from './password';
import { staffRolesOfUser } from './roles-sql';
import { createSession } from './sessions';
import {
  ACCOUNT_ATTACK_ALERT,
  ACCOUNT_FAILURE_CEILING,
  accountThrottleKey,
  addressThrottleKey,
  claimThrottledTry,
  forgetFailures,
  perAccountPolicy,
  perAddressPolicy,
  releaseThrottledTry,
  type ThrottleSubject,
} from './throttle';

export type SignInResult =
  /** `awaitingSecondFactor`: the password was right, and the code page comes next. */
  | { ok: true; token: string; sessionId: string; userId: string; awaitingSecondFactor: boolean }
  | { ok: false; reason: 'invalid' | 'rate_limited' };

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
 * Checks a password and opens a session. Every try first claims its place in three throttles
 * (this address across accounts; this account from this address, with growing delays; this
 * account from everywhere, capped at 100) in single statements, so simultaneous tries cannot
 * slip past a limit; a refused try hashes nothing. Unknown names are throttled like accounts
 * and checked against a dummy hash, so no answer, and no timing, tells them apart.
 */
export async function signInWithPassword(
  db: Database,
  request: SignInRequest,
  meta: RequestMeta,
  now = new Date(),
): Promise<SignInResult> {
  const identifier = request.identifier.trim().toLowerCase();
  const [user] = await db
    .select({
      id: users.id,
      kind: users.kind,
      email: users.email,
      firstName: users.firstName,
      locale: users.locale,
      passwordHash: users.passwordHash,
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

  const subject: ThrottleSubject = user
    ? { userId: user.id }
    : { name: identifier, kind: request.kind };
  const claim = await claimSignInTry(db, subject, user?.id ?? null, meta, now);
  if (!claim.ok) {
    await auditedTransaction(db, anonymousActor, meta, ({ audit }) =>
      audit({
        action: 'auth.sign_in_failed',
        outcome: 'denied',
        targetType: user ? 'user' : null,
        targetId: user?.id ?? null,
        metadata: { reason: `throttled_${claim.refusedBy}`, portal: request.kind },
      }),
    );
    return { ok: false, reason: 'rate_limited' };
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
        // The password was right, so its claims go back, but the failures behind them stay
        // until the code is right too: someone who has the password must not get a fresh set
        // of code guesses by typing it again.
        await releaseSignInClaim(tx, claim, now);
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
      await recordSignInSuccess(tx, claim, user.id, now);
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
    await audit({
      action: 'auth.sign_in_failed',
      outcome: 'denied',
      targetType: 'user',
      targetId: user.id,
      metadata: {
        reason: 'bad_password',
        portal: request.kind,
        consecutiveFailures: claim.accountFailures,
      },
    });
    await reportAccountFailures(tx, audit, user, claim.accountFailures, now);
    return { ok: false as const, reason: 'invalid' as const };
  });
}

export interface SignInClaim {
  ok: true;
  ipBucket: string | null;
  accountKey: string;
  addressKey: string | null;
  /** Consecutive failures of the account from everywhere, this try included. */
  accountFailures: number;
}

export type SignInClaimResult =
  SignInClaim | { ok: false; refusedBy: 'address' | 'account_from_address' | 'account' };

/**
 * Claims one try at an account's secret (a password, or a two-step code, which counts against
 * the account the same way). A refusal hands back the claims already made, so a refused try
 * fills no limit.
 */
export async function claimSignInTry(
  db: Db,
  subject: ThrottleSubject,
  userId: string | null,
  meta: RequestMeta,
  now: Date,
  options: { countAddress?: boolean } = {},
): Promise<SignInClaimResult> {
  const settings = env();
  const windowSeconds = settings.SIGNIN_IP_WINDOW_MINUTES * 60;
  const bucket = options.countAddress === false ? null : ipBucket(meta);
  if (bucket && !(await claimTry(db, bucket, settings.SIGNIN_IP_FAILURE_LIMIT, windowSeconds, now)))
    return { ok: false, refusedBy: 'address' };
  const addressKey = meta.ipAddress ? addressThrottleKey(subject, meta.ipAddress) : null;
  if (
    addressKey &&
    (await claimThrottledTry(db, addressKey, userId, perAddressPolicy, now)) === null
  ) {
    if (bucket) await releaseTry(db, bucket, windowSeconds, now);
    return { ok: false, refusedBy: 'account_from_address' };
  }
  const accountKey = accountThrottleKey(subject);
  const accountFailures = await claimThrottledTry(db, accountKey, userId, perAccountPolicy, now);
  if (accountFailures === null) {
    if (bucket) await releaseTry(db, bucket, windowSeconds, now);
    if (addressKey) await releaseThrottledTry(db, addressKey, perAddressPolicy, now);
    return { ok: false, refusedBy: 'account' };
  }
  return { ok: true, ipBucket: bucket, accountKey, addressKey, accountFailures };
}

/** Hands back a claim whose try was right but is not yet a full sign-in. */
async function releaseSignInClaim(db: Db, claim: SignInClaim, now: Date) {
  if (claim.ipBucket)
    await releaseTry(db, claim.ipBucket, env().SIGNIN_IP_WINDOW_MINUTES * 60, now);
  if (claim.addressKey) await releaseThrottledTry(db, claim.addressKey, perAddressPolicy, now);
  await releaseThrottledTry(db, claim.accountKey, perAccountPolicy, now);
}

/**
 * A full sign-in: the account's failures are forgotten, and those of this address with it.
 * Other addresses keep theirs (an attacker elsewhere still waits).
 */
export async function recordSignInSuccess(db: Db, claim: SignInClaim, userId: string, now: Date) {
  await releaseSignInClaim(db, claim, now);
  await forgetFailures(
    db,
    [claim.accountKey, ...(claim.addressKey ? [claim.addressKey] : [])],
    now,
  );
  await db
    .update(users)
    .set({ failedSignInCount: 0, lockedUntil: null })
    .where(and(eq(users.id, userId), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))));
}

/**
 * What a failed try at a real account sets off: the count shown to the office, a word to the
 * administrators when the tries look like a sustained attack, and at the ceiling a pause with
 * an email to the owner on how to get back in.
 */
export async function reportAccountFailures(
  tx: Db,
  audit: AuditedTransaction['audit'],
  user: {
    id: string;
    kind: AccountKind;
    email: string;
    firstName: string;
    locale: string | null;
  },
  failures: number,
  now: Date,
) {
  const paused = failures >= ACCOUNT_FAILURE_CEILING;
  await tx
    .update(users)
    .set({
      failedSignInCount: failures,
      ...(paused
        ? { lockedUntil: new Date(now.getTime() + perAccountPolicy.maxDelaySeconds * 1000) }
        : {}),
    })
    .where(eq(users.id, user.id));
  if (failures === ACCOUNT_ATTACK_ALERT || failures === ACCOUNT_FAILURE_CEILING) {
    await audit({
      action: 'auth.sustained_attack',
      outcome: 'denied',
      targetType: 'user',
      targetId: user.id,
      metadata: { consecutiveFailures: failures, portal: user.kind },
    });
    await alertAdministrators(tx, user.id, failures, now);
  }
  if (failures !== ACCOUNT_FAILURE_CEILING) return;
  await audit({
    action: 'auth.locked_out',
    outcome: 'denied',
    targetType: 'user',
    targetId: user.id,
    metadata: { lockMinutes: perAccountPolicy.maxDelaySeconds / 60, portal: user.kind },
  });
  const resetUrl = user.kind === 'parent' ? (await createResetLink(tx, user.id, now)).url : null;
  await enqueueMail(tx, {
    ...signInPausedMessage(savedLocale(user.locale), user.firstName, resetUrl),
    to: user.email,
    idempotencyKey: `sign-in-paused:${user.id}:${now.getTime()}`,
  });
}

async function alertAdministrators(tx: Db, userId: string, failures: number, now: Date) {
  const admins = await tx
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .innerJoin(staffRoleAssignments, eq(staffRoleAssignments.userId, users.id))
    .where(
      and(
        eq(staffRoleAssignments.role, 'admin'),
        eq(users.kind, 'staff'),
        isNull(users.disabledAt),
      ),
    );
  const officeUrl = new URL('/staff', env().PUBLIC_URL).toString();
  for (const admin of admins) {
    await enqueueMail(tx, {
      ...sustainedSignInAttackMessage(savedLocale(admin.locale), officeUrl),
      to: admin.email,
      idempotencyKey: `sign-in-attack:${userId}:${failures}:${admin.email}:${now.getTime()}`,
    });
  }
}
