import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { children, guardianships } from '@/db/schema';

/** The children this guardian may see: only through an active guardianship row. */
export async function listLinkedChildren(db: Db, guardianUserId: string) {
  return db
    .select({ id: children.id, firstName: children.firstName, preferredName: children.preferredName, lastName: children.lastName, dateOfBirth: children.dateOfBirth, relationship: guardianships.relationship })
    .from(guardianships)
    .innerJoin(children, eq(children.id, guardianships.childId))
    .where(and(eq(guardianships.guardianUserId, guardianUserId), eq(guardianships.status, 'active')))
    .orderBy(asc(children.dateOfBirth));
}
