import 'server-only';

import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { emailVerifications, users } from '@/db/schema';
import { savedLocale } from '@/lib/accounts/language';
import { hashToken, newSecretToken } from '@/lib/auth/tokens';
import { env } from '@/lib/env';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { verifyEmailMessage } from '@/lib/mail/templates';

export const EMAIL_VERIFICATION_HOURS = 48;

/** Creates a single-use link and returns the email to queue. The link is built from PUBLIC_URL, never from request headers. */
export async function createEmailVerification(
  db: Db,
  user: { id: string; email: string; firstName: string; locale: string | null },
  now = new Date(),
): Promise<OutgoingMail> {
  const token = newSecretToken();
  const [row] = await db
    .insert(emailVerifications)
    .values({
      userId: user.id,
      email: user.email,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_HOURS * 3600_000),
    })
    .returning({ id: emailVerifications.id });
  const url = new URL('/verify-email', env().PUBLIC_URL);
  url.searchParams.set('token', token);
  return {
    ...verifyEmailMessage(savedLocale(user.locale), user.firstName, url.toString()),
    to: user.email,
    idempotencyKey: `verify-email:${row?.id}`,
  };
}

export type VerifyEmailOutcome =
  { verified: true; userId: string; changed: boolean } | { verified: false };

/**
 * Redeemed in one statement so a link clicked twice, or in two tabs, is used once. A "verify"
 * link confirms the address the account has; a "change" link moves the account to its address.
 */
export async function confirmEmail(
  db: Db,
  token: string,
  now = new Date(),
): Promise<VerifyEmailOutcome> {
  const [used] = await db
    .update(emailVerifications)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailVerifications.tokenHash, hashToken(token)),
        isNull(emailVerifications.usedAt),
        gt(emailVerifications.expiresAt, now),
      ),
    )
    .returning({
      userId: emailVerifications.userId,
      email: emailVerifications.email,
      purpose: emailVerifications.purpose,
    });
  if (!used) return { verified: false };
  if (used.purpose === 'change') {
    // Someone else may have taken the address since the link was sent.
    const [taken] = await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(eq(sql`lower(${users.email})`, used.email.toLowerCase()), ne(users.id, used.userId)),
      );
    if (taken) return { verified: false };
    await db
      .update(users)
      .set({ email: used.email, emailVerifiedAt: now })
      .where(eq(users.id, used.userId));
    return { verified: true, userId: used.userId, changed: true };
  }
  // Only if the account still has the address the link was sent to.
  const updated = await db
    .update(users)
    .set({ emailVerifiedAt: now })
    .where(and(eq(users.id, used.userId), eq(users.email, used.email)))
    .returning({ id: users.id });
  return updated.length
    ? { verified: true, userId: used.userId, changed: false }
    : { verified: false };
}
