import { and, desc, eq, exists, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { children, guardianships, requestFiles, serviceRequests } from '@/db/schema';
import { liveLinkCondition } from '@/lib/guardianship/access';

/**
 * A guardian sees the requests they made, while their link to the child is live: like the
 * conversations, another guardian of the same child does not see them.
 */
function visibleToGuardian(guardianUserId: string, today: string) {
  return and(
    eq(serviceRequests.guardianUserId, guardianUserId),
    exists(
      sql`(select 1 from ${guardianships} inner join ${children} on ${children.id} = ${guardianships.childId}
           where ${guardianships.childId} = ${serviceRequests.childId} and ${liveLinkCondition(guardianUserId, today)})`,
    ),
  );
}

const summaryColumns = {
  id: serviceRequests.id,
  kind: serviceRequests.kind,
  status: serviceRequests.status,
  childId: serviceRequests.childId,
  conversationId: serviceRequests.conversationId,
  scheduledFor: serviceRequests.scheduledFor,
  createdAt: serviceRequests.createdAt,
  updatedAt: serviceRequests.updatedAt,
  childFirstName: sql<string>`coalesce(${children.preferredName}, ${children.firstName})`,
};

const LIST_LIMIT = 50;

/** The guardian's requests, newest first; for one child when `childId` is given. */
export async function listGuardianRequests(
  db: Db,
  guardianUserId: string,
  today: string,
  childId?: string,
) {
  return db
    .select(summaryColumns)
    .from(serviceRequests)
    .innerJoin(children, eq(children.id, serviceRequests.childId))
    .where(
      and(
        visibleToGuardian(guardianUserId, today),
        childId ? eq(serviceRequests.childId, childId) : undefined,
      ),
    )
    .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
    .limit(LIST_LIMIT);
}

/** One request as its guardian sees it, with its files (not their bytes); null when not theirs. */
export async function getGuardianRequest(
  db: Db,
  guardianUserId: string,
  requestId: string,
  today: string,
) {
  const [request] = await db
    .select({
      ...summaryColumns,
      details: serviceRequests.details,
      statusReason: serviceRequests.statusReason,
    })
    .from(serviceRequests)
    .innerJoin(children, eq(children.id, serviceRequests.childId))
    .where(and(eq(serviceRequests.id, requestId), visibleToGuardian(guardianUserId, today)));
  if (!request) return null;
  const files = await listFiles(db, requestId);
  return { ...request, files };
}

export async function listFiles(db: Db, requestId: string) {
  return db
    .select({
      id: requestFiles.id,
      purpose: requestFiles.purpose,
      mediaType: requestFiles.mediaType,
      byteSize: requestFiles.byteSize,
      createdAt: requestFiles.createdAt,
    })
    .from(requestFiles)
    .where(eq(requestFiles.requestId, requestId))
    .orderBy(requestFiles.createdAt);
}
