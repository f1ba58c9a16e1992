import 'server-only';

import { and, eq, lt, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { rateLimitCounters } from '@/db/schema';

function windowStartFor(now: Date, windowSeconds: number): Date {
  const windowMs = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Counts one hit in the current fixed window and returns the window's total, atomically. */
export async function countHit(
  db: Db,
  bucket: string,
  windowSeconds: number,
  now = new Date(),
): Promise<number> {
  const windowStart = windowStartFor(now, windowSeconds);
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ bucket, windowStart, hits: 1 })
    .onConflictDoUpdate({
      target: [rateLimitCounters.bucket, rateLimitCounters.windowStart],
      set: { hits: sql`${rateLimitCounters.hits} + 1` },
    })
    .returning({ hits: rateLimitCounters.hits });
  return row?.hits ?? 1;
}

/**
 * Claims one try in the current window if fewer than `limit` have been claimed, in one
 * statement: of N simultaneous claims at most `limit` are granted, whatever the interleaving.
 * Check the secret only after a granted claim; a try that proved right may hand its claim back
 * with `releaseTry`, so that only failures (and tries still running) fill the window.
 */
export async function claimTry(
  db: Db,
  bucket: string,
  limit: number,
  windowSeconds: number,
  now = new Date(),
): Promise<boolean> {
  const windowStart = windowStartFor(now, windowSeconds);
  const granted = await db
    .insert(rateLimitCounters)
    .values({ bucket, windowStart, hits: 1 })
    .onConflictDoUpdate({
      target: [rateLimitCounters.bucket, rateLimitCounters.windowStart],
      set: { hits: sql`${rateLimitCounters.hits} + 1` },
      setWhere: sql`${rateLimitCounters.hits} < ${limit}`,
    })
    .returning({ hits: rateLimitCounters.hits });
  return granted.length > 0 && limit > 0;
}

/** Hands back a claim from `claimTry` for a try that turned out right. */
export async function releaseTry(
  db: Db,
  bucket: string,
  windowSeconds: number,
  now = new Date(),
): Promise<void> {
  await db
    .update(rateLimitCounters)
    .set({ hits: sql`greatest(${rateLimitCounters.hits} - 1, 0)` })
    .where(
      and(
        eq(rateLimitCounters.bucket, bucket),
        eq(rateLimitCounters.windowStart, windowStartFor(now, windowSeconds)),
      ),
    );
}

export async function hitsInWindow(
  db: Db,
  bucket: string,
  windowSeconds: number,
  now = new Date(),
): Promise<number> {
  const [row] = await db
    .select({ hits: rateLimitCounters.hits })
    .from(rateLimitCounters)
    .where(
      and(
        eq(rateLimitCounters.bucket, bucket),
        eq(rateLimitCounters.windowStart, windowStartFor(now, windowSeconds)),
      ),
    );
  return row?.hits ?? 0;
}

/** Counters outlive their window by a day at most; the housekeeping timer clears the rest. */
export async function pruneRateLimitCounters(db: Db, now = new Date()): Promise<number> {
  const removed = await db
    .delete(rateLimitCounters)
    .where(lt(rateLimitCounters.windowStart, new Date(now.getTime() - 24 * 3600_000)))
    .returning({ bucket: rateLimitCounters.bucket });
  return removed.length;
}
