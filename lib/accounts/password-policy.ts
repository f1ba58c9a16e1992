import 'server-only';

import { verifyPassword } from '@/lib/auth/password';

import { passwordContainsIdentity } from './schemas';
import { weakPasswordMessage } from './sign-up';

/**
 * The sign-up rules for any new password (reset, change, temporary): not guessable, not the
 * User ID or email, and not the password the account has now. Returns a message for the field.
 */
export async function newPasswordProblem(
  password: string,
  account: {
    userId: string;
    email: string;
    firstName: string;
    lastName: string;
    passwordHash: string;
  },
): Promise<string | null> {
  if (passwordContainsIdentity(password, account.userId, account.email))
    return 'Your password must not contain your User ID or email.';
  const weak = weakPasswordMessage(password, [
    account.userId,
    account.email,
    account.firstName,
    account.lastName,
  ]);
  if (weak) return weak;
  if (await verifyPassword(password, account.passwordHash))
    return 'Choose a password different from the one you have now.';
  return null;
}
