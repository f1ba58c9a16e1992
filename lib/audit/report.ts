import 'server-only';

import { and, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

import type { Db } from '@/db';
import { auditEvents, auditRowChanges, children, users } from '@/db/schema';
import { startOfPracticeDay } from '@/lib/dates';

import {
  actionsInGroup,
  decodeReportCursor,
  encodeReportCursor,
  type AuditFilters,
} from './report-filters';

export const REPORT_PAGE_SIZE = 50;

function nextDay(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

const sortExpressions = {
  when: auditEvents.occurredAt,
  action: auditEvents.action,
  outcome: auditEvents.outcome,
  role: sql`coalesce(${auditEvents.actorRole}, '')`,
  // Sorting by a name is sorting by the joined user or child (no index; the date range keeps it small).
  actor: sql`coalesce(${users.lastName} || ' ' || ${users.firstName}, '')`,
  child: sql`coalesce(${children.lastName} || ' ' || ${children.firstName}, '')`,
} as const;

/**
 * Whom a report's free-text filters name, looked up before the events: an exact MRN, User ID,
 * email or id first (indexed), else a part of a name. The events are then found through their
 * indexed actor and child ids. With a subquery in their place, PostgreSQL walked every event of
 * the date range and checked each one's child (half a second for one child's week at 10 million
 * events). A term matching more than PEOPLE_LOOKUP_LIMIT people stays a subquery.
 */
const PEOPLE_LOOKUP_LIMIT = 200;
const isUuid = (term: string) => z.uuid().safeParse(term).success;

export interface NamedPeople {
  actor: string[] | SQL | null;
  child: string[] | SQL | null;
}

export async function lookUpNamedPeople(db: Db, filters: AuditFilters): Promise<NamedPeople> {
  const lookUp = async (
    exact: SQL | undefined,
    partial: SQL,
    column: typeof users.id | typeof children.id,
    table: typeof users | typeof children,
  ) => {
    if (exact) {
      const found = await db
        .select({ id: column })
        .from(table)
        .where(exact)
        .limit(PEOPLE_LOOKUP_LIMIT + 1);
      if (found.length)
        return found.length > PEOPLE_LOOKUP_LIMIT
          ? sql`(select ${column} from ${table} where ${exact})`
          : found.map((row) => row.id);
    }
    const found = await db
      .select({ id: column })
      .from(table)
      .where(partial)
      .limit(PEOPLE_LOOKUP_LIMIT + 1);
    return found.length > PEOPLE_LOOKUP_LIMIT
      ? sql`(select ${column} from ${table} where ${partial})`
      : found.map((row) => row.id);
  };
  const actorTerm = filters.actor.toLowerCase();
  const childTerm = filters.child.toLowerCase();
  return {
    actor: filters.actor
      ? await lookUp(
          or(
            sql`lower(${users.userId}) = ${actorTerm}`,
            sql`lower(${users.email}) = ${actorTerm}`,
            isUuid(actorTerm) ? eq(users.id, actorTerm) : undefined,
          ),
          sql`lower(${users.firstName} || ' ' || ${users.lastName}) like ${`%${actorTerm}%`}`,
          users.id,
          users,
        )
      : null,
    child: filters.child
      ? await lookUp(
          or(
            sql`lower(${children.mrn}) = ${childTerm}`,
            isUuid(childTerm) ? eq(children.id, childTerm) : undefined,
          ),
          sql`lower(${children.firstName} || ' ' || ${children.lastName}) like ${`%${childTerm}%`}`,
          children.id,
          children,
        )
      : null,
  };
}

function matchesAny(
  column: typeof auditEvents.actorId | typeof auditEvents.childId,
  people: string[] | SQL,
): SQL {
  if (Array.isArray(people)) return people.length ? inArray(column, people) : sql`false`;
  return inArray(column, people);
}

/**
 * The WHERE clause of a report. Every filter is a condition an index can serve: the date range
 * (occurred_at), the actor and the child (looked up first, then `= any` on their indexed
 * columns), the action group as an explicit list of actions, the outcome.
 */
function conditions(filters: AuditFilters, people: NamedPeople): SQL {
  const parts: (SQL | undefined)[] = [
    gte(auditEvents.occurredAt, startOfPracticeDay(filters.from)),
    lt(auditEvents.occurredAt, startOfPracticeDay(nextDay(filters.to))),
  ];
  if (people.actor) parts.push(matchesAny(auditEvents.actorId, people.actor));
  if (people.child) parts.push(matchesAny(auditEvents.childId, people.child));
  if (filters.group) parts.push(inArray(auditEvents.action, actionsInGroup(filters.group)));
  if (filters.outcome) parts.push(eq(auditEvents.outcome, filters.outcome));
  return and(...parts)!;
}

/**
 * Keyset pagination on (sort column, event id): the same cost on page 1 and page 10,000. The id,
 * not the chain position, breaks ties: an event waiting to be sealed has no position yet.
 */
function afterCursor(filters: AuditFilters): SQL | undefined {
  // A cursor the schema would refuse is ignored here too: a direct caller cannot reach the database with it.
  const cursor = filters.after ? decodeReportCursor(filters.after, filters.sort) : null;
  if (!cursor) return undefined;
  const column =
    filters.sort === 'when' ? sql`${auditEvents.occurredAt}` : sortExpressions[filters.sort];
  const value = filters.sort === 'when' ? sql`${cursor[0]}::timestamptz` : sql`${cursor[0]}`;
  const comparison = filters.dir === 'desc' ? sql`<` : sql`>`;
  return or(
    sql`${column} ${comparison} ${value}`,
    and(sql`${column} = ${value}`, sql`${auditEvents.id} ${comparison} ${cursor[1]}`),
  );
}

export async function auditReportPage(
  db: Db,
  filters: AuditFilters,
  pageSize = REPORT_PAGE_SIZE,
  people?: NamedPeople,
) {
  const named = people ?? (await lookUpNamedPeople(db, filters));
  const column = sortExpressions[filters.sort];
  const direction = filters.dir === 'desc' ? sql`desc` : sql`asc`;
  const rows = await db
    .select({
      id: auditEvents.id,
      chainSeq: auditEvents.chainSeq,
      occurredAt: auditEvents.occurredAt,
      sortValue: sql<string>`${column}::text`,
      occurredAtText: sql<string>`${auditEvents.occurredAt}::text`,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      actorKind: auditEvents.actorKind,
      actorRole: auditEvents.actorRole,
      actorName: sql<
        string | null
      >`case when ${users.id} is null then null else ${users.firstName} || ' ' || ${users.lastName} end`,
      actorUserId: users.userId,
      childId: auditEvents.childId,
      childName: sql<
        string | null
      >`case when ${children.id} is null then null else ${children.firstName} || ' ' || ${children.lastName} end`,
      childMrn: children.mrn,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      ipAddress: auditEvents.ipAddress,
      requestId: auditEvents.requestId,
      metadata: auditEvents.metadata,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(children, eq(children.id, auditEvents.childId))
    .where(and(conditions(filters, named), afterCursor(filters)))
    .orderBy(sql`${column} ${direction}`, sql`${auditEvents.id} ${direction}`)
    .limit(pageSize + 1);
  const pageRows = rows.slice(0, pageSize);
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > pageSize && last
      ? encodeReportCursor([
          filters.sort === 'when' ? last.occurredAtText : last.sortValue,
          last.id,
        ])
      : null;
  return { rows: pageRows, nextCursor };
}
export type AuditReportRow = Awaited<ReturnType<typeof auditReportPage>>['rows'][number];

/** The SQL of a report query, for EXPLAIN in tests: which index serves each filter. */
export function auditReportQuery(db: Db, filters: AuditFilters, people: NamedPeople) {
  return db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(children, eq(children.id, auditEvents.childId))
    .where(conditions(filters, people))
    .orderBy(sql`${sortExpressions[filters.sort]} desc`)
    .limit(REPORT_PAGE_SIZE + 1);
}

export async function auditEventDetail(db: Db, eventId: number) {
  const [event] = await db
    .select({
      event: auditEvents,
      actorName: sql<
        string | null
      >`case when ${users.id} is null then null else ${users.firstName} || ' ' || ${users.lastName} end`,
      actorUserId: users.userId,
      childName: sql<
        string | null
      >`case when ${children.id} is null then null else ${children.firstName} || ' ' || ${children.lastName} end`,
      childMrn: children.mrn,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(children, eq(children.id, auditEvents.childId))
    .where(eq(auditEvents.id, eventId));
  if (!event) return null;
  // The row changes the database recorded in the same transaction as this event.
  const rowChanges = await db
    .select()
    .from(auditRowChanges)
    .where(eq(auditRowChanges.txid, event.event.txid))
    .orderBy(auditRowChanges.id);
  return { ...event, rowChanges };
}

/** CSV: quoted where needed, and a leading =, +, - or @ defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = [
  'event_id',
  'chain_position',
  'occurred_at',
  'actor',
  'actor_user_id',
  'actor_kind',
  'actor_role',
  'action',
  'outcome',
  'child',
  'child_mrn',
  'target_type',
  'target_id',
  'ip_address',
  'request_id',
  'metadata',
];

export function csvLine(row: AuditReportRow): string {
  return [
    row.id,
    row.chainSeq,
    row.occurredAt,
    row.actorName,
    row.actorUserId,
    row.actorKind,
    row.actorRole,
    row.action,
    row.outcome,
    row.childName,
    row.childMrn,
    row.targetType,
    row.targetId,
    row.ipAddress,
    row.requestId,
    row.metadata,
  ]
    .map(csvCell)
    .join(',');
}

/** Every row of a report, a page at a time, for streaming: memory stays flat however many match. */
export async function* auditReportRows(
  db: Db,
  filters: AuditFilters,
  pageSize = 1_000,
): AsyncGenerator<AuditReportRow> {
  let after = '';
  // The named people are looked up once for the whole export, not once per page.
  const people = await lookUpNamedPeople(db, filters);
  for (;;) {
    const page = await auditReportPage(db, { ...filters, after }, pageSize, people);
    yield* page.rows;
    if (!page.nextCursor) return;
    after = page.nextCursor;
  }
}
