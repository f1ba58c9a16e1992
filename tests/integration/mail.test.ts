import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { mailOutbox } from '@/db/schema';
import { systemActor } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { dispatchPendingMail, MAX_MAIL_ATTEMPTS, retryDelayMs } from '@/lib/mail/dispatcher';
import { enqueueMail } from '@/lib/mail/outbox';
import { localTransport, type MailMessage, type MailTransport } from '@/lib/mail/transports';

import { testMeta, uniqueSuffix } from '../factories';
import { testDb } from '../setup/database';

function message(key: string) {
  return {
    template: 'test',
    to: `${key}@example.org`,
    subject: 'Something is waiting in your portal',
    text: 'Please sign in.',
    html: '<p>Please sign in.</p>',
    idempotencyKey: key,
  };
}

describe('the mail outbox', () => {
  it('sends nothing when the change that queued it rolls back', async () => {
    const key = `rollback-${uniqueSuffix()}`;
    await expect(
      auditedTransaction(testDb(), systemActor, testMeta, async ({ tx }) => {
        await enqueueMail(tx, message(key));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(
      await testDb().select().from(mailOutbox).where(eq(mailOutbox.idempotencyKey, key)),
    ).toEqual([]);
  });

  it('queues one email per idempotency key and delivers it locally without Resend', async () => {
    const key = `local-${uniqueSuffix()}`;
    await enqueueMail(testDb(), message(key));
    await enqueueMail(testDb(), message(key));
    await dispatchPendingMail(testDb(), localTransport);
    const rows = await testDb().select().from(mailOutbox).where(eq(mailOutbox.idempotencyKey, key));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'delivered_locally', attempts: 1 });
  });

  it('retries a failed send later with the same idempotency key, then gives up', async () => {
    const key = `retry-${uniqueSuffix()}`;
    await enqueueMail(testDb(), message(key));
    const seenKeys: string[] = [];
    const failing: MailTransport = {
      name: 'resend',
      async send(mail: MailMessage) {
        seenKeys.push(mail.idempotencyKey);
        throw new Error('provider timed out');
      },
    };
    // A second ahead: the row's own timestamp has microseconds, a JavaScript Date only milliseconds.
    let now = new Date(Date.now() + 1000);
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt += 1) {
      await dispatchPendingMail(testDb(), failing, now);
      // Not due again until its back-off has passed.
      await dispatchPendingMail(testDb(), failing, now);
      now = new Date(now.getTime() + retryDelayMs(attempt) + 1000);
    }
    const [row] = await testDb()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.idempotencyKey, key));
    expect(row).toMatchObject({
      status: 'failed',
      attempts: MAX_MAIL_ATTEMPTS,
      lastError: 'provider timed out',
    });
    expect(seenKeys.filter((k) => k === key)).toHaveLength(MAX_MAIL_ATTEMPTS);
  });

  it('marks mail sent through a provider with its message id', async () => {
    const key = `sent-${uniqueSuffix()}`;
    await enqueueMail(testDb(), message(key));
    const provider: MailTransport = {
      name: 'resend',
      send: async () => ({ providerMessageId: 'msg_123' }),
    };
    await dispatchPendingMail(testDb(), provider);
    const [row] = await testDb()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.idempotencyKey, key));
    expect(row).toMatchObject({ status: 'sent', providerMessageId: 'msg_123' });
  });
});
