import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import { replyToOffice } from '@/app/(portal)/inbox/actions';
import { sendSecureMessage } from '@/app/(portal)/services/message/actions';
import {
  addStaffNote,
  changeConversationCategory,
  closeConversation,
  replyToGuardian,
  writeToGuardian,
} from '@/app/staff/(office)/messages/actions';
import {
  auditEvents,
  conversations,
  guardianships,
  mailOutbox,
  messages,
  users,
} from '@/db/schema';
import { systemActor } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { enqueueMail } from '@/lib/mail/outbox';
import {
  countUnreadConversations,
  getGuardianConversation,
  listInbox,
  sendNewMessage,
} from '@/lib/messaging/parent';
import {
  getStaffConversation,
  listQueue,
  QUEUE_COUNT_CAP,
  queueCounts,
  replyAsStaff,
} from '@/lib/messaging/staff';

import {
  actAs,
  createChildLinkedTo,
  createParent,
  createStaffMember,
  openSession,
  testMeta,
  uniqueSuffix,
} from '../factories';
import { testDb } from '../setup/database';
import { TestRedirect } from '../setup/next-mocks';

const TODAY = '2026-01-15';

async function family() {
  const db = testDb();
  const parent = await createParent(db);
  const child = await createChildLinkedTo(db, parent.id);
  return { db, parent, child };
}

function newMessage(childId: string, category: 'clinical' | 'general' | 'billing' = 'clinical') {
  return {
    childId,
    category,
    subject: 'Rash on arm',
    body: 'It started yesterday. <script>alert(1)</script>',
    idempotencyKey: randomUUID(),
  };
}

async function sendAs(
  parentSession: Awaited<ReturnType<typeof openSession>>,
  input: ReturnType<typeof newMessage>,
) {
  actAs(parentSession);
  try {
    return await sendSecureMessage(input);
  } catch (error) {
    if (error instanceof TestRedirect) return { ok: true as const, location: error.location };
    throw error;
  }
}

beforeEach(() => actAs(null));

describe('sending and reading messages', () => {
  it('routes a question to its queue: billing staff never see a clinical conversation', async () => {
    const { db, parent, child } = await family();
    const sent = await sendNewMessage(db, parent.id, newMessage(child.id, 'clinical'), TODAY);
    const clinical = await createStaffMember(db, ['clinical']);
    const billing = await createStaffMember(db, ['billing']);
    expect(await getStaffConversation(db, ['clinical'], sent.conversationId)).not.toBeNull();
    expect(await getStaffConversation(db, ['billing'], sent.conversationId)).toBeNull();
    expect(await getStaffConversation(db, ['admin'], sent.conversationId)).not.toBeNull();
    const billingQueue = await listQueue(db, { id: billing.id, roles: ['billing'] }, 'open', '');
    expect(billingQueue.rows.map((r) => r.id)).not.toContain(sent.conversationId);
    const clinicalQueue = await listQueue(
      db,
      { id: clinical.id, roles: ['clinical'] },
      'unassigned',
      child.lastName,
    );
    expect(clinicalQueue.rows.map((r) => r.id)).toContain(sent.conversationId);

    // A billing user replying to it is told it does not exist.
    actAs(await openSession(db, billing));
    expect(
      await replyToGuardian({
        conversationId: sent.conversationId,
        body: 'Hello',
        idempotencyKey: randomUUID(),
      }),
    ).toEqual({ ok: false, formError: 'We could not find that page.' });
  });

  it('creates one conversation however many times the same form is submitted at once', async () => {
    const { db, parent, child } = await family();
    const input = newMessage(child.id);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => sendNewMessage(db, parent.id, input, TODAY)),
    );
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const rows = await db
      .select()
      .from(conversations)
      .where(eq(conversations.guardianUserId, parent.id));
    expect(rows).toHaveLength(1);
    expect(
      await db.select().from(messages).where(eq(messages.conversationId, rows[0]!.id)),
    ).toHaveLength(1);
  });

  it('refuses a message about a child the parent is not linked to, as not found', async () => {
    const { db, parent } = await family();
    const otherFamily = await family();
    const session = await openSession(db, parent);
    const result = await sendAs(session, newMessage(otherFamily.child.id));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { childId: 'Choose one of your linked children.' },
    });
    expect(
      await db.select().from(conversations).where(eq(conversations.childId, otherFamily.child.id)),
    ).toEqual([]);
  });

  it('keeps each guardian’s conversations to themselves, and a revoked guardian loses them at once', async () => {
    const { db, parent: guardianA, child } = await family();
    const guardianB = await createParent(db);
    await db
      .insert(guardianships)
      .values({ childId: child.id, guardianUserId: guardianB.id, relationship: 'Father' });
    const sent = await sendNewMessage(db, guardianA.id, newMessage(child.id), TODAY);
    expect(await getGuardianConversation(db, guardianB.id, sent.conversationId, TODAY)).toBeNull();
    expect((await listInbox(db, guardianB.id, TODAY)).rows).toEqual([]);
    expect(
      await getGuardianConversation(db, guardianA.id, sent.conversationId, TODAY),
    ).not.toBeNull();

    await db
      .update(guardianships)
      .set({ status: 'revoked', statusReason: 'test' })
      .where(eq(guardianships.guardianUserId, guardianA.id));
    expect(await getGuardianConversation(db, guardianA.id, sent.conversationId, TODAY)).toBeNull();
    expect((await listInbox(db, guardianA.id, TODAY)).rows).toEqual([]);
    actAs(await openSession(db, guardianA));
    expect(
      await replyToOffice({
        conversationId: sent.conversationId,
        body: 'Still there?',
        idempotencyKey: randomUUID(),
      }),
    ).toEqual({ ok: false, formError: 'We could not find that page.' });
  });

  it('lets the parent reply while the conversation is open, and refuses once the office closes it', async () => {
    const { db, parent, child } = await family();
    const sent = await sendNewMessage(db, parent.id, newMessage(child.id), TODAY);
    const clinical = await createStaffMember(db, ['clinical']);
    actAs(await openSession(db, parent));
    expect(
      (
        await replyToOffice({
          conversationId: sent.conversationId,
          body: 'It is spreading.',
          idempotencyKey: randomUUID(),
        })
      ).ok,
    ).toBe(true);
    actAs(await openSession(db, clinical));
    expect((await closeConversation({ conversationId: sent.conversationId })).ok).toBe(true);
    actAs(await openSession(db, parent));
    const refused = await replyToOffice({
      conversationId: sent.conversationId,
      body: 'One more thing',
      idempotencyKey: randomUUID(),
    });
    expect(refused).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/closed this conversation/),
    });
    expect(
      await db.select().from(messages).where(eq(messages.conversationId, sent.conversationId)),
    ).toHaveLength(2);
  });

  it('limits a parent to 20 new messages an hour, with a plain message', async () => {
    const { db, parent, child } = await family();
    const session = await openSession(db, parent);
    for (let i = 0; i < 20; i += 1)
      expect((await sendAs(session, newMessage(child.id))).ok).toBe(true);
    expect(await sendAs(session, newMessage(child.id))).toEqual({
      ok: false,
      formError: expect.stringMatching(/sent 20 messages in the last hour/),
    });
    expect(
      await db.select().from(conversations).where(eq(conversations.guardianUserId, parent.id)),
    ).toHaveLength(20);
  });
});

describe('the office queue', () => {
  it('counts each tab, stopping at the cap once years of closed conversations pile up', async () => {
    const { db, parent, child } = await family();
    const clinical = await createStaffMember(db, ['clinical']);
    const sent = await sendNewMessage(db, parent.id, newMessage(child.id, 'clinical'), TODAY);
    await db.execute(sql`insert into conversations (child_id, guardian_user_id, category, subject, status, started_by, closed_at)
      select ${child.id}, ${parent.id}, 'clinical', 'Old question ' || n, 'closed', 'parent', now() from generate_series(1, ${QUEUE_COUNT_CAP + 5}) n`);
    const counts = await queueCounts(db, { id: clinical.id, roles: ['clinical'] }, '');
    expect(counts.closed).toBe(QUEUE_COUNT_CAP + 1);
    expect(counts.open).toBeGreaterThanOrEqual(1);
    expect(counts.mine).toBe(0);
    // A search still narrows the counts (children are joined only then).
    const searched = await queueCounts(
      db,
      { id: clinical.id, roles: ['clinical'] },
      child.lastName,
    );
    expect(searched.open).toBe(1);
    expect(searched.closed).toBe(QUEUE_COUNT_CAP + 1);
    expect(
      (
        await listQueue(db, { id: clinical.id, roles: ['clinical'] }, 'open', child.lastName)
      ).rows.map((row) => row.id),
    ).toEqual([sent.conversationId]);
  });
});

describe('the office replies', () => {
  it('emails the guardian a notice with no child name, subject or text, in the same transaction as the reply', async () => {
    const { db, parent, child } = await family();
    const sent = await sendNewMessage(db, parent.id, newMessage(child.id), TODAY);
    const nurse = await createStaffMember(db, ['clinical']);
    actAs(await openSession(db, nurse));
    expect(
      await replyToGuardian({
        conversationId: sent.conversationId,
        body: 'Please send a photo.',
        idempotencyKey: randomUUID(),
      }),
    ).toEqual({ ok: true, data: null });
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, parent.email));
    expect(mail?.subject).toBe('You have a new secure message in your patient portal');
    for (const secret of [child.firstName, child.lastName, 'Rash', 'photo']) {
      expect(`${mail?.subject} ${mail?.textBody} ${mail?.htmlBody}`).not.toContain(secret);
    }
    expect(mail?.textBody).toContain('/login');
    expect(await countUnreadConversations(db, parent.id, TODAY)).toBe(1);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'message.replied'), eq(auditEvents.actorId, nurse.id)));
    expect(JSON.stringify(event?.metadata)).not.toContain('photo');
  });

  it('rolls back the reply and its email together', async () => {
    const { db, parent, child } = await family();
    const sent = await sendNewMessage(db, parent.id, newMessage(child.id), TODAY);
    const nurse = await createStaffMember(db, ['clinical']);
    const key = randomUUID();
    await expect(
      auditedTransaction(db, systemActor, testMeta, async ({ tx }) => {
        const reply = await replyAsStaff(
          tx,
          { id: nurse.id, roles: ['clinical'] },
          sent.conversationId,
          'Lost reply',
          key,
        );
        await enqueueMail(tx, reply.notice!);
        throw new Error('something failed after the reply');
      }),
    ).rejects.toThrow('something failed after the reply');
    expect(await db.select().from(messages).where(eq(messages.idempotencyKey, key))).toEqual([]);
    expect(
      await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, parent.email)),
    ).toEqual([]);
  });

  it('sends no email to a parent who turned them off', async () => {
    const { db, parent, child } = await family();
    await db.update(users).set({ messageEmails: false }).where(eq(users.id, parent.id));
    const front = await createStaffMember(db, ['front_desk']);
    const [link] = await db
      .select()
      .from(guardianships)
      .where(eq(guardianships.guardianUserId, parent.id));
    actAs(await openSession(db, front));
    try {
      await writeToGuardian({
        childId: child.id,
        guardianshipId: link!.id,
        category: 'general',
        subject: 'School form ready',
        body: 'Pick it up at the desk.',
        idempotencyKey: randomUUID(),
      });
    } catch (error) {
      if (!(error instanceof TestRedirect)) throw error;
    }
    expect((await listInbox(db, parent.id, TODAY)).rows.map((r) => r.subject)).toEqual([
      'School form ready',
    ]);
    expect(
      await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, parent.email)),
    ).toEqual([]);
  });

  it('keeps internal notes from the guardian, and moves a conversation between queues', async () => {
    const { db, parent, child } = await family();
    const sent = await sendNewMessage(db, parent.id, newMessage(child.id, 'general'), TODAY);
    const front = await createStaffMember(db, ['front_desk']);
    actAs(await openSession(db, front));
    expect(
      (
        await addStaffNote({
          conversationId: sent.conversationId,
          body: 'Mom sounded worried',
          idempotencyKey: randomUUID(),
        })
      ).ok,
    ).toBe(true);
    const seen = await getGuardianConversation(db, parent.id, sent.conversationId, TODAY);
    expect(seen?.messages.map((m) => m.body).join()).not.toContain('worried');
    expect(
      (
        await changeConversationCategory({
          conversationId: sent.conversationId,
          category: 'clinical',
        })
      ).ok,
    ).toBe(true);
    expect(await getStaffConversation(db, ['front_desk'], sent.conversationId)).toBeNull();
    expect(await getStaffConversation(db, ['clinical'], sent.conversationId)).not.toBeNull();
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'conversation.recategorized'),
          eq(auditEvents.targetId, sent.conversationId),
        ),
      );
    expect(event?.metadata).toMatchObject({ from: 'general', to: 'clinical' });
  });
});

it('stores message text exactly as typed', async () => {
  const { db, parent, child } = await family();
  const sent = await sendNewMessage(
    db,
    parent.id,
    { ...newMessage(child.id), body: `<img src=x onerror=alert(1)> & "quotes" ${uniqueSuffix()}` },
    TODAY,
  );
  const [row] = await db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, sent.conversationId));
  expect(row?.body).toMatch(/^<img src=x onerror=alert\(1\)> & "quotes" /);
});
