import 'server-only';

import { and, eq, lt, or, sql } from 'drizzle-orm';

import type { Database, Db } from '@/db';
import { passwordResets, users } from '@/db/schema';
import { mailRecipientColumns, savedLocale } from '@/lib/accounts/language';
import { anonymousActor, type RequestMeta } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { actorFor } from '@/lib/auth/actors';
import {
  claimEmailedLink,
  insertEmailedLink,
  linkHolderColumns,
  openSessionAfterLink,
  revokeUnusedLinks,
  usableEmailedLink,
  whyLinkRefused,
} from '@/lib/auth/emailed-links';
import { hashPassword, verifyHintAnswer } from '@/lib/auth/password';
import { clearAccountThrottles } from '@/lib/auth/throttle';
import { enqueueMail, type OutgoingMail } from '@/lib/mail/outbox';
import { passwordChangedMessage, passwordResetMessage } from '@/lib/mail/templates';
import { claimTry, releaseTry } from '@/lib/rate-limit';

import { claimAccountEmail, claimEmailForUnknownName } from './email-caps';
import { isHintQuestionId, type HintQuestionId } from './hint-questions';
import { newPasswordProblem } from './password-policy';
import type { ResetPasswordInput } from './schemas';

const RESET_LINK_MINUTES = 30;
export const RESET_HINT_ATTEMPTS = 5;
/**
 * Wrong hint answers an account takes in a day across all its links: without it, each new link
 * would bring five fresh guesses.
 */
export const ACCOUNT_HINT_ATTEMPTS_PER_DAY = 10;
const HINT_WINDOW_SECONDS = 24 * 3600;

/** A new reset link for the account: the row holds only the token's hash. */
export async function createResetLink(
  db: Db,
  userId: string,
  now: Date,
): Promise<{ resetId: string; url: string }> {
  const link = await insertEmailedLink(db, passwordResets, {
    userId,
    path: '/reset-password',
    now,
    lifetimeMs: RESET_LINK_MINUTES * 60_000,
  });
  return { resetId: link.id, url: link.url };
}

/**
 * Starts a reset for a parent account found by User ID or email. The caller answers the same
 * way whether or not one was found, and whether or not the account's emails for the hour are
 * used up; only the email (to the address on file) differs.
 */
export async function requestPasswordReset(
  db: Db,
  identifier: string,
  now = new Date(),
): Promise<{ userId: string | null; mail: OutgoingMail | null; capped?: boolean }> {
  const lowered = identifier.trim().toLowerCase();
  const [account] = await db
    .select(mailRecipientColumns)
    .from(users)
    .where(
      and(
        eq(users.kind, 'parent'),
        or(eq(sql`lower(${users.userId})`, lowered), eq(sql`lower(${users.email})`, lowered)),
      ),
    );
  if (!account || account.disabledAt) {
    await claimEmailForUnknownName(db, 'password-reset', lowered, now);
    return { userId: null, mail: null };
  }
  if (!(await claimAccountEmail(db, 'password-reset', account.id, now)))
    return { userId: account.id, mail: null, capped: true };
  const { resetId, url } = await createResetLink(db, account.id, now);
  return {
    userId: account.id,
    mail: {
      ...passwordResetMessage(savedLocale(account.locale), account.firstName, url),
      to: account.email,
      idempotencyKey: `password-reset:${resetId}`,
    },
  };
}

async function releaseLinkClaim(db: Db, resetId: string) {
  await db
    .update(passwordResets)
    .set({ wrongHintAnswers: sql`greatest(${passwordResets.wrongHintAnswers} - 1, 0)` })
    .where(eq(passwordResets.id, resetId));
}

/**
 * What the reset page shows: the hint question (its id: the page words it in the reader's
 * language), only to someone holding a live link.
 */
export async function findPasswordReset(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ hintQuestion: HintQuestionId } | null> {
  const [row] = await db
    .select({
      hintQuestion: users.hintQuestion,
      wrong: passwordResets.wrongHintAnswers,
      disabledAt: users.disabledAt,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(usableEmailedLink(passwordResets, token, now));
  if (!row || row.disabledAt || row.wrong >= RESET_HINT_ATTEMPTS) return null;
  return isHintQuestionId(row.hintQuestion) ? { hintQuestion: row.hintQuestion } : null;
}

/**
 * A link that does not work: audited with why (unknown, expired, used, revoked), though the
 * person is told only that it no longer works. Someone trying links leaves a trail.
 */
async function refuseLink(
  db: Database,
  token: string,
  meta: RequestMeta,
  now: Date,
): Promise<ResetOutcome> {
  const { reason, userId } = await whyLinkRefused(db, passwordResets, token, now);
  await auditedTransaction(db, anonymousActor, meta, ({ audit }) =>
    audit({
      action: 'auth.password_reset_failed',
      outcome: 'denied',
      targetType: userId ? 'user' : null,
      targetId: userId,
      metadata: { reason },
    }),
  );
  return { ok: false, reason: 'invalid_link' };
}

export type ResetOutcome =
  /** `awaitingSecondFactor`: a reset never skips two-step verification; the code page comes next. */
  | { ok: true; userId: string; sessionToken: string; awaitingSecondFactor: boolean }
  | { ok: false; reason: 'invalid_link' | 'wrong_answer' | 'too_many_answers' }
  | { ok: false; reason: 'weak_password'; message: string };

/**
 * Finishes a reset: hint answer, then the new password. A wrong answer counts against the link
 * (5 and it dies) and against the account (10 a day, whatever the link). Success changes the password, ends every session and
 * every other reset link, emails a confirmation and opens a fresh session.
 */
export async function completePasswordReset(
  db: Database,
  input: ResetPasswordInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<ResetOutcome> {
  const [found] = await db
    .select({
      resetId: passwordResets.id,
      wrong: passwordResets.wrongHintAnswers,
      ...linkHolderColumns,
      locale: users.locale,
      hintAnswerHash: users.hintAnswerHash,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(usableEmailedLink(passwordResets, input.token, now));
  if (!found) return refuseLink(db, input.token, meta, now);
  if (found.disabledAt || !found.hintAnswerHash || found.wrong >= RESET_HINT_ATTEMPTS) {
    const reason = found.disabledAt
      ? 'account_disabled'
      : !found.hintAnswerHash
        ? 'no_hint_answer'
        : 'too_many_answers';
    await auditedTransaction(db, anonymousActor, meta, ({ audit }) =>
      audit({
        action: 'auth.password_reset_failed',
        outcome: 'denied',
        targetType: 'user',
        targetId: found.id,
        metadata: { reason },
      }),
    );
    return {
      ok: false,
      reason: reason === 'too_many_answers' ? 'too_many_answers' : 'invalid_link',
    };
  }

  const actor = actorFor({ id: found.id, kind: found.kind, roles: [] });
  // Claim the try before the answer is checked, on the link (5) and on the account (10 a day,
  // across every link), each in one statement: simultaneous answers cannot slip past either.
  const linkClaim = await db
    .update(passwordResets)
    .set({ wrongHintAnswers: sql`${passwordResets.wrongHintAnswers} + 1` })
    .where(
      and(
        eq(passwordResets.id, found.resetId),
        lt(passwordResets.wrongHintAnswers, RESET_HINT_ATTEMPTS),
      ),
    )
    .returning({ wrong: passwordResets.wrongHintAnswers });
  const accountBucket = `reset-hint:user:${found.id}`;
  const accountClaimed =
    linkClaim.length > 0 &&
    (await claimTry(db, accountBucket, ACCOUNT_HINT_ATTEMPTS_PER_DAY, HINT_WINDOW_SECONDS, now));
  if (!accountClaimed) {
    if (linkClaim.length > 0) await releaseLinkClaim(db, found.resetId);
    await auditedTransaction(db, anonymousActor, meta, ({ audit }) =>
      audit({
        action: 'auth.password_reset_failed',
        outcome: 'denied',
        targetType: 'user',
        targetId: found.id,
        metadata: {
          reason: linkClaim.length > 0 ? 'too_many_answers_on_account' : 'too_many_answers',
        },
      }),
    );
    return { ok: false, reason: 'too_many_answers' };
  }
  const wrongOnLink = linkClaim[0]!.wrong;

  if (!(await verifyHintAnswer(input.hintAnswer, found.hintAnswerHash))) {
    return auditedTransaction(db, anonymousActor, meta, async ({ audit }) => {
      await audit({
        action: 'auth.password_reset_failed',
        outcome: 'denied',
        targetType: 'user',
        targetId: found.id,
        metadata: { reason: 'wrong_hint', failedAttemptsOnLink: wrongOnLink },
      });
      return {
        ok: false as const,
        reason:
          wrongOnLink >= RESET_HINT_ATTEMPTS
            ? ('too_many_answers' as const)
            : ('wrong_answer' as const),
      };
    });
  }
  // Right: the claims go back, so only wrong answers fill the limits.
  await releaseLinkClaim(db, found.resetId);
  await releaseTry(db, accountBucket, HINT_WINDOW_SECONDS, now);

  const problem = await newPasswordProblem(input.newPassword, found);
  if (problem) return { ok: false, reason: 'weak_password', message: problem };
  const passwordHash = await hashPassword(input.newPassword);

  return auditedTransaction(db, actor, meta, async (scope) => {
    const { tx } = scope;
    const link = {
      linkId: found.resetId,
      userId: found.id,
      refused: 'auth.password_reset_failed' as const,
    };
    if (!(await claimEmailedLink(scope, passwordResets, link, now)))
      return { ok: false as const, reason: 'invalid_link' as const };
    await revokeUnusedLinks(tx, passwordResets, found.id, now);
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, failedSignInCount: 0, lockedUntil: null })
      .where(eq(users.id, found.id));
    // A new password is the owner's way back in: every sign-in throttle of the account goes.
    await clearAccountThrottles(tx, found.id);
    const opened = await openSessionAfterLink(scope, 'auth.password_reset', found, meta, now);
    await enqueueMail(tx, {
      ...passwordChangedMessage(savedLocale(found.locale), found.firstName),
      to: found.email,
      idempotencyKey: `password-changed:${found.resetId}`,
    });
    return opened;
  });
}
