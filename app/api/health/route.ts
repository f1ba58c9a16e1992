import { sql } from 'drizzle-orm';

import { getDb } from '@/db';
import { describeError, log } from '@/lib/log';

export const dynamic = 'force-dynamic';

/** For load balancers: 200 when the database answers, 503 when it does not. */
export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    log('error', 'health_check_failed', describeError(error));
    return Response.json(
      { status: 'unavailable' },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
