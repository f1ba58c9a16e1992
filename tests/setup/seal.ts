import { sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { sealCommittedEvents } from '@/lib/audit/seal';

export async function unsealedCount(db: Db): Promise<number> {
  const result = await db.execute(
    sql`select count(*)::int as n from audit_events where chain_seq is null`,
  );
  const rows = Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows;
  return Number((rows[0] as { n: number }).n);
}

/**
 * Seals every event written so far, as the server's sealer would within a second. The horizon
 * is the whole server's: on a PostgreSQL shared with other test files, another database's open
 * transaction can hold a batch back for a moment (never skip an event), hence the patience.
 */
export async function sealEverything(db: Db): Promise<void> {
  const { waiting } = await sealCommittedEvents(db, 15_000);
  if (waiting > 0)
    throw new Error('the audit chain sealer never caught up (an open transaction holds it back)');
}
