import 'server-only';

import { and, eq } from 'drizzle-orm';

import type { Db } from '@/db';
import { guardianships } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { revokeSharesMadeBy } from '@/lib/records/shares';

/**
 * Ends a guardian's access to a child. Access is checked against this row on every request, so
 * every open session of that guardian loses the child on its next page. Share links that
 * guardian made for the child stop with it.
 */
export async function revokeGuardianship(
  db: Db,
  staffUserId: string,
  guardianshipId: string,
  reason: string,
  now = new Date(),
): Promise<{ childId: string; sharesTurnedOff: number }> {
  const [row] = await db
    .update(guardianships)
    .set({ status: 'revoked', statusReason: reason, endedAt: now, endedBy: staffUserId })
    .where(and(eq(guardianships.id, guardianshipId), eq(guardianships.status, 'active')))
    .returning({ childId: guardianships.childId, guardianUserId: guardianships.guardianUserId });
  if (!row) throw new AppError('not_found', 'errors.accessAlreadyRemoved');
  const sharesTurnedOff = await revokeSharesMadeBy(
    db,
    row.guardianUserId,
    row.childId,
    staffUserId,
    now,
  );
  return { childId: row.childId, sharesTurnedOff };
}
