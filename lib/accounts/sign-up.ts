import { eq, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import { hashHintAnswer, hashPassword } from '@/lib/auth/password';
import { AppError, isUniqueViolation } from '@/lib/errors';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { createEmailVerification } from './email-verification';
import { estimatePasswordStrength, MIN_PASSWORD_SCORE } from './password-strength';
import type { SignUpInput } from './schemas';

const takenUserId = 'That User ID is already taken. Please choose another.';
// Saying an email is registered tells a stranger who has an account; say only what to do.
const takenEmail = 'This email cannot be used for a new account. If you already have an account, sign in or use "I forgot my password".';

export function weakPasswordMessage(password: string, userInputs: string[]): string | null {
  const strength = estimatePasswordStrength(password, userInputs);
  if (strength.score >= MIN_PASSWORD_SCORE) return null;
  const hint = strength.feedback.warning ? ` ${strength.feedback.warning}` : '';
  return `This password is too easy to guess.${hint} Try a longer phrase of unrelated words.`;
}

/** Creates a parent account and returns the verification email to queue in the same transaction. */
export async function createParentAccount(db: Db, input: SignUpInput): Promise<{ userId: string; mail: OutgoingMail }> {
  const weak = weakPasswordMessage(input.password, [input.userId, input.email, input.firstName, input.lastName]);
  if (weak) throw new AppError('invalid', 'Please choose a stronger password.', { fieldErrors: { password: weak } });

  const clash = await db
    .select({ userId: users.userId, email: users.email })
    .from(users)
    .where(or(eq(sql`lower(${users.userId})`, input.userId.toLowerCase()), eq(sql`lower(${users.email})`, input.email.toLowerCase())));
  const fieldErrors: Record<string, string> = {};
  if (clash.some((row) => row.userId.toLowerCase() === input.userId.toLowerCase())) fieldErrors.userId = takenUserId;
  if (clash.some((row) => row.email.toLowerCase() === input.email.toLowerCase())) fieldErrors.email = takenEmail;
  if (Object.keys(fieldErrors).length) throw new AppError('conflict', 'Please correct the highlighted fields.', { fieldErrors });

  const [passwordHash, hintAnswerHash] = await Promise.all([hashPassword(input.password), hashHintAnswer(input.hintAnswer)]);
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
    const mail = await createEmailVerification(db, { id: user.id, email: input.email, firstName: input.firstName });
    return { userId: user.id, mail };
  } catch (error) {
    // Two sign-ups racing for the same User ID or email: the unique index decides.
    if (isUniqueViolation(error, 'users_user_id_lower_key')) throw new AppError('conflict', 'Please correct the highlighted fields.', { fieldErrors: { userId: takenUserId } });
    if (isUniqueViolation(error, 'users_email_lower_key')) throw new AppError('conflict', 'Please correct the highlighted fields.', { fieldErrors: { email: takenEmail } });
    throw error;
  }
}
