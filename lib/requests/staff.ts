import {
  and,
  asc,
  count,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import type { Db } from '@/db';
import {
  children,
  conversations,
  messages,
  requestFiles,
  serviceRequests,
  users,
} from '@/db/schema';
import { formatDateTime } from '@/lib/dates';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { fileStore } from '@/lib/files/storage';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/server';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { addInternalNote, staffThread } from '@/lib/messaging/staff';
import { countEach } from '@/lib/queue-counts';
import { childNameLike, matchEveryWord } from '@/lib/search';
import type { StaffRole } from '@/lib/staff/vocabulary';

import { requestUpdateNotice } from './notify';
import { listFiles } from './parent';
import type { RequestNoteInput, RequestStatusInput } from './schemas';
import { practiceWallClockToDate } from './time';
import {
  isOpenStatus,
  kindsFor,
  openStatuses,
  outcomesByKind,
  type RequestKind,
} from './vocabulary';

interface Staff {
  id: string;
  roles: readonly StaffRole[];
}

export const requestTabs = ['open', 'overdue', 'mine', 'unassigned', 'closed'] as const;
export type RequestTab = (typeof requestTabs)[number];
export type KindFilter = RequestKind | 'all';

/** Staff see the queues of their roles only; a request in another queue does not exist for them (404). */
function inQueuesOf(roles: readonly StaffRole[], kind: KindFilter = 'all'): SQL {
  const kinds = kindsFor(roles).filter((k) => kind === 'all' || k === kind);
  return kinds.length ? inArray(serviceRequests.kind, kinds) : sql`false`;
}

const isOpen = isNull(serviceRequests.closedAt);

function tabCondition(tab: RequestTab, staffId: string, now: Date): SQL {
  switch (tab) {
    case 'open':
      return isOpen;
    case 'overdue':
      return and(isOpen, lt(serviceRequests.dueAt, now))!;
    case 'mine':
      return and(isOpen, eq(serviceRequests.assignedTo, staffId))!;
    case 'unassigned':
      return and(isOpen, isNull(serviceRequests.assignedTo))!;
    case 'closed':
      return isNotNull(serviceRequests.closedAt);
  }
}

/** By the child's name or MRN, a few words at most. */
function searchCondition(search: string): SQL | undefined {
  return matchEveryWord(search, (pattern, word) =>
    or(childNameLike(pattern), eq(sql`lower(${children.mrn})`, word.toLowerCase()))!,
  );
}

const guardian = alias(users, 'guardian');
const assignee = alias(users, 'assignee');
const PAGE_SIZE = 25;

interface QueueQuery {
  kind: KindFilter;
  tab: RequestTab;
  search: string;
}

export async function listRequests(
  db: Db,
  staff: Staff,
  query: QueueQuery,
  page = 1,
  now = new Date(),
) {
  const rows = await db
    .select({
      id: serviceRequests.id,
      kind: serviceRequests.kind,
      status: serviceRequests.status,
      createdAt: serviceRequests.createdAt,
      dueAt: serviceRequests.dueAt,
      closedAt: serviceRequests.closedAt,
      childFirstName: children.firstName,
      childLastName: children.lastName,
      childMrn: children.mrn,
      assigneeFirstName: assignee.firstName,
      assigneeLastName: assignee.lastName,
    })
    .from(serviceRequests)
    .innerJoin(children, eq(children.id, serviceRequests.childId))
    .leftJoin(assignee, eq(assignee.id, serviceRequests.assignedTo))
    .where(
      and(
        inQueuesOf(staff.roles, query.kind),
        tabCondition(query.tab, staff.id, now),
        searchCondition(query.search),
      ),
    )
    // Open work oldest first (the longest wait at the top); closed requests newest first.
    .orderBy(
      ...(query.tab === 'closed'
        ? [desc(serviceRequests.closedAt), desc(serviceRequests.id)]
        : [asc(serviceRequests.dueAt), asc(serviceRequests.id)]),
    )
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE);
  return { rows: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE };
}

/** The counts on the tabs: open requests per kind, and each status tab within the chosen kind. */
export async function requestCounts(db: Db, staff: Staff, query: QueueQuery, now = new Date()) {
  const searching = searchCondition(query.search);
  const countWhere = async (where: SQL | undefined) => {
    const [row] = await db
      .select({ n: count() })
      .from(serviceRequests)
      .innerJoin(children, eq(children.id, serviceRequests.childId))
      .where(where);
    return row?.n ?? 0;
  };
  const kinds: KindFilter[] = ['all', ...kindsFor(staff.roles)];
  const byKind: Partial<Record<KindFilter, number>> = await countEach(kinds, (kind) =>
    countWhere(and(inQueuesOf(staff.roles, kind), isOpen, searching)),
  );
  const byTab = await countEach(requestTabs, (tab) =>
    countWhere(
      and(inQueuesOf(staff.roles, query.kind), tabCondition(tab, staff.id, now), searching),
    ),
  );
  return { byKind, byTab };
}

/** Open requests past their due date, oldest first: the office home page's list. */
export async function overdueRequests(db: Db, roles: readonly StaffRole[], now = new Date()) {
  const where = and(inQueuesOf(roles), isOpen, lt(serviceRequests.dueAt, now));
  const [total] = await db.select({ n: count() }).from(serviceRequests).where(where);
  const rows = await db
    .select({
      id: serviceRequests.id,
      kind: serviceRequests.kind,
      dueAt: serviceRequests.dueAt,
      childFirstName: children.firstName,
      childLastName: children.lastName,
    })
    .from(serviceRequests)
    .innerJoin(children, eq(children.id, serviceRequests.childId))
    .where(where)
    .orderBy(asc(serviceRequests.dueAt))
    .limit(5);
  return { total: total?.n ?? 0, rows };
}

export async function getStaffRequest(db: Db, roles: readonly StaffRole[], requestId: string) {
  const [request] = await db
    .select({
      id: serviceRequests.id,
      kind: serviceRequests.kind,
      status: serviceRequests.status,
      details: serviceRequests.details,
      scheduledFor: serviceRequests.scheduledFor,
      statusReason: serviceRequests.statusReason,
      createdAt: serviceRequests.createdAt,
      dueAt: serviceRequests.dueAt,
      closedAt: serviceRequests.closedAt,
      conversationId: serviceRequests.conversationId,
      assignedTo: serviceRequests.assignedTo,
      childId: children.id,
      childFirstName: children.firstName,
      childLastName: children.lastName,
      childDateOfBirth: children.dateOfBirth,
      childMrn: children.mrn,
      guardianFirstName: guardian.firstName,
      guardianLastName: guardian.lastName,
      guardianEmail: guardian.email,
      assigneeFirstName: assignee.firstName,
      assigneeLastName: assignee.lastName,
    })
    .from(serviceRequests)
    .innerJoin(children, eq(children.id, serviceRequests.childId))
    .innerJoin(guardian, eq(guardian.id, serviceRequests.guardianUserId))
    .leftJoin(assignee, eq(assignee.id, serviceRequests.assignedTo))
    .where(and(eq(serviceRequests.id, requestId), inQueuesOf(roles)));
  if (!request) return null;
  return {
    ...request,
    files: await listFiles(db, requestId),
    thread: await staffThread(db, request.conversationId),
  };
}

/** Loads and locks a request this staff member may work on, or answers 404. */
async function lockForStaff(db: Db, roles: readonly StaffRole[], requestId: string) {
  const [row] = await db
    .select({
      id: serviceRequests.id,
      kind: serviceRequests.kind,
      status: serviceRequests.status,
      childId: serviceRequests.childId,
      guardianUserId: serviceRequests.guardianUserId,
      conversationId: serviceRequests.conversationId,
    })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.id, requestId), inQueuesOf(roles)))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

export async function assignRequestToSelf(db: Db, staff: Staff, requestId: string) {
  const request = await lockForStaff(db, staff.roles, requestId);
  await db
    .update(serviceRequests)
    .set({ assignedTo: staff.id, updatedAt: new Date() })
    .where(eq(serviceRequests.id, requestId));
  return { childId: request.childId };
}

/** An internal note, kept in the request's thread as an office note the parent never sees. */
export async function addRequestNote(db: Db, staff: Staff, input: RequestNoteInput) {
  const request = await lockForStaff(db, staff.roles, input.requestId);
  // The request's queue decides who may write; the thread may sit in another message queue.
  const note = await addInternalNote(
    db,
    { id: staff.id, roles: ['admin'] },
    request.conversationId,
    input.body,
    input.idempotencyKey,
  );
  return { childId: request.childId, noteId: note.noteId };
}

/** The completed form or the records PDF, attached while the request is open. */
export async function attachCompletedFile(
  db: Db,
  staff: Staff,
  requestId: string,
  bytes: Uint8Array,
) {
  const request = await lockForStaff(db, staff.roles, requestId);
  if (request.kind !== 'form' && request.kind !== 'records')
    throw new AppError('invalid', 'errors.requests.noFilesForKind');
  if (!isOpenStatus(request.status))
    throw new AppError('conflict', 'errors.requests.alreadyAnswered');
  const saved = await fileStore().save(db, {
    requestId,
    purpose: 'completed',
    uploadedBy: staff.id,
    bytes,
  });
  return { childId: request.childId, fileId: saved.id };
}

async function guardianOf(db: Db, guardianUserId: string) {
  const [person] = await db
    .select({
      email: users.email,
      firstName: users.firstName,
      locale: users.locale,
      messageEmails: users.messageEmails,
    })
    .from(users)
    .where(eq(users.id, guardianUserId));
  return person!;
}

/**
 * The office answers a request: the status changes once, from an open one to an outcome of its
 * kind; the parent reads the answer in the request's thread, in their language, and is told by
 * an email that says only that there is an update.
 */
export async function updateRequestStatus(
  db: Db,
  staff: Staff,
  input: RequestStatusInput,
  now = new Date(),
): Promise<{ childId: string; from: string; notice: OutgoingMail | null }> {
  const request = await lockForStaff(db, staff.roles, input.requestId);
  if (!isOpenStatus(request.status))
    throw new AppError('conflict', 'errors.requests.alreadyAnswered');
  if (!outcomesByKind[request.kind].includes(input.status))
    throw new AppError('invalid', 'errors.requests.statusNotForKind', {
      fieldErrors: { status: 'errors.requests.statusNotForKind' },
    });
  const scheduledFor =
    input.status === 'scheduled' ? practiceWallClockToDate(input.scheduledFor) : null;
  if (input.status === 'scheduled' && (!scheduledFor || scheduledFor <= now))
    throw new AppError('invalid', 'errors.requests.scheduleInPast', {
      fieldErrors: { scheduledFor: 'errors.requests.scheduleInPast' },
    });
  if (input.status === 'completed') {
    const [file] = await db
      .select({ id: requestFiles.id })
      .from(requestFiles)
      .where(and(eq(requestFiles.requestId, request.id), eq(requestFiles.purpose, 'completed')))
      .limit(1);
    if (!file) throw new AppError('invalid', 'errors.requests.attachFirst');
  }
  const closes = !openStatuses.includes(input.status);
  await db
    .update(serviceRequests)
    .set({
      status: input.status,
      scheduledFor,
      statusReason: input.status === 'declined' ? input.reason : null,
      closedAt: closes ? now : null,
      updatedAt: now,
    })
    .where(eq(serviceRequests.id, request.id));

  const person = await guardianOf(db, request.guardianUserId);
  const locale = isLocale(person.locale) ? person.locale : defaultLocale;
  const t = translatorFor(locale, 'requests');
  const body = t(`updates.${input.status}`, {
    when: scheduledFor ? formatDateTime(scheduledFor, locale) : '',
    reason: input.reason,
    phone: env().PRACTICE_PHONE,
  });
  const [message] = await db
    .insert(messages)
    .values({
      conversationId: request.conversationId,
      authorUserId: staff.id,
      authorKind: 'staff',
      body,
      createdAt: now,
    })
    .returning({ id: messages.id });
  await db
    .update(conversations)
    .set({ lastMessageAt: now })
    .where(eq(conversations.id, request.conversationId));
  return {
    childId: request.childId,
    from: request.status,
    notice: person.messageEmails
      ? requestUpdateNotice(person.email, person.firstName, locale, message!.id)
      : null,
  };
}
