import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { guardianships } from '@/db/schema';
import { AppError } from '@/lib/errors';

/**
 * Ends a guardian's access to a child. Access is checked against this row on every request, so
 * every open session of that guardian loses the child on its next page.
 */
export async function revokeGuardianship(db: Db, staffUserId: string, guardianshipId: string, reason: string, now = new Date()): Promise<{ childId: string }> {
  const [row] = await db
    .update(guardianships)
    .set({ status: 'revoked', statusReason: reason, endedAt: now, endedBy: staffUserId })
    .where(and(eq(guardianships.id, guardianshipId), eq(guardianships.status, 'active')))
    .returning({ childId: guardianships.childId });
  if (!row) throw new AppError('not_found', 'This access was already removed.');
  return row;
}
