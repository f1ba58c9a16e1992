import 'server-only';

import { and, eq, or, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { users } from '@/db/schema';
import { hashHintAnswer, hashPassword } from '@/lib/auth/password';
import { env } from '@/lib/env';
import { AppError, isUniqueViolation } from '@/lib/errors';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { signUpEmailTakenMessage } from '@/lib/mail/templates';

import { createEmailVerification } from './email-verification';
import { estimatePasswordStrength, MIN_PASSWORD_SCORE } from './password-strength';
import type { SignUpInput } from './schemas';

const takenUserId = 'That User ID is already taken. Please choose another.';
// Only for two sign-ups racing for the same new address; an address already on file is never named (below).
const takenEmail =
  'This email cannot be used for a new account. If you already have an account, sign in or use "I forgot my password".';

export function weakPasswordMessage(password: string, userInputs: string[]): string | null {
  const strength = estimatePasswordStrength(password, userInputs);
  if (strength.score >= MIN_PASSWORD_SCORE) return null;
  const hint = strength.feedback.warning ? ` ${strength.feedback.warning}` : '';
  return `This password is too easy to guess.${hint} Try a longer phrase of unrelated words.`;
}

export type SignUpOutcome =
  /** A new account, and the email that confirms its address. */
  | { created: true; userId: string; mail: OutgoingMail }
  /** The address already has an account: nothing is created, and its owner is emailed instead. */
  | { created: false; existingUserId: string; mail: OutgoingMail };

/**
 * Creates a parent account and returns the email to queue in the same transaction. An email
 * address that already has an account gets the same answer as a new one, so the page cannot be
 * used to learn who has an account; the owner is told by email. A User ID must be unique and is
 * chosen on this page, so a taken one has to be named.
 */
export async function createParentAccount(
  db: Db,
  input: SignUpInput,
  now = new Date(),
): Promise<SignUpOutcome> {
  const weak = weakPasswordMessage(input.password, [
    input.userId,
    input.email,
    input.firstName,
    input.lastName,
  ]);
  if (weak)
    throw new AppError('invalid', 'Please choose a stronger password.', {
      fieldErrors: { password: weak },
    });

  // Hashed before anything is looked up: an address already on file takes as long to answer as a new one.
  const [passwordHash, hintAnswerHash] = await Promise.all([
    hashPassword(input.password),
    hashHintAnswer(input.hintAnswer),
  ]);

  const clash = await db
    .select({
      id: users.id,
      kind: users.kind,
      userId: users.userId,
      email: users.email,
      firstName: users.firstName,
    })
    .from(users)
    .where(
      or(
        // Only parents' User IDs: a staff member's is in another namespace and never named here.
        and(eq(users.kind, 'parent'), eq(sql`lower(${users.userId})`, input.userId.toLowerCase())),
        eq(sql`lower(${users.email})`, input.email.toLowerCase()),
      ),
    );
  if (
    clash.some(
      (row) => row.kind === 'parent' && row.userId.toLowerCase() === input.userId.toLowerCase(),
    )
  ) {
    throw new AppError('conflict', 'Please correct the highlighted fields.', {
      fieldErrors: { userId: takenUserId },
    });
  }
  const owner = clash.find((row) => row.email.toLowerCase() === input.email.toLowerCase());
  if (owner) {
    const loginUrl = new URL(
      owner.kind === 'staff' ? '/staff/login' : '/login',
      env().PUBLIC_URL,
    ).toString();
    // One such email an hour per account: a stranger repeating the sign-up cannot flood the owner's inbox.
    const hour = Math.floor(now.getTime() / 3_600_000);
    return {
      created: false,
      existingUserId: owner.id,
      mail: {
        ...signUpEmailTakenMessage(owner.firstName, loginUrl, owner.kind),
        to: owner.email,
        idempotencyKey: `sign-up-email-taken:${owner.id}:${hour}`,
      },
    };
  }

  try {
    const [user] = await db
      .insert(users)
      .values({
        kind: 'parent',
        userId: input.userId,
        email: input.email,
        firstName: input.firstName,
        lastName: input.lastName,
        passwordHash,
        hintQuestion: input.hintQuestion,
        hintAnswerHash,
      })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned no row');
    const mail = await createEmailVerification(db, {
      id: user.id,
      email: input.email,
      firstName: input.firstName,
    });
    return { created: true, userId: user.id, mail };
  } catch (error) {
    // Two sign-ups racing for the same User ID or email: the unique index decides.
    if (isUniqueViolation(error, 'users_user_id_lower_key'))
      throw new AppError('conflict', 'Please correct the highlighted fields.', {
        fieldErrors: { userId: takenUserId },
      });
    if (isUniqueViolation(error, 'users_email_lower_key'))
      throw new AppError('conflict', 'Please correct the highlighted fields.', {
        fieldErrors: { email: takenEmail },
      });
    throw error;
  }
}
