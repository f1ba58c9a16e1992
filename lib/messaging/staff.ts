import 'server-only';

import { and, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import type { Db } from '@/db';
import { children, conversations, guardianships, messages, users } from '@/db/schema';
import { savedLocale } from '@/lib/accounts/language';
import { isMinorOn } from '@/lib/children/age';
import { AppError } from '@/lib/errors';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { countEach } from '@/lib/queue-counts';
import { childNameLike, matchEveryWord } from '@/lib/search';
import type { StaffRole } from '@/lib/staff/vocabulary';

import { categoriesFor } from './categories';
import { newMessageNotice } from './notify';
import type { Category, StartConversationInput } from './schemas';
import { startConversation as insertConversation } from './start';

const QUEUE_PAGE_SIZE = 25;
export const queueTabs = ['open', 'unassigned', 'mine', 'closed'] as const;
export type QueueTab = (typeof queueTabs)[number];

function tabCondition(tab: QueueTab, staffUserId: string): SQL {
  switch (tab) {
    case 'open':
      return eq(conversations.status, 'open');
    case 'unassigned':
      return and(eq(conversations.status, 'open'), isNull(conversations.assignedTo))!;
    case 'mine':
      return and(eq(conversations.status, 'open'), eq(conversations.assignedTo, staffUserId))!;
    case 'closed':
      return eq(conversations.status, 'closed');
  }
}

/** Staff see the queues of their roles only; anything else does not exist for them (404). */
function inQueuesOf(roles: readonly StaffRole[]): SQL {
  const categories = categoriesFor(roles);
  return categories.length ? inArray(conversations.category, categories) : sql`false`;
}

/** By the child's name or words of the subject. */
function searchCondition(search: string): SQL | undefined {
  return matchEveryWord(search, (pattern) =>
    or(childNameLike(pattern), ilike(conversations.subject, pattern))!,
  );
}

const guardian = alias(users, 'guardian');
const assignee = alias(users, 'assignee');

const unreadByStaff = sql<boolean>`exists (select 1 from ${messages} where ${messages.conversationId} = ${conversations.id}
  and ${messages.authorKind} = 'parent' and ${messages.readByStaffAt} is null)`;

export async function listQueue(
  db: Db,
  staff: { id: string; roles: StaffRole[] },
  tab: QueueTab,
  search: string,
  page = 1,
) {
  const rows = await db
    .select({
      id: conversations.id,
      subject: conversations.subject,
      category: conversations.category,
      status: conversations.status,
      lastMessageAt: conversations.lastMessageAt,
      childFirstName: children.firstName,
      childLastName: children.lastName,
      guardianFirstName: guardian.firstName,
      guardianLastName: guardian.lastName,
      assigneeFirstName: assignee.firstName,
      assigneeLastName: assignee.lastName,
      unread: unreadByStaff,
    })
    .from(conversations)
    .innerJoin(children, eq(children.id, conversations.childId))
    .innerJoin(guardian, eq(guardian.id, conversations.guardianUserId))
    .leftJoin(assignee, eq(assignee.id, conversations.assignedTo))
    .where(and(inQueuesOf(staff.roles), tabCondition(tab, staff.id), searchCondition(search)))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(QUEUE_PAGE_SIZE + 1)
    .offset((page - 1) * QUEUE_PAGE_SIZE);
  return { rows: rows.slice(0, QUEUE_PAGE_SIZE), hasMore: rows.length > QUEUE_PAGE_SIZE };
}

/**
 * The tabs' counts stop at QUEUE_COUNT_CAP ("999+"): exact counts of years of closed
 * conversations would cost a scan that grows with the practice's history on every queue page.
 */
export const QUEUE_COUNT_CAP = 999;

export async function queueCounts(
  db: Db,
  staff: { id: string; roles: StaffRole[] },
  search: string,
): Promise<Record<QueueTab, number>> {
  const searching = searchCondition(search);
  return countEach(queueTabs, async (tab) => {
    const matching = db.select({ one: sql`1` }).from(conversations);
    // Children are joined only when a search names them.
    const rows = (
      searching ? matching.innerJoin(children, eq(children.id, conversations.childId)) : matching
    )
      .where(and(inQueuesOf(staff.roles), tabCondition(tab, staff.id), searching))
      .limit(QUEUE_COUNT_CAP + 1)
      .as('matching');
    const [row] = await db.select({ n: count() }).from(rows);
    return row?.n ?? 0;
  });
}

/** The conversation with everything staff need: child, guardian, full thread with notes and read receipts. */
export async function getStaffConversation(
  db: Db,
  roles: readonly StaffRole[],
  conversationId: string,
) {
  const [conversation] = await db
    .select({
      id: conversations.id,
      subject: conversations.subject,
      category: conversations.category,
      status: conversations.status,
      createdAt: conversations.createdAt,
      assignedTo: conversations.assignedTo,
      childId: children.id,
      childFirstName: children.firstName,
      childLastName: children.lastName,
      childDateOfBirth: children.dateOfBirth,
      childMrn: children.mrn,
      guardianId: guardian.id,
      guardianFirstName: guardian.firstName,
      guardianLastName: guardian.lastName,
      guardianUserId: guardian.userId,
      assigneeFirstName: assignee.firstName,
      assigneeLastName: assignee.lastName,
    })
    .from(conversations)
    .innerJoin(children, eq(children.id, conversations.childId))
    .innerJoin(guardian, eq(guardian.id, conversations.guardianUserId))
    .leftJoin(assignee, eq(assignee.id, conversations.assignedTo))
    .where(and(eq(conversations.id, conversationId), inQueuesOf(roles)));
  if (!conversation) return null;
  return { ...conversation, messages: await staffThread(db, conversationId) };
}

const author = alias(users, 'author');

/**
 * A conversation's whole thread as staff read it, oldest first: messages, internal notes and
 * read receipts. A service request's thread is a conversation too and reads the same.
 */
export async function staffThread(db: Db, conversationId: string) {
  return db
    .select({
      id: messages.id,
      kind: messages.kind,
      authorKind: messages.authorKind,
      authorFirstName: author.firstName,
      authorLastName: author.lastName,
      body: messages.body,
      createdAt: messages.createdAt,
      readByGuardianAt: messages.readByGuardianAt,
    })
    .from(messages)
    .innerJoin(author, eq(author.id, messages.authorUserId))
    .where(eq(messages.conversationId, conversationId))
    .orderBy(messages.createdAt, messages.id);
}

/** Loads and locks a conversation this staff member may work on, or answers 404. */
async function lockForStaff(db: Db, roles: readonly StaffRole[], conversationId: string) {
  const [row] = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      childId: conversations.childId,
      guardianUserId: conversations.guardianUserId,
      category: conversations.category,
    })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), inQueuesOf(roles)))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

export async function markReadByStaff(
  db: Db,
  conversationId: string,
  now = new Date(),
): Promise<number> {
  const updated = await db
    .update(messages)
    .set({ readByStaffAt: now })
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.authorKind, 'parent'),
        isNull(messages.readByStaffAt),
      ),
    )
    .returning({ id: messages.id });
  return updated.length;
}

async function noticeFor(
  db: Db,
  guardianUserId: string,
  messageId: string,
): Promise<OutgoingMail | null> {
  const [person] = await db
    .select({
      email: users.email,
      firstName: users.firstName,
      locale: users.locale,
      messageEmails: users.messageEmails,
    })
    .from(users)
    .where(eq(users.id, guardianUserId));
  return person?.messageEmails
    ? newMessageNotice(savedLocale(person.locale), person.email, person.firstName, messageId)
    : null;
}

export async function replyAsStaff(
  db: Db,
  staff: { id: string; roles: StaffRole[] },
  conversationId: string,
  body: string,
  idempotencyKey: string,
  now = new Date(),
) {
  const conversation = await lockForStaff(db, staff.roles, conversationId);
  if (conversation.status !== 'open')
    throw new AppError('conflict', 'errors.conversationClosedForStaff');
  const [message] = await db
    .insert(messages)
    .values({
      conversationId,
      authorUserId: staff.id,
      authorKind: 'staff',
      body,
      idempotencyKey,
      createdAt: now,
    })
    .onConflictDoNothing({
      target: [messages.conversationId, messages.idempotencyKey],
      where: sql`${messages.idempotencyKey} is not null`,
    })
    .returning({ id: messages.id });
  if (!message) return { childId: conversation.childId, messageId: null, notice: null };
  await db
    .update(conversations)
    .set({ lastMessageAt: now })
    .where(eq(conversations.id, conversationId));
  await markReadByStaff(db, conversationId, now);
  return {
    childId: conversation.childId,
    messageId: message.id,
    notice: await noticeFor(db, conversation.guardianUserId, message.id),
  };
}

export async function addInternalNote(
  db: Db,
  staff: { id: string; roles: StaffRole[] },
  conversationId: string,
  body: string,
  idempotencyKey: string,
  now = new Date(),
) {
  const conversation = await lockForStaff(db, staff.roles, conversationId);
  const [note] = await db
    .insert(messages)
    .values({
      conversationId,
      authorUserId: staff.id,
      authorKind: 'staff',
      kind: 'note',
      body,
      idempotencyKey,
      createdAt: now,
    })
    .onConflictDoNothing({
      target: [messages.conversationId, messages.idempotencyKey],
      where: sql`${messages.idempotencyKey} is not null`,
    })
    .returning({ id: messages.id });
  return { childId: conversation.childId, noteId: note?.id ?? null };
}

export async function assignToStaff(
  db: Db,
  staff: { id: string; roles: StaffRole[] },
  conversationId: string,
) {
  const conversation = await lockForStaff(db, staff.roles, conversationId);
  await db
    .update(conversations)
    .set({ assignedTo: staff.id })
    .where(eq(conversations.id, conversationId));
  return { childId: conversation.childId };
}

/** Moves a conversation to another queue; it leaves this person's view if they do not work that queue. */
export async function recategorize(
  db: Db,
  staff: { id: string; roles: StaffRole[] },
  conversationId: string,
  category: Category,
) {
  const conversation = await lockForStaff(db, staff.roles, conversationId);
  if (conversation.category === category)
    return { childId: conversation.childId, from: category, changed: false };
  await db
    .update(conversations)
    .set({ category, assignedTo: null })
    .where(eq(conversations.id, conversationId));
  return { childId: conversation.childId, from: conversation.category, changed: true };
}

export async function setConversationStatus(
  db: Db,
  staff: { id: string; roles: StaffRole[] },
  conversationId: string,
  status: 'open' | 'closed',
  now = new Date(),
) {
  const conversation = await lockForStaff(db, staff.roles, conversationId);
  if (conversation.status === status) return { childId: conversation.childId, changed: false };
  await db
    .update(conversations)
    .set({ status, closedAt: status === 'closed' ? now : null })
    .where(eq(conversations.id, conversationId));
  return { childId: conversation.childId, changed: true };
}

/** The guardians the office can write to about a child: live links only. */
export async function listWritableGuardians(db: Db, childId: string) {
  return db
    .select({
      guardianshipId: guardianships.id,
      firstName: users.firstName,
      lastName: users.lastName,
      relationship: guardianships.relationship,
    })
    .from(guardianships)
    .innerJoin(users, eq(users.id, guardianships.guardianUserId))
    .where(and(eq(guardianships.childId, childId), eq(guardianships.status, 'active')));
}

/** The office writes first (results ready, a form, a reminder); it lands in the guardian's Inbox. */
export async function startConversation(
  db: Db,
  staff: { id: string; roles: StaffRole[] },
  input: StartConversationInput,
  today: string,
  now = new Date(),
) {
  if (!categoriesFor(staff.roles).includes(input.category))
    throw new AppError('invalid', 'errors.chooseOwnQueue', {
      fieldErrors: { category: 'errors.chooseOwnQueue' },
    });
  const [link] = await db
    .select({ guardianUserId: guardianships.guardianUserId, dateOfBirth: children.dateOfBirth })
    .from(guardianships)
    .innerJoin(children, eq(children.id, guardianships.childId))
    .where(
      and(
        eq(guardianships.id, input.guardianshipId),
        eq(guardianships.childId, input.childId),
        eq(guardianships.status, 'active'),
      ),
    );
  if (!link || !isMinorOn(link.dateOfBirth, today))
    throw new AppError('invalid', 'errors.guardianNoLongerHasAccess', {
      fieldErrors: { guardianshipId: 'errors.chooseGuardianWithAccess' },
    });
  const started = await insertConversation(
    db,
    {
      childId: input.childId,
      guardianUserId: link.guardianUserId,
      category: input.category,
      subject: input.subject,
      startedBy: 'staff',
      assignedTo: staff.id,
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
      lastMessageAt: now,
    },
    { authorUserId: staff.id, authorKind: 'staff', body: input.body },
  );
  if (started.messageId === null) return { ...started, notice: null };
  return {
    ...started,
    notice: await noticeFor(db, link.guardianUserId, started.messageId),
  };
}
