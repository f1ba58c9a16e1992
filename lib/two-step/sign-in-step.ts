import 'server-only';

import { and, count, eq, isNull, lt, sql } from 'drizzle-orm';

import type { Database, Db } from '@/db';
import { recoveryCodes, sessions, users, type AccountKind } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { actorFor } from '@/lib/auth/actors';
import { staffRolesOfUser } from '@/lib/auth/roles-sql';
import { idleTimeoutSecondsFor } from '@/lib/auth/sessions';
import { claimSignInTry, recordSignInSuccess, reportAccountFailures } from '@/lib/auth/sign-in';
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
  const [sessionClaim] = await db
    .update(sessions)
    .set({ secondFactorFailures: sql`${sessions.secondFactorFailures} + 1` })
    .where(
      and(
        eq(sessions.id, pending.sessionId),
        isNull(sessions.endedAt),
        lt(sessions.secondFactorFailures, SECOND_FACTOR_ATTEMPTS),
      ),
    )
    .returning({ failures: sessions.secondFactorFailures });
  if (!sessionClaim) {
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
  const claim = await claimSignInTry(db, { userId: pending.id }, pending.id, meta, now);
  if (!claim.ok) {
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
        metadata: { reason: `throttled_${claim.refusedBy}` },
      }),
    );
    return { ok: false, reason: 'rate_limited' };
  }

  return auditedTransaction(db, actor, meta, async ({ tx, audit }): Promise<SecondFactorResult> => {
    let method: 'totp' | 'recovery_code' | null = null;
    let failure = 'wrong_code';
    const codeType = looksLikeRecoveryCode(typed) ? 'recovery' : 'authenticator';
    if (codeType === 'recovery') {
      const codeHash = hashRecoveryCode(typed);
      const used = await tx
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(
          and(
            eq(recoveryCodes.userId, pending.id),
            eq(recoveryCodes.codeHash, codeHash),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ id: recoveryCodes.id });
      if (used.length > 0) method = 'recovery_code';
      else {
        // Told apart only for the audit trail (an old printout of the codes in someone else's hands?).
        const [spent] = await tx
          .select({ id: recoveryCodes.id })
          .from(recoveryCodes)
          .where(and(eq(recoveryCodes.userId, pending.id), eq(recoveryCodes.codeHash, codeHash)));
        if (spent) failure = 'code_already_used';
      }
    } else {
      const checked = checkTotpCode(
        decryptTotpSecret(pending.totpSecret!),
        typed,
        pending.totpLastUsedStep,
        now,
      );
      if (checked.valid) {
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
        if (claimed.length > 0) method = 'totp';
        else failure = 'code_already_used';
      } else if (checked.alreadyUsed) failure = 'code_already_used';
    }

    if (method) {
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
      if (method === 'recovery_code') {
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
          ...recoveryCodeUsedMessage(pending.firstName, remaining),
          to: pending.email,
          idempotencyKey: `recovery-code-used:${pending.sessionId}`,
        });
      }
      return { ok: true, token: fullToken, kind: pending.kind, method };
    }

    const failures = sessionClaim.failures;
    await audit({
      action: 'auth.second_factor_failed',
      outcome: 'denied',
      targetType: 'session',
      targetId: pending.sessionId,
      metadata: {
        reason: failure,
        codeType,
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
  });
}
