import { randomUUID } from 'node:crypto';
import { desc } from 'drizzle-orm';
import type { Db } from '@/db';
import { mailOutbox } from '@/db/schema';

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
