import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { UndeliveredMail } from '@/app/staff/(office)/_components/undelivered-mail';
import { retryUndeliveredEmail } from '@/app/staff/(office)/actions';
import StaffHomePage from '@/app/staff/(office)/page';
import { auditEvents, mailOutbox } from '@/db/schema';
import { dispatchPendingMail, MAX_MAIL_ATTEMPTS, retryDelayMs } from '@/lib/mail/dispatcher';
import { enqueueMail, listUndeliveredMail } from '@/lib/mail/outbox';
import { resendTransport, type MailTransport } from '@/lib/mail/transports';

import { actAs, createStaffMember, openSession, uniqueSuffix } from '../factories';
import { testDb } from '../setup/database';
import { findElement } from '../setup/server-tree';

/**
 * The mail provider misbehaving: errors, rate limits, timeouts, and the portal dying between
 * sending and recording it. A real HTTP server stands in for Resend's API (the real SDK talks
 * to it), answering as each test scripts and, like Resend, sending each idempotency key once.
 */
type Answer = 'http500' | 'http429' | 'deliver-then-hang' | 'deliver';

const fake = {
  server: undefined as Server | undefined,
  url: '',
  script: [] as Answer[],
  /** Idempotency key → the provider's email id, once delivered. */
  delivered: new Map<string, string>(),
  /** Every actual delivery, by key: exactly once per key is the property. */
  deliveries: [] as string[],
  requests: 0,
};

beforeAll(async () => {
  fake.server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      fake.requests += 1;
      const key = String(request.headers['idempotency-key'] ?? '');
      const answer = fake.script.shift() ?? 'deliver';
      const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(payload));
      };
      if (request.method !== 'POST' || request.url !== '/emails' || !key || !JSON.parse(body).to)
        return json(422, { name: 'validation_error', message: 'bad request', statusCode: 422 });
      if (answer === 'http500')
        return json(500, {
          name: 'internal_server_error',
          message: 'Something broke',
          statusCode: 500,
        });
      if (answer === 'http429')
        return json(
          429,
          { name: 'rate_limit_exceeded', message: 'Too many requests', statusCode: 429 },
          { 'retry-after': '1' },
        );
      if (!fake.delivered.has(key)) {
        fake.delivered.set(key, randomUUID());
        fake.deliveries.push(key);
      }
      const answerWithId = () => json(200, { id: fake.delivered.get(key) });
      if (answer === 'deliver-then-hang') setTimeout(answerWithId, 3_000);
      else answerWithId();
    });
  });
  await new Promise<void>((resolve) => fake.server!.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  fake.server?.closeAllConnections();
  await new Promise((resolve) => fake.server?.close(resolve));
});

beforeEach(() => {
  fake.script = [];
  actAs(null);
});

const resend = () =>
  resendTransport('re_test_key', 'Portal <portal@example.org>', {
    baseUrl: fake.url,
    timeoutMs: 500,
  });

async function queueOne(): Promise<string> {
  const key = `fault-${uniqueSuffix()}`;
  await enqueueMail(testDb(), {
    template: 'test_notice',
    to: `parent-${key}@example.org`,
    subject: 'You have a new secure message',
    text: 'Please sign in.',
    html: '<p>Please sign in.</p>',
    idempotencyKey: key,
  });
  return key;
}

async function rowOf(key: string) {
  const [row] = await testDb().select().from(mailOutbox).where(eq(mailOutbox.idempotencyKey, key));
  return row!;
}

/** Dispatches once at `at`, and returns the next time the row is due. */
async function attempt(transport: MailTransport, key: string, at: Date): Promise<Date> {
  await dispatchPendingMail(testDb(), transport, at, 1);
  const row = await rowOf(key);
  return new Date(Math.max(at.getTime(), row.nextAttemptAt.getTime()) + 1_000);
}

describe('the mail provider failing', () => {
  it('survives a 500, a 429 and a timeout, and delivers the email exactly once', async () => {
    const key = await queueOne();
    fake.script = ['http500', 'http429', 'deliver-then-hang', 'deliver'];
    let at = new Date(Date.now() + 1_000);
    at = await attempt(resend(), key, at);
    expect(await rowOf(key)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('HTTP 500'),
    });
    at = await attempt(resend(), key, at);
    expect(await rowOf(key)).toMatchObject({
      status: 'pending',
      attempts: 2,
      lastError: expect.stringContaining('HTTP 429'),
    });
    // The provider sends it but answers too late: the portal cannot know, and tries again.
    at = await attempt(resend(), key, at);
    expect(await rowOf(key)).toMatchObject({ status: 'pending', attempts: 3 });
    expect(fake.deliveries.filter((delivered) => delivered === key)).toHaveLength(1);
    // The retry carries the same idempotency key, so the provider answers with the same email.
    await attempt(resend(), key, at);
    expect(await rowOf(key)).toMatchObject({
      status: 'sent',
      attempts: 4,
      providerMessageId: fake.delivered.get(key),
      lastError: null,
    });
    expect(fake.deliveries.filter((delivered) => delivered === key)).toHaveLength(1);
  });

  it('delivers exactly once when the portal fails between sending and recording it', async () => {
    const key = await queueOne();
    const crashAfterSending: MailTransport = {
      name: 'resend',
      async send(message) {
        await resend().send(message);
        throw new Error('the process died after the provider accepted the email');
      },
    };
    const at = await attempt(crashAfterSending, key, new Date(Date.now() + 1_000));
    expect(await rowOf(key)).toMatchObject({ status: 'pending' });
    await attempt(resend(), key, at);
    expect(await rowOf(key)).toMatchObject({
      status: 'sent',
      providerMessageId: fake.delivered.get(key),
    });
    expect(fake.deliveries.filter((delivered) => delivered === key)).toHaveLength(1);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'delivers exactly once when the dispatcher’s connection dies after the provider accepted the email',
    async () => {
      const key = await queueOne();
      let sent!: () => void;
      const wasSent = new Promise<void>((resolve) => (sent = resolve));
      const sendsThenStalls: MailTransport = {
        name: 'resend',
        async send(message) {
          await resend().send(message);
          sent();
          return new Promise(() => {});
        },
      };
      const stalled = dispatchPendingMail(
        testDb(),
        sendsThenStalls,
        new Date(Date.now() + 1_000),
        1,
      ).then(
        () => 'finished',
        () => 'failed',
      );
      await wasSent;
      // The server dies while the row is claimed: its transaction never commits.
      const [dispatcher] = (await testDb().execute(sql`
      select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'
    `)) as unknown as { pid: number }[];
      expect(dispatcher).toBeDefined();
      await testDb().execute(sql`select pg_terminate_backend(${dispatcher!.pid})`);
      await Promise.race([stalled, new Promise((resolve) => setTimeout(resolve, 200))]);
      expect(await rowOf(key)).toMatchObject({ status: 'pending', attempts: 0 });

      await dispatchPendingMail(testDb(), resend(), new Date(Date.now() + 2_000), 5);
      expect(await rowOf(key)).toMatchObject({
        status: 'sent',
        providerMessageId: fake.delivered.get(key),
      });
      expect(fake.deliveries.filter((delivered) => delivered === key)).toHaveLength(1);
    },
  );

  it('marks an email failed after the retry window and shows it to administrators, who can send it again', async () => {
    const key = await queueOne();
    fake.script = Array.from({ length: MAX_MAIL_ATTEMPTS }, () => 'http500' as const);
    let at = new Date(Date.now() + 1_000);
    for (let tries = 1; tries <= MAX_MAIL_ATTEMPTS; tries += 1)
      at = await attempt(resend(), key, at);
    const failed = await rowOf(key);
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    // About six hours of retries before giving up.
    const window = Array.from({ length: MAX_MAIL_ATTEMPTS - 1 }, (_, index) =>
      retryDelayMs(index + 1),
    ).reduce((sum, delay) => sum + delay, 0);
    expect(window).toBeGreaterThan(5 * 3600_000);
    expect(fake.deliveries).not.toContain(key);

    expect((await listUndeliveredMail(testDb())).rows.map((row) => row.id)).toContain(failed.id);
    const admin = await createStaffMember(testDb(), ['admin']);
    actAs(await openSession(testDb(), admin));
    const page = await StaffHomePage();
    const shown = findElement(page, UndeliveredMail);
    expect(shown?.props.rows.map((row) => row.id)).toContain(failed.id);

    actAs(await openSession(testDb(), await createStaffMember(testDb(), ['front_desk'])));
    expect(findElement(await StaffHomePage(), UndeliveredMail)).toBeUndefined();
    expect(await retryUndeliveredEmail({ mailId: failed.id })).toMatchObject({ ok: false });

    actAs(await openSession(testDb(), admin));
    expect(await retryUndeliveredEmail({ mailId: failed.id })).toEqual({ ok: true, data: null });
    expect(await retryUndeliveredEmail({ mailId: failed.id })).toMatchObject({
      ok: false,
      formError: expect.stringContaining('no longer waiting'),
    });
    const [retried] = await testDb()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, failed.id));
    expect(retried).toMatchObject({ action: 'mail.retried', actorId: admin.id });
    await dispatchPendingMail(testDb(), resend(), new Date(Date.now() + 2_000), 5);
    expect(await rowOf(key)).toMatchObject({ status: 'sent' });
    expect(fake.deliveries.filter((delivered) => delivered === key)).toHaveLength(1);
  });
});
