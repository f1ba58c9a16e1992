import 'server-only';

import { and, eq, lte, sql } from 'drizzle-orm';

import { getDb, type Database } from '@/db';
import { mailOutbox } from '@/db/schema';
import { describeError, log } from '@/lib/log';

import { configuredTransport, type MailTransport } from './transports';

export const MAX_MAIL_ATTEMPTS = 6;

/** 1, 4, 16, 64… minutes between attempts, capped at six hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(4 ** Math.max(attempts - 1, 0) * 60_000, 6 * 3600_000);
}

/**
 * Sends due emails. Each row is claimed with FOR UPDATE SKIP LOCKED inside its own short
 * transaction, so two app instances never send the same email and a slow provider holds no
 * lock on the others.
 */
export async function dispatchPendingMail(
  db: Database,
  transport: MailTransport = configuredTransport(),
  at?: Date,
  batchSize = 20,
): Promise<{ sent: number; failed: number }> {
  // "Due" is judged on the database's clock unless a test sets the time: a JavaScript Date has
  // only milliseconds, so mail queued a moment ago could otherwise look due a moment too late.
  const due = at ? lte(mailOutbox.nextAttemptAt, at) : lte(mailOutbox.nextAttemptAt, sql`now()`);
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < batchSize; i += 1) {
    const handled = await db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.actor_kind', 'system', true), set_config('app.request_id', 'mail-dispatcher', true)`,
      );
      const [row] = await tx
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.status, 'pending'), due))
        .orderBy(mailOutbox.nextAttemptAt)
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return 'none' as const;
      const now = at ?? new Date();
      try {
        const { providerMessageId } = await transport.send({
          to: row.toAddress,
          subject: row.subject,
          text: row.textBody,
          html: row.htmlBody,
          idempotencyKey: row.idempotencyKey,
        });
        await tx
          .update(mailOutbox)
          .set({
            status: transport.name === 'local' ? 'delivered_locally' : 'sent',
            attempts: row.attempts + 1,
            sentAt: new Date(),
            providerMessageId,
            lastError: null,
          })
          .where(eq(mailOutbox.id, row.id));
        return 'sent' as const;
      } catch (error) {
        const attempts = row.attempts + 1;
        const giveUp = attempts >= MAX_MAIL_ATTEMPTS;
        // The error text comes from the provider and names no recipient or content.
        // Given up: an error for the operators, and the row shows on the administrators' home page.
        log(giveUp ? 'error' : 'warn', giveUp ? 'mail_undeliverable' : 'mail_send_failed', {
          mailId: row.id,
          attempts,
          giveUp,
          ...describeError(error),
        });
        await tx
          .update(mailOutbox)
          .set({
            status: giveUp ? 'failed' : 'pending',
            attempts,
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
            lastError: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
          })
          .where(eq(mailOutbox.id, row.id));
        return 'failed' as const;
      }
    });
    if (handled === 'none') break;
    if (handled === 'sent') sent += 1;
    else failed += 1;
  }
  return { sent, failed };
}

/** Called after a response has been sent; a failure here only delays mail until the next run. */
export async function dispatchPendingMailSoon(): Promise<void> {
  try {
    await dispatchPendingMail(await getDb());
  } catch (error) {
    log('error', 'mail_dispatch_failed', describeError(error));
  }
}
