import 'server-only';

import { sql } from 'drizzle-orm';

import type { Db } from '@/db';

const GENESIS_HASH = '0'.repeat(64);
const PAGE_SIZE = 5_000;

export type ChainVerdict =
  | { ok: true; count: number; headSeq: number; headHash: string }
  | { ok: false; count: number; problem: string; eventId: number | null; chainSeq: number | null };

type ChainRow = {
  chain_seq: string | number;
  id: string | number;
  prev_hash: string;
  hash: string;
  expected: string;
};

/**
 * Walks the audit chain from the first event to the head, a page at a time (memory stays flat
 * on millions of rows), recomputing each hash in the database with the same function that
 * wrote it. Names the first event where the chain breaks: an edited event no longer matches
 * its hash; a deleted one leaves a gap; an inserted or forged one does not follow its
 * predecessor. A known earlier head (recorded outside the database) must still be there.
 */
export async function verifyAuditChain(
  db: Db,
  options: { recordedHeads?: { seq: number; hash: string }[] } = {},
): Promise<ChainVerdict> {
  const unchained = await db.execute<{ id: string | number }>(
    sql`select id from audit_events where chain_seq is null or hash is null order by id limit 1`,
  );
  const loose = rowsOf<{ id: string | number }>(unchained)[0];
  if (loose)
    return {
      ok: false,
      count: 0,
      problem: 'an event outside the chain (inserted without its hash)',
      eventId: Number(loose.id),
      chainSeq: null,
    };

  const recorded = new Map((options.recordedHeads ?? []).map((head) => [head.seq, head.hash]));
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const page = rowsOf<ChainRow>(
      await db.execute<ChainRow>(sql`
        select chain_seq, id, prev_hash, hash, audit_event_hash(prev_hash, e) as expected
        from audit_events e
        where chain_seq >= ${expectedSeq}
        order by chain_seq
        limit ${PAGE_SIZE}`),
    );
    for (const row of page) {
      const seq = Number(row.chain_seq);
      const at = { eventId: Number(row.id), chainSeq: seq, count };
      if (seq !== expectedSeq)
        return {
          ok: false,
          ...at,
          problem: `event ${expectedSeq} of the chain is missing (deleted)`,
        };
      if (row.prev_hash !== previousHash)
        return {
          ok: false,
          ...at,
          problem: 'does not follow the event before it (inserted, reordered or forged)',
        };
      if (row.hash !== row.expected)
        return { ok: false, ...at, problem: 'its content no longer matches its hash (edited)' };
      const recordedHash = recorded.get(seq);
      if (recordedHash && recordedHash !== row.hash)
        return {
          ok: false,
          ...at,
          problem: 'differs from the head recorded outside the database (the chain was rewritten)',
        };
      previousHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
    if (page.length < PAGE_SIZE) break;
  }

  const [head] = rowsOf<{ seq: string | number; hash: string }>(
    await db.execute<{ seq: string | number; hash: string }>(
      sql`select seq, hash from audit_chain_head where id = 1`,
    ),
  );
  if (!head)
    return {
      ok: false,
      count,
      problem: 'the chain head is missing',
      eventId: null,
      chainSeq: null,
    };
  if (Number(head.seq) !== count || head.hash !== previousHash) {
    return {
      ok: false,
      count,
      problem: `the chain ends at event ${count} but its head says ${Number(head.seq)} (events at the end were deleted)`,
      eventId: null,
      chainSeq: count,
    };
  }
  for (const seq of recorded.keys()) {
    if (seq > count)
      return {
        ok: false,
        count,
        problem: `a head recorded outside the database (event ${seq}) is no longer in the chain (the end was cut off)`,
        eventId: null,
        chainSeq: seq,
      };
  }
  return { ok: true, count, headSeq: count, headHash: previousHash };
}

/** drizzle's execute returns rows directly on postgres.js and as `.rows` on PGlite. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
