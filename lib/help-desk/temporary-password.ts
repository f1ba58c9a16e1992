import { createHash } from 'node:crypto';
import { and, eq, or, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { users } from '@/db/schema';
import { savedLocale } from '@/lib/accounts/language';
import { env } from '@/lib/env';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { claimTry } from '@/lib/rate-limit';
import { resetToTemporaryPassword } from '@/lib/staff/help-desk';

import { helpDeskTemporaryPasswordMessage } from './emails';

/**
 * New temporary passwords one account can be sent from the public Help Desk: two an hour and
 * four a day. Each one ends every session of the account, so a stranger repeating the request
 * could otherwise keep signing the parent out.
 */
const PER_HOUR = 2;
const PER_DAY = 4;

export type TemporaryPasswordOutcome =
  | 'issued'
  /** No parent account has this User ID or email, or it is disabled. */
  | 'no_account'
  /** A staff account: staff go to an administrator, never to the public Help Desk. */
  | 'staff'
  /** The account's Help Desk emails for the hour or day are used up. */
  | 'limited';

async function claimForAccount(db: Db, accountId: string, now: Date) {
  return (
    (await claimTry(db, `help-desk-password:hour:${accountId}`, PER_HOUR, 3600, now)) &&
    (await claimTry(db, `help-desk-password:day:${accountId}`, PER_DAY, 86_400, now))
  );
}

/** The same statements for a name that matches nothing, so both take as long. */
async function claimForUnknownName(db: Db, name: string, now: Date) {
  const digest = createHash('sha256').update(name).digest('base64url');
  await claimTry(db, `help-desk-password:hour:name:${digest}`, PER_HOUR, 3600, now);
  await claimTry(db, `help-desk-password:day:name:${digest}`, PER_DAY, 86_400, now);
}

/**
 * "Send me a new temporary password" (the lost letter): by User ID or email. The page answers
 * the same whatever happens here. If a parent account matches, its password becomes a new
 * temporary one (the old one, temporary or not, stops working; every session ends) and it is
 * emailed to the address on the account — never to an address typed in the form.
 */
export async function requestTemporaryPassword(
  db: Db,
  identifier: string,
  now = new Date(),
): Promise<{
  accountId: string | null;
  outcome: TemporaryPasswordOutcome;
  mail: OutgoingMail | null;
}> {
  const name = identifier.trim().toLowerCase();
  const matches = await db
    .select({
      id: users.id,
      kind: users.kind,
      userId: users.userId,
      email: users.email,
      firstName: users.firstName,
      disabledAt: users.disabledAt,
      locale: users.locale,
    })
    .from(users)
    .where(
      or(
        // Staff User IDs are a namespace of their own: only a parent's is looked up by User ID.
        and(eq(users.kind, 'parent'), eq(sql`lower(${users.userId})`, name)),
        eq(sql`lower(${users.email})`, name),
      ),
    )
    .for('update');
  const parent = matches.find((row) => row.kind === 'parent' && !row.disabledAt);
  if (!parent) {
    await claimForUnknownName(db, name, now);
    const staff = matches.find((row) => row.kind === 'staff');
    return staff
      ? { accountId: staff.id, outcome: 'staff', mail: null }
      : { accountId: null, outcome: 'no_account', mail: null };
  }
  if (!(await claimForAccount(db, parent.id, now)))
    return { accountId: parent.id, outcome: 'limited', mail: null };

  const { password, expiresAt } = await resetToTemporaryPassword(db, parent.id, now);
  const locale = savedLocale(parent.locale);
  return {
    accountId: parent.id,
    outcome: 'issued',
    mail: {
      ...helpDeskTemporaryPasswordMessage(locale, {
        firstName: parent.firstName,
        userId: parent.userId,
        password,
        expiresAt,
        loginUrl: new URL('/login', env().PUBLIC_URL).toString(),
      }),
      to: parent.email,
      idempotencyKey: `help-desk-password:${parent.id}:${now.getTime()}`,
    },
  };
}
