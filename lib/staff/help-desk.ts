import 'server-only';

import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, gt, gte, ilike, or, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import {
  children,
  guardianships,
  sessions,
  signInThrottles,
  users,
  type AccountKind,
} from '@/db/schema';
import { savedLocale } from '@/lib/accounts/language';
import { resendEmailVerification } from '@/lib/accounts/resend-verification';
import { hashPassword } from '@/lib/auth/password';
import { endAllSessionsOfUser } from '@/lib/auth/sessions';
import { ACCOUNT_ATTACK_ALERT, clearAccountThrottles } from '@/lib/auth/throttle';
import { todayInPractice } from '@/lib/dates';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { liveLinkCondition } from '@/lib/guardianship/access';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { temporaryPasswordMessage } from '@/lib/mail/templates';
import { PIN_ALPHABET } from '@/lib/pins/pin-format';
import { matchEveryWord } from '@/lib/search';

const TEMPORARY_PASSWORD_HOURS = 72;
const ACCOUNTS_PAGE_SIZE = 25;

/** 12 characters from the look-alike-free alphabet, in three groups: about 59 bits, easy to read aloud. */
export function generateTemporaryPassword(): string {
  let raw = '';
  for (let i = 0; i < 12; i += 1) raw += PIN_ALPHABET[randomInt(PIN_ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

const lastSignIn = sql<Date | null>`(select max(${sessions.createdAt}) from ${sessions} where ${sessions.userId} = ${users.id})`;

/** Parent accounts by name, User ID or email (prefix, any case). Staff see state, never secrets. */
export async function searchParentAccounts(db: Db, query: string, page = 1) {
  const matching = matchEveryWord(
    query,
    (prefix) =>
      or(
        ilike(users.firstName, prefix),
        ilike(users.lastName, prefix),
        ilike(users.userId, prefix),
        ilike(users.email, prefix),
      )!,
    { prefix: true },
  );
  const rows = await db
    .select({
      id: users.id,
      userId: users.userId,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      disabledAt: users.disabledAt,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .where(and(eq(users.kind, 'parent'), matching))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id))
    .limit(ACCOUNTS_PAGE_SIZE + 1)
    .offset((page - 1) * ACCOUNTS_PAGE_SIZE);
  return { rows: rows.slice(0, ACCOUNTS_PAGE_SIZE), hasMore: rows.length > ACCOUNTS_PAGE_SIZE };
}

export async function getParentAccount(db: Db, accountId: string, now = new Date()) {
  const [account] = await db
    .select({
      id: users.id,
      userId: users.userId,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      firstName: users.firstName,
      lastName: users.lastName,
      disabledAt: users.disabledAt,
      lockedUntil: users.lockedUntil,
      mustChangePassword: users.mustChangePassword,
      temporaryPasswordExpiresAt: users.temporaryPasswordExpiresAt,
      twoStepEnabledAt: users.totpEnabledAt,
      createdAt: users.createdAt,
      lastSignIn,
    })
    .from(users)
    .where(and(eq(users.id, accountId), eq(users.kind, 'parent')));
  if (!account) return null;
  const [linked] = await db
    .select({ n: count() })
    .from(guardianships)
    .innerJoin(children, eq(children.id, guardianships.childId))
    .where(liveLinkCondition(accountId, todayInPractice(now)));
  return {
    ...account,
    locked: Boolean(account.lockedUntil && account.lockedUntil > now),
    linkedChildren: linked?.n ?? 0,
  };
}

async function requireParentAccount(db: Db, accountId: string) {
  const [row] = await db
    .select({
      id: users.id,
      userId: users.userId,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      locale: users.locale,
    })
    .from(users)
    .where(and(eq(users.id, accountId), eq(users.kind, 'parent')))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

/** The help desk resends a parent's confirmation link; a staff account is not the help desk's to touch. */
export async function resendParentVerificationEmail(db: Db, accountId: string) {
  await requireParentAccount(db, accountId);
  return resendEmailVerification(db, accountId);
}

/**
 * The office never learns or chooses a password the parent keeps: it makes a random temporary
 * one, emails it to the address already on the account, ends every session, and the parent
 * must replace it at the next sign-in. It expires in 72 hours.
 */
/**
 * Replaces a parent's password with a new random temporary one: it works for 72 hours, must be
 * replaced at the next sign-in, and every session ends. The office's letter and the public Help
 * Desk both come here; neither ever learns or chooses a password the parent keeps.
 */
export async function resetToTemporaryPassword(db: Db, accountId: string, now = new Date()) {
  const password = generateTemporaryPassword();
  const expiresAt = new Date(now.getTime() + TEMPORARY_PASSWORD_HOURS * 3600_000);
  await db
    .update(users)
    .set({
      passwordHash: await hashPassword(password),
      passwordChangedAt: now,
      mustChangePassword: true,
      temporaryPasswordExpiresAt: expiresAt,
      failedSignInCount: 0,
      lockedUntil: null,
    })
    .where(eq(users.id, accountId));
  await clearAccountThrottles(db, accountId);
  const sessionsEnded = await endAllSessionsOfUser(db, accountId, 'password_changed', now);
  return { password, expiresAt, sessionsEnded };
}

/**
 * The office never learns or chooses a password the parent keeps: it makes a random temporary
 * one, emails it to the address already on the account, ends every session, and the parent
 * must replace it at the next sign-in. It expires in 72 hours.
 */
export async function issueTemporaryPassword(db: Db, accountId: string, now = new Date()) {
  const account = await requireParentAccount(db, accountId);
  const { password, expiresAt, sessionsEnded } = await resetToTemporaryPassword(
    db,
    account.id,
    now,
  );
  const loginUrl = new URL('/login', env().PUBLIC_URL).toString();
  const mail: OutgoingMail = {
    ...temporaryPasswordMessage(
      savedLocale(account.locale),
      account.firstName,
      account.userId,
      password,
      expiresAt,
      loginUrl,
    ),
    to: account.email,
    idempotencyKey: `temporary-password:${account.id}:${now.getTime()}`,
  };
  return {
    mail,
    sessionsEnded,
    letter: {
      guardianName: `${account.firstName} ${account.lastName}`,
      userId: account.userId,
      temporaryPassword: password,
      issuedOn: todayInPractice(now),
      expiresOn: todayInPractice(expiresAt),
      expiresAt: expiresAt.toISOString(),
      /** The letter's language the office is offered first: the one the parent reads the portal in. */
      locale: savedLocale(account.locale),
    },
  };
}

/**
 * Lifts every sign-in throttle of an account, parent or staff: the help desk does this once it
 * has spoken to the owner (a staff member locked out by someone else's guessing included).
 */
export async function unlockAccount(db: Db, accountId: string): Promise<{ kind: AccountKind }> {
  const [account] = await db
    .select({ id: users.id, kind: users.kind })
    .from(users)
    .where(eq(users.id, accountId))
    .for('update');
  if (!account) throw new AppError('not_found');
  await db
    .update(users)
    .set({ failedSignInCount: 0, lockedUntil: null })
    .where(eq(users.id, accountId));
  await clearAccountThrottles(db, accountId);
  return { kind: account.kind };
}

/**
 * Accounts drawing many wrong tries in a row (from any address), for the office home page: the
 * help desk sees who may call, administrators see the attack.
 */
export async function listAccountsUnderAttack(db: Db, now = new Date()) {
  return db
    .select({
      id: users.id,
      kind: users.kind,
      userId: users.userId,
      firstName: users.firstName,
      lastName: users.lastName,
      failures: signInThrottles.failures,
      lastTryAt: signInThrottles.updatedAt,
      pausedUntil: signInThrottles.nextTryAt,
    })
    .from(signInThrottles)
    .innerJoin(users, eq(users.id, signInThrottles.userId))
    .where(
      and(
        eq(signInThrottles.key, sql`'sign-in:user:' || ${users.id}::text`),
        gte(signInThrottles.failures, ACCOUNT_ATTACK_ALERT),
        gt(signInThrottles.updatedAt, new Date(now.getTime() - 7 * 24 * 3600_000)),
      ),
    )
    .orderBy(desc(signInThrottles.failures))
    .limit(50);
}

export async function setParentAccountDisabled(
  db: Db,
  accountId: string,
  disabled: boolean,
  now = new Date(),
): Promise<{ sessionsEnded: number }> {
  await requireParentAccount(db, accountId);
  await db
    .update(users)
    .set({ disabledAt: disabled ? now : null })
    .where(eq(users.id, accountId));
  return {
    sessionsEnded: disabled
      ? await endAllSessionsOfUser(db, accountId, 'account_disabled', now)
      : 0,
  };
}
