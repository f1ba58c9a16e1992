import 'server-only';

import { eq } from 'drizzle-orm';

import type { Db } from '@/db';
import { users } from '@/db/schema';

const NO_SUCH_USER = '00000000-0000-4000-8000-000000000000';

/**
 * The one read of the benchmark's reference page: a primary-key lookup through the same database
 * module and pool as every page, that finds nothing and so shows nothing about anyone.
 */
export async function readReferenceRow(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, NO_SUCH_USER));
  return row !== undefined;
}
