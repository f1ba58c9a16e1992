import 'server-only';

import { and, count, eq, isNull, lt, sql } from 'drizzle-orm';

import type { Database, Db } from '@/db';
import { recoveryCodes, sessions, users, type AccountKind } from '@/db/schema';
import { savedLocale } from '@/lib/accounts/language';
import type { Actor, RequestMeta } from '@/lib/audit/events';
import { auditedTransaction, type AuditedTransaction } from '@/lib/audit/transaction';
import { actorFor } from '@/lib/auth/actors';
import { staffRolesOfUser } from '@/lib/auth/roles-sql';
import { idleTimeoutSecondsFor } from '@/lib/auth/sessions';
import {
  claimSignInTry,
  recordSignInSuccess,
  reportAccountFailures,
  type SignInClaim,
} from '@/lib/auth/sign-in';
import { ACCOUNT_FAILURE_CEILING } from '@/lib/auth/throttle';
import { hashToken, newSecretToken } from '@/lib/auth/tokens';
import { sessionPolicy } from '@/lib/env';
import { enqueueMail } from '@/lib/mail/outbox';
import { recoveryCodeUsedMessage } from '@/lib/mail/templates';

import { decryptTotpSecret, hashRecoveryCode, looksLikeRecoveryCode } from './crypto';
import { checkTotpCode } from './totp';

/** Wrong codes on one sign-in before it is back to the password (each also counts against the account). */
export const SECOND_FACTOR_ATTEMPTS = 5;

export type SecondFactorResult =
  | { ok: true; token: string; kind: AccountKind; method: 'totp' | 'recovery_code' }
  | { ok: false; reason: 'wrong_code'; attemptsLeft: number }
  | { ok: false; reason: 'start_again' | 'rate_limited' };

async function endPendingSignIn(db: Db, sessionId: string, now: Date) {
  await db
    .update(sessions)
    .set({ endedAt: now, endReason: 'second_factor_failed' })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

async function pendingSignIn(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      failures: sessions.secondFactorFailures,
      absoluteExpiresAt: sessions.absoluteExpiresAt,
      id: users.id,
      kind: users.kind,
      email: users.email,
      firstName: users.firstName,
      locale: users.locale,
      totpSecret: users.totpSecret,
      totpLastUsedStep: users.totpLastUsedStep,
      disabledAt: users.disabledAt,
      roles: staffRolesOfUser,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        eq(sessions.awaitingSecondFactor, true),
        isNull(sessions.endedAt),
      ),
    );
  if (!row || row.absoluteExpiresAt <= now || row.disabledAt || !row.totpSecret) return null;
  return row;
}

type PendingSignIn = NonNullable<Awaited<ReturnType<typeof pendingSignIn>>>;
type Audit = AuditedTransaction['audit'];
type CodeCheck = { method: 'totp' | 'recovery_code' } | { method: null; failure: string };

/**
 * Claims one try on this sign-in in one statement (5 at most), so simultaneous codes cannot slip
 * past the count. Null when the sign-in has used them all (or ended meanwhile).
 */
async function claimSessionTry(db: Db, sessionId: string) {
  const [claim] = await db
    .update(sessions)
    .set({ secondFactorFailures: sql`${sessions.secondFactorFailures} + 1` })
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.endedAt),
        lt(sessions.secondFactorFailures, SECOND_FACTOR_ATTEMPTS),
      ),
    )
    .returning({ failures: sessions.secondFactorFailures });
  return claim ?? null;
}

/** Every try on this sign-in is spent: it ends, and the next try starts with the password. */
async function endSpentSignIn(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  pending: PendingSignIn,
  now: Date,
): Promise<SecondFactorResult> {
  await auditedTransaction(db, actor, meta, async ({ tx, audit }) => {
    await endPendingSignIn(tx, pending.sessionId, now);
    await audit({
      action: 'auth.second_factor_failed',
      outcome: 'denied',
      targetType: 'session',
      targetId: pending.sessionId,
      metadata: { reason: 'too_many_codes' },
    });
  });
  return { ok: false, reason: 'start_again' };
}

/** The account refused the try: the sign-in's claim is handed back, so a refused try costs none. */
async function refuseThrottledTry(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  pending: PendingSignIn,
  refusedBy: string,
): Promise<SecondFactorResult> {
  await db
    .update(sessions)
    .set({ secondFactorFailures: sql`greatest(${sessions.secondFactorFailures} - 1, 0)` })
    .where(eq(sessions.id, pending.sessionId));
  await auditedTransaction(db, actor, meta, ({ audit }) =>
    audit({
      action: 'auth.second_factor_failed',
      outcome: 'denied',
      targetType: 'session',
      targetId: pending.sessionId,
      metadata: { reason: `throttled_${refusedBy}` },
    }),
  );
  return { ok: false, reason: 'rate_limited' };
}

/** A recovery code is spent in one statement; a code spent before is told apart for the audit. */
async function checkRecoveryCode(
  tx: Db,
  userId: string,
  typed: string,
  now: Date,
): Promise<CodeCheck> {
  const codeHash = hashRecoveryCode(typed);
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  if (used.length > 0) return { method: 'recovery_code' };
  // Told apart only for the audit trail (an old printout of the codes in someone else's hands?).
  const [spent] = await tx
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash)));
  return { method: null, failure: spent ? 'code_already_used' : 'wrong_code' };
}

async function checkAuthenticatorCode(
  tx: Db,
  pending: PendingSignIn,
  typed: string,
  now: Date,
): Promise<CodeCheck> {
  const checked = checkTotpCode(
    decryptTotpSecret(pending.totpSecret!),
    typed,
    pending.totpLastUsedStep,
    now,
  );
  if (!checked.valid)
    return { method: null, failure: checked.alreadyUsed ? 'code_already_used' : 'wrong_code' };
  // Claim the step in one statement: two requests with the same code cannot both pass.
  const claimed = await tx
    .update(users)
    .set({ totpLastUsedStep: checked.timeStep })
    .where(
      and(
        eq(users.id, pending.id),
        sql`(${users.totpLastUsedStep} is null or ${users.totpLastUsedStep} < ${checked.timeStep})`,
      ),
    )
    .returning({ id: users.id });
  return claimed.length > 0 ? { method: 'totp' } : { method: null, failure: 'code_already_used' };
}

/** A right code: the waiting session becomes a full one under a new token. */
async function promoteSession(
  { tx, audit }: AuditedTransaction,
  pending: PendingSignIn,
  claim: SignInClaim,
  method: 'totp' | 'recovery_code',
  now: Date,
): Promise<SecondFactorResult> {
  const fullToken = newSecretToken();
  const promoted = await tx
    .update(sessions)
    .set({
      tokenHash: hashToken(fullToken),
      awaitingSecondFactor: false,
      lastSeenAt: now,
      idleTimeoutSeconds: idleTimeoutSecondsFor(pending.kind),
      absoluteExpiresAt: new Date(now.getTime() + sessionPolicy.absoluteHours * 3600_000),
    })
    .where(and(eq(sessions.id, pending.sessionId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  // Ended meanwhile by too many wrong codes sent alongside this one: that stands.
  if (promoted.length === 0) return { ok: false, reason: 'start_again' };
  await recordSignInSuccess(tx, claim, pending.id, now);
  await audit({
    action: 'auth.signed_in',
    targetType: 'session',
    targetId: pending.sessionId,
    metadata: { portal: pending.kind, secondFactor: method },
  });
  if (method === 'recovery_code') await reportRecoveryCodeUsed(tx, audit, pending);
  return { ok: true, token: fullToken, kind: pending.kind, method };
}

/** A recovery code was spent: the audit says how many are left, and the owner gets an email. */
async function reportRecoveryCodeUsed(tx: Db, audit: Audit, pending: PendingSignIn) {
  const [left] = await tx
    .select({ value: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, pending.id), isNull(recoveryCodes.usedAt)));
  const remaining = left?.value ?? 0;
  await audit({
    action: 'auth.recovery_code_used',
    targetType: 'user',
    targetId: pending.id,
    metadata: { recoveryCodesLeft: remaining },
  });
  await enqueueMail(tx, {
    ...recoveryCodeUsedMessage(savedLocale(pending.locale), pending.firstName, remaining),
    to: pending.email,
    idempotencyKey: `recovery-code-used:${pending.sessionId}`,
  });
}

/** A wrong code counts on this sign-in and on the account; too many end the sign-in. */
async function recordWrongCode(
  { tx, audit }: AuditedTransaction,
  pending: PendingSignIn,
  claim: SignInClaim,
  failures: number,
  details: { failure: string; codeType: 'recovery' | 'authenticator' },
  now: Date,
): Promise<SecondFactorResult> {
  await audit({
    action: 'auth.second_factor_failed',
    outcome: 'denied',
    targetType: 'session',
    targetId: pending.sessionId,
    metadata: {
      reason: details.failure,
      codeType: details.codeType,
      failedCodesThisSignIn: failures,
      consecutiveFailures: claim.accountFailures,
    },
  });
  await reportAccountFailures(tx, audit, pending, claim.accountFailures, now);
  const accountPaused = claim.accountFailures >= ACCOUNT_FAILURE_CEILING;
  if (accountPaused || failures >= SECOND_FACTOR_ATTEMPTS) {
    await endPendingSignIn(tx, pending.sessionId, now);
    return { ok: false, reason: accountPaused ? 'rate_limited' : 'start_again' };
  }
  return { ok: false, reason: 'wrong_code', attemptsLeft: SECOND_FACTOR_ATTEMPTS - failures };
}

/**
 * The second step of signing in: a code from the authenticator app, or one of the recovery
 * codes. A right code turns the waiting session into a full one under a new token (the one
 * issued after the password alone is never good for more). A wrong one counts against this
 * sign-in (5, then back to the password) and against the account like a wrong password.
 */
export async function verifySecondFactor(
  db: Database,
  token: string,
  typed: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<SecondFactorResult> {
  const pending = await pendingSignIn(db, token, now);
  if (!pending) return { ok: false, reason: 'start_again' };
  const actor = actorFor({ id: pending.id, kind: pending.kind, roles: pending.roles as never });

  // Claim the try before the code is checked, on this sign-in (5) and on the account like a
  // password (growing delays, 100 at most), each in one statement: simultaneous codes cannot
  // slip past either, and a right code among them counts only if its claim was granted.
  const sessionClaim = await claimSessionTry(db, pending.sessionId);
  if (!sessionClaim) return endSpentSignIn(db, actor, meta, pending, now);
  const claim = await claimSignInTry(db, { userId: pending.id }, pending.id, meta, now);
  if (!claim.ok) return refuseThrottledTry(db, actor, meta, pending, claim.refusedBy);

  return auditedTransaction(db, actor, meta, async (step): Promise<SecondFactorResult> => {
    const codeType = looksLikeRecoveryCode(typed) ? 'recovery' : 'authenticator';
    const checked =
      codeType === 'recovery'
        ? await checkRecoveryCode(step.tx, pending.id, typed, now)
        : await checkAuthenticatorCode(step.tx, pending, typed, now);
    if (checked.method) return promoteSession(step, pending, claim, checked.method, now);
    const details = { failure: checked.failure, codeType } as const;
    return recordWrongCode(step, pending, claim, sessionClaim.failures, details, now);
  });
}
