import 'server-only';

import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { emailVerifications, sessions, users } from '@/db/schema';
import { savedLocale } from '@/lib/accounts/language';
import { hashHintAnswer, hashPassword, verifyPassword } from '@/lib/auth/password';
import { hashToken, newSecretToken } from '@/lib/auth/tokens';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { OutgoingMail } from '@/lib/mail/outbox';
import {
  emailChangeConfirmMessage,
  emailChangeNoticeMessage,
  passwordChangedMessage,
} from '@/lib/mail/templates';

import { EMAIL_VERIFICATION_HOURS } from './email-verification';
import type { HintQuestionId } from './hint-questions';
import { newPasswordProblem } from './password-policy';

/** Reads the account for a change that needs the current password, and refuses a wrong one. */
export async function accountWithPassword(db: Db, userId: string, currentPassword: string) {
  const [account] = await db
    .select({
      id: users.id,
      userId: users.userId,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      locale: users.locale,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!account) throw new AppError('not_found');
  if (!(await verifyPassword(currentPassword, account.passwordHash))) {
    throw new AppError('invalid', 'errors.correctFields', {
      fieldErrors: { currentPassword: 'errors.notCurrentPassword' },
    });
  }
  return account;
}

/** Ends every session of the account except the one making the change. */
export async function endOtherSessions(
  db: Db,
  userId: string,
  keepSessionId: string,
  reason: 'password_changed' | 'signed_out',
  now = new Date(),
): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(
      and(eq(sessions.userId, userId), isNull(sessions.endedAt), ne(sessions.id, keepSessionId)),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

export async function changePassword(
  db: Db,
  userId: string,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
  now = new Date(),
): Promise<{ sessionsEnded: number; mail: OutgoingMail }> {
  const account = await accountWithPassword(db, userId, input.currentPassword);
  const problem = await newPasswordProblem(input.newPassword, account);
  if (problem)
    throw new AppError('invalid', 'errors.chooseAnotherPassword', {
      fieldErrors: { newPassword: problem },
    });
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: now })
    .where(eq(users.id, userId));
  const sessionsEnded = await endOtherSessions(
    db,
    userId,
    currentSessionId,
    'password_changed',
    now,
  );
  return {
    sessionsEnded,
    mail: {
      ...passwordChangedMessage(savedLocale(account.locale), account.firstName),
      to: account.email,
      idempotencyKey: `password-changed:${userId}:${now.getTime()}`,
    },
  };
}

/**
 * Starts moving the account to a new address: it takes effect only when the new address proves
 * itself by link, and the old address is told.
 */
export async function requestEmailChange(
  db: Db,
  userId: string,
  input: { currentPassword: string; newEmail: string },
  now = new Date(),
): Promise<OutgoingMail[]> {
  const account = await accountWithPassword(db, userId, input.currentPassword);
  const newEmail = input.newEmail.trim();
  if (newEmail.toLowerCase() === account.email.toLowerCase()) {
    throw new AppError('invalid', 'errors.correctFields', {
      fieldErrors: { newEmail: 'errors.emailAlreadyYours' },
    });
  }
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, newEmail.toLowerCase()));
  if (taken)
    throw new AppError('conflict', 'errors.correctFields', {
      fieldErrors: { newEmail: 'errors.emailCannotBeUsed' },
    });
  const token = newSecretToken();
  const [row] = await db
    .insert(emailVerifications)
    .values({
      userId,
      email: newEmail,
      purpose: 'change',
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_HOURS * 3600_000),
    })
    .returning({ id: emailVerifications.id });
  const url = new URL('/verify-email', env().PUBLIC_URL);
  url.searchParams.set('token', token);
  return [
    {
      ...emailChangeConfirmMessage(savedLocale(account.locale), account.firstName, url.toString()),
      to: newEmail,
      idempotencyKey: `email-change:${row!.id}`,
    },
    {
      ...emailChangeNoticeMessage(savedLocale(account.locale), account.firstName),
      to: account.email,
      idempotencyKey: `email-change-notice:${row!.id}`,
    },
  ];
}

export async function changeHint(
  db: Db,
  userId: string,
  input: { currentPassword: string; hintQuestion: HintQuestionId; hintAnswer: string },
): Promise<void> {
  await accountWithPassword(db, userId, input.currentPassword);
  await db
    .update(users)
    .set({
      hintQuestion: input.hintQuestion,
      hintAnswerHash: await hashHintAnswer(input.hintAnswer),
    })
    .where(eq(users.id, userId));
}

export async function listRecentSignIns(db: Db, userId: string, limit = 10) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      ipAddress: sessions.ipAddress,
      userAgent: sessions.userAgent,
      endedAt: sessions.endedAt,
      endReason: sessions.endReason,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.createdAt))
    .limit(limit);
}

/**
 * Browser and system ("Chrome", "Android"): enough to recognise a device, from its user agent.
 * Product names are not translated; null is one the portal does not recognise, which the page
 * words in the reader's language. No user agent at all is null.
 */
export function describeDevice(
  userAgent: string | null,
): { browser: string | null; system: string | null } | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /iPhone/.test(userAgent)
    ? 'iPhone'
    : /iPad/.test(userAgent)
      ? 'iPad'
      : /Android/.test(userAgent)
        ? 'Android'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Mac OS X/.test(userAgent)
            ? 'Mac'
            : /Linux/.test(userAgent)
              ? 'Linux'
              : null;
  return { browser, system };
}
