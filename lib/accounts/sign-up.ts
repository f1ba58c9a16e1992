import 'server-only';

import { and, eq, or, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { users } from '@/db/schema';
import { savedLocale } from '@/lib/accounts/language';
import { hashHintAnswer, hashPassword } from '@/lib/auth/password';
import { env } from '@/lib/env';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { defaultLocale, type Locale } from '@/lib/i18n/locales';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { signUpEmailTakenMessage } from '@/lib/mail/templates';

import { createEmailVerification } from './email-verification';
import { estimatePasswordStrength, MIN_PASSWORD_SCORE } from './password-strength';
import type { SignUpInput } from './schemas';

const takenUserId = 'errors.userIdTaken';
// Only for two sign-ups racing for the same new address; an address already on file is never named (below).
const takenEmail = 'errors.emailNotUsable';

/**
 * A catalog key when the password is too easy to guess, else null. The strength meter beside
 * the field already names the pattern (zxcvbn's warning) in the reader's language.
 */
export function weakPasswordMessage(password: string, userInputs: string[]): string | null {
  const strength = estimatePasswordStrength(password, userInputs);
  return strength.score >= MIN_PASSWORD_SCORE ? null : 'validation.passwordTooEasy';
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
 * chosen on this page, so a taken one has to be named. The account keeps the language the page
 * was read in (`locale`): its confirmation email and every later one go in it.
 */
export async function createParentAccount(
  db: Db,
  input: SignUpInput,
  locale: Locale = defaultLocale,
  now = new Date(),
): Promise<SignUpOutcome> {
  const weak = weakPasswordMessage(input.password, [
    input.userId,
    input.email,
    input.firstName,
    input.lastName,
  ]);
  if (weak)
    throw new AppError('invalid', 'errors.chooseStrongerPassword', {
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
      locale: users.locale,
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
    throw new AppError('conflict', 'errors.correctFields', {
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
        // The owner's language, not the stranger's.
        ...signUpEmailTakenMessage(
          savedLocale(owner.locale),
          owner.firstName,
          loginUrl,
          owner.kind,
        ),
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
        locale,
      })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned no row');
    const mail = await createEmailVerification(db, {
      id: user.id,
      email: input.email,
      firstName: input.firstName,
      locale,
    });
    return { created: true, userId: user.id, mail };
  } catch (error) {
    // Two sign-ups racing for the same User ID or email: the unique index decides.
    if (isUniqueViolation(error, 'users_user_id_lower_key'))
      throw new AppError('conflict', 'errors.correctFields', {
        fieldErrors: { userId: takenUserId },
      });
    if (isUniqueViolation(error, 'users_email_lower_key'))
      throw new AppError('conflict', 'errors.correctFields', {
        fieldErrors: { email: takenEmail },
      });
    throw error;
  }
}
