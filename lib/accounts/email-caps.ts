import type { Db } from '@/db';
import { claimTry } from '@/lib/rate-limit';

/** Emails of one kind (reset links, confirmation links, User ID reminders) to one account in an hour. */
export const ACCOUNT_EMAILS_PER_HOUR = 3;

/**
 * Claims one of the account's emails of this kind for the hour, in one statement. Per account,
 * not per address: however many addresses ask, the owner's inbox is not flooded.
 */
export function claimAccountEmail(
  db: Db,
  kind: 'password-reset' | 'email-verification' | 'user-id-reminder',
  userId: string,
  now = new Date(),
): Promise<boolean> {
  return claimTry(db, `account-email:${kind}:${userId}`, ACCOUNT_EMAILS_PER_HOUR, 3600, now);
}
