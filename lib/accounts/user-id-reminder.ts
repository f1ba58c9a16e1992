import 'server-only';

import { and, eq, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { users } from '@/db/schema';
import { mailRecipientColumns, savedLocale } from '@/lib/accounts/language';
import { env } from '@/lib/env';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { userIdReminderMessage } from '@/lib/mail/templates';

import { claimAccountEmail, claimEmailForUnknownName } from './email-caps';

/** The User ID goes only to the address on file; the page answers the same either way. */
export async function requestUserIdReminder(
  db: Db,
  email: string,
  requestId: string,
): Promise<{ userId: string | null; mail: OutgoingMail | null }> {
  const [account] = await db
    .select({ ...mailRecipientColumns, userId: users.userId })
    .from(users)
    .where(
      and(eq(users.kind, 'parent'), eq(sql`lower(${users.email})`, email.trim().toLowerCase())),
    );
  if (!account || account.disabledAt) {
    await claimEmailForUnknownName(db, 'user-id-reminder', email);
    return { userId: null, mail: null };
  }
  // Capped per account, answered the same: the page never says whether an email went.
  if (!(await claimAccountEmail(db, 'user-id-reminder', account.id)))
    return { userId: account.id, mail: null };
  const loginUrl = new URL('/login', env().PUBLIC_URL).toString();
  return {
    userId: account.id,
    mail: {
      ...userIdReminderMessage(
        savedLocale(account.locale),
        account.firstName,
        account.userId,
        loginUrl,
      ),
      to: account.email,
      idempotencyKey: `user-id-reminder:${requestId}`,
    },
  };
}
