import 'server-only';

import { and, asc, eq, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { children, guardianships } from '@/db/schema';
import { env } from '@/lib/env';

/**
 * A guardian may see a child while an active link says so and the child is under the age of
 * majority today. Both conditions live in the query that reads the child, so no page can fetch
 * a child first and forget to check afterwards. `today` is the practice's date (YYYY-MM-DD).
 */
export function liveLinkCondition(guardianUserId: string, today: string) {
  return and(
    eq(guardianships.guardianUserId, guardianUserId),
    eq(guardianships.status, 'active'),
    sql`(${children.dateOfBirth} + make_interval(years => ${env().AGE_OF_MAJORITY})) > ${today}::date`,
  );
}

const linkedChildColumns = {
  id: children.id,
  firstName: children.firstName,
  lastName: children.lastName,
  preferredName: children.preferredName,
  dateOfBirth: children.dateOfBirth,
  sex: children.sex,
  relationship: guardianships.relationship,
  guardianshipId: guardianships.id,
  linkedAt: guardianships.linkedAt,
};

/** The child, if this guardian may see it now; otherwise null (the caller answers 404). */
export async function findLinkedChild(
  db: Db,
  guardianUserId: string,
  childId: string,
  today: string,
) {
  const [row] = await db
    .select(linkedChildColumns)
    .from(guardianships)
    .innerJoin(children, eq(children.id, guardianships.childId))
    .where(and(eq(guardianships.childId, childId), liveLinkCondition(guardianUserId, today)));
  return row ?? null;
}

/** The children this guardian may see now, youngest first. */
export async function listLinkedChildren(db: Db, guardianUserId: string, today: string) {
  return db
    .select(linkedChildColumns)
    .from(guardianships)
    .innerJoin(children, eq(children.id, guardianships.childId))
    .where(liveLinkCondition(guardianUserId, today))
    .orderBy(sql`${children.dateOfBirth} desc`, asc(children.firstName));
}

/** Children whose link ended because they came of age: the dashboard explains why they are gone. */
export async function listChildrenPastMajority(db: Db, guardianUserId: string, today: string) {
  return db
    .select({
      id: children.id,
      firstName: children.firstName,
      preferredName: children.preferredName,
      dateOfBirth: children.dateOfBirth,
    })
    .from(guardianships)
    .innerJoin(children, eq(children.id, guardianships.childId))
    .where(
      and(
        eq(guardianships.guardianUserId, guardianUserId),
        eq(guardianships.status, 'active'),
        sql`(${children.dateOfBirth} + make_interval(years => ${env().AGE_OF_MAJORITY})) <= ${today}::date`,
      ),
    );
}
