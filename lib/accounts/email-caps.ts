import 'server-only';

import { createHash } from 'node:crypto';

import type { Db } from '@/db';
import { claimTry } from '@/lib/rate-limit';

/**
 * Emails of one kind to one account in an hour. Confirmation links match the five an hour the
 * dashboard's "send it again" button already allowed to the signed-in owner.
 */
export const ACCOUNT_EMAILS_PER_HOUR = {
  'password-reset': 3,
  'user-id-reminder': 3,
  'email-verification': 5,
} as const;

/**
 * Claims one of the account's emails of this kind for the hour, in one statement. Per account,
 * not per address: however many addresses ask, the owner's inbox is not flooded.
 */
export function claimAccountEmail(
  db: Db,
  kind: keyof typeof ACCOUNT_EMAILS_PER_HOUR,
  userId: string,
  now = new Date(),
): Promise<boolean> {
  return claimTry(db, `account-email:${kind}:${userId}`, ACCOUNT_EMAILS_PER_HOUR[kind], 3600, now);
}

/**
 * The same statement for a name that matches no account, so that asking about one takes as long
 * as asking about a real account (the page already answers alike). Keyed by a hash of the name.
 */
export function claimEmailForUnknownName(
  db: Db,
  kind: keyof typeof ACCOUNT_EMAILS_PER_HOUR,
  name: string,
  now = new Date(),
): Promise<boolean> {
  const digest = createHash('sha256').update(name.trim().toLowerCase()).digest('base64url');
  return claimTry(
    db,
    `account-email:${kind}:name:${digest}`,
    ACCOUNT_EMAILS_PER_HOUR[kind],
    3600,
    now,
  );
}
