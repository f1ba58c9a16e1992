import 'server-only';

import { and, asc, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { children, guardianships, pins, users } from '@/db/schema';
import { env } from '@/lib/env';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { childNameLike, matchEveryWord } from '@/lib/search';

import type { ChildInput, ChildSearch } from './schemas';

const SEARCH_PAGE_SIZE = 25;

const mrnTaken = () =>
  new AppError('conflict', 'errors.correctFields', {
    fieldErrors: { mrn: 'errors.mrnTaken' },
  });

export async function createChild(db: Db, input: ChildInput): Promise<{ id: string }> {
  try {
    const [row] = await db.insert(children).values(input).returning({ id: children.id });
    if (!row) throw new Error('child insert returned no row');
    return row;
  } catch (error) {
    if (isUniqueViolation(error, 'children_mrn_key')) throw mrnTaken();
    throw error;
  }
}

/** Returns the names of the fields that changed, for the audit event. */
export async function updateChild(db: Db, childId: string, input: ChildInput): Promise<string[]> {
  const [before] = await db.select().from(children).where(eq(children.id, childId)).for('update');
  if (!before) throw new AppError('not_found');
  const changed = (Object.keys(input) as (keyof ChildInput)[]).filter(
    (key) => (before[key] ?? null) !== (input[key] ?? null),
  );
  if (changed.length === 0) return [];
  try {
    await db.update(children).set(input).where(eq(children.id, childId));
  } catch (error) {
    if (isUniqueViolation(error, 'children_mrn_key')) throw mrnTaken();
    throw error;
  }
  return changed;
}

/** Last name, first name or chart number (prefix, any case), and/or an exact date of birth. */
export async function searchChildren(db: Db, search: ChildSearch) {
  const where = and(
    matchEveryWord(search.q, (prefix) => or(childNameLike(prefix), ilike(children.mrn, prefix))!, {
      prefix: true,
      separators: /[\s,]+/,
    }),
    search.dob ? eq(children.dateOfBirth, search.dob) : undefined,
  );
  const rows = await db
    .select({
      id: children.id,
      firstName: children.firstName,
      lastName: children.lastName,
      preferredName: children.preferredName,
      dateOfBirth: children.dateOfBirth,
      mrn: children.mrn,
    })
    .from(children)
    .where(where)
    .orderBy(
      asc(sql`lower(${children.lastName})`),
      asc(sql`lower(${children.firstName})`),
      asc(children.id),
    )
    .limit(SEARCH_PAGE_SIZE + 1)
    .offset((search.page - 1) * SEARCH_PAGE_SIZE);
  return { rows: rows.slice(0, SEARCH_PAGE_SIZE), hasMore: rows.length > SEARCH_PAGE_SIZE };
}

export async function getChild(db: Db, childId: string) {
  const [row] = await db.select().from(children).where(eq(children.id, childId));
  return row ?? null;
}

type GuardianLinkState = 'active' | 'revoked' | 'ended_at_majority';

/** Every guardian link of a child, with how it was made and its state today. */
export async function listGuardianLinks(db: Db, childId: string, today: string) {
  const rows = await db
    .select({
      id: guardianships.id,
      status: guardianships.status,
      statusReason: guardianships.statusReason,
      relationship: guardianships.relationship,
      linkedAt: guardianships.linkedAt,
      endedAt: guardianships.endedAt,
      guardianFirstName: users.firstName,
      guardianLastName: users.lastName,
      guardianUserId: users.userId,
      pinIssuedAt: pins.issuedAt,
      pinIntendedFor: pins.intendedGuardianName,
      adult: sql<boolean>`(${children.dateOfBirth} + make_interval(years => ${env().AGE_OF_MAJORITY})) <= ${today}::date`,
    })
    .from(guardianships)
    .innerJoin(users, eq(users.id, guardianships.guardianUserId))
    .innerJoin(children, eq(children.id, guardianships.childId))
    .leftJoin(pins, eq(pins.id, guardianships.pinId))
    .where(eq(guardianships.childId, childId))
    .orderBy(desc(guardianships.linkedAt));
  return rows.map(({ adult, ...row }) => ({
    ...row,
    state: (row.status === 'active' && adult
      ? 'ended_at_majority'
      : row.status) as GuardianLinkState,
  }));
}

export async function listOutstandingPins(db: Db, childId: string, now = new Date()) {
  return db
    .select({
      id: pins.id,
      intendedGuardianName: pins.intendedGuardianName,
      intendedRelationship: pins.intendedRelationship,
      issuedAt: pins.issuedAt,
      expiresAt: pins.expiresAt,
      issuedByFirstName: users.firstName,
      issuedByLastName: users.lastName,
      expired: sql<boolean>`${pins.expiresAt} <= ${now.toISOString()}::timestamptz`,
    })
    .from(pins)
    .innerJoin(users, eq(users.id, pins.issuedBy))
    .where(and(eq(pins.childId, childId), isNull(pins.redeemedAt), isNull(pins.cancelledAt)))
    .orderBy(desc(pins.issuedAt));
}
