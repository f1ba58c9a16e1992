import 'server-only';

import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';

import type { Db } from '@/db';
import { mailOutbox } from '@/db/schema';
import { AppError } from '@/lib/errors';

export interface OutgoingMail {
  template: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Same key, same email: retries and double submits never send twice. */
  idempotencyKey?: string;
}

/** Writes the email in the caller's transaction; the dispatcher sends it after commit. */
export async function enqueueMail(db: Db, mail: OutgoingMail): Promise<void> {
  await db
    .insert(mailOutbox)
    .values({
      idempotencyKey: mail.idempotencyKey ?? randomUUID(),
      template: mail.template,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
    })
    .onConflictDoNothing({ target: mailOutbox.idempotencyKey });
}

export async function listRecentMail(db: Db, limit = 20) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}

const UNDELIVERED_LIST_LIMIT = 50;

/**
 * Email the portal gave up on after its retries: shown to administrators on the office home
 * page, so that nobody waits for a message that will never arrive.
 */
export async function listUndeliveredMail(db: Db, limit = UNDELIVERED_LIST_LIMIT) {
  const rows = await db
    .select({
      id: mailOutbox.id,
      template: mailOutbox.template,
      toAddress: mailOutbox.toAddress,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.status, 'failed'))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** An administrator asks for another round of attempts, once the cause (a key, a domain) is fixed. */
export async function retryUndeliveredMail(
  db: Db,
  mailId: string,
  now = new Date(),
): Promise<{ template: string }> {
  const [row] = await db
    .update(mailOutbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, 'failed')))
    .returning({ template: mailOutbox.template });
  if (!row)
    throw new AppError(
      'not_found',
      'This email is no longer waiting: it was sent or already queued again.',
    );
  return row;
}
