import 'server-only';

import { verifyPassword } from '@/lib/auth/password';

import { passwordContainsIdentity } from './schemas';
import { weakPasswordMessage } from './sign-up';

/**
 * The sign-up rules for any new password (reset, change, temporary): not guessable, not the
 * User ID or email, and not the password the account has now. Returns a catalog key for the field.
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
    return 'validation.passwordContainsIdentity';
  const weak = weakPasswordMessage(password, [
    account.userId,
    account.email,
    account.firstName,
    account.lastName,
  ]);
  if (weak) return weak;
  if (await verifyPassword(password, account.passwordHash)) return 'validation.passwordSameAsNow';
  return null;
}
