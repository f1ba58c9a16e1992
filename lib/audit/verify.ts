import 'server-only';

import { sql } from 'drizzle-orm';

import type { Db } from '@/db';

const GENESIS_HASH = '0'.repeat(64);
const PAGE_SIZE = 5_000;

/** What waits to be sealed: counted and checked, not yet part of the chain (decision 15). */
interface UnsealedTail {
  count: number;
  oldestAt: Date | null;
}

export type ChainVerdict =
  | { ok: true; count: number; headSeq: number; headHash: string; unsealed: UnsealedTail }
  | { ok: false; count: number; problem: string; eventId: number | null; chainSeq: number | null };

type ChainRow = {
  chain_seq: string | number;
  id: string | number;
  txid: string | number;
  prev_hash: string;
  hash: string;
  expected: string;
};

type TailRow = {
  count: string | number;
  oldest_at: string | Date | null;
  rewritten_id: string | number | null;
};

/**
 * The events not sealed yet. An unsealed event is only ever written by its own transaction, so
 * its row version must still carry that transaction's id (xmin, the low 32 bits of its txid); a
 * row rewritten since (an UPDATE with the guard switched off) carries another. Caught only
 * while unsealed: once sealed, an event's hash covers it as it then stood.
 */
export async function checkUnsealedEvents(
  db: Db,
): Promise<{ ok: true; tail: UnsealedTail } | { ok: false; problem: string; eventId: number }> {
  const [row] = rowsOf<TailRow>(
    await db.execute<TailRow>(sql`
      select count(*) as count, min(occurred_at) as oldest_at,
        (select id from audit_events
          where chain_seq is null and xmin::text::bigint <> txid % 4294967296
          order by txid, id limit 1) as rewritten_id
      from audit_events where chain_seq is null`),
  );
  if (row?.rewritten_id !== null && row?.rewritten_id !== undefined)
    return {
      ok: false,
      eventId: Number(row.rewritten_id),
      problem: 'an event not sealed yet was changed after it was written (edited)',
    };
  return {
    ok: true,
    tail: {
      count: Number(row?.count ?? 0),
      oldestAt: row?.oldest_at ? new Date(row.oldest_at) : null,
    },
  };
}

/**
 * Walks the audit chain from the first event to the head, a page at a time (memory stays flat
 * on millions of rows), recomputing each hash in the database with the same function that
 * wrote it. Names the first event where the chain breaks: an edited event no longer matches
 * its hash; a deleted one leaves a gap; an inserted or forged one does not follow its
 * predecessor; from the first batch-sealed position on, an event sealed out of (txid, id)
 * order. A known earlier head (recorded outside the database) must still be there. Then checks
 * the unsealed tail (checkUnsealedEvents), which is reported, not counted.
 */
export async function verifyAuditChain(
  db: Db,
  options: { recordedHeads?: { seq: number; hash: string }[] } = {},
): Promise<ChainVerdict> {
  const [head] = rowsOf<{ seq: string | number; hash: string; sealed_from: string | number }>(
    await db.execute<{ seq: string | number; hash: string; sealed_from: string | number }>(
      sql`select seq, hash, sealed_from from audit_chain_head where id = 1`,
    ),
  );
  if (!head)
    return {
      ok: false,
      count: 0,
      problem: 'the chain head is missing',
      eventId: null,
      chainSeq: null,
    };
  const headSeq = Number(head.seq);
  const sealedFrom = Number(head.sealed_from);

  const outside = rowsOf<{ id: string | number; chain_seq: string | number }>(
    await db.execute<{ id: string | number; chain_seq: string | number }>(
      sql`select id, chain_seq from audit_events where chain_seq > ${headSeq} order by chain_seq limit 1`,
    ),
  )[0];

  const recorded = new Map((options.recordedHeads ?? []).map((entry) => [entry.seq, entry.hash]));
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let previousOrder: [bigint, bigint] | null = null;
  let count = 0;
  for (;;) {
    const page = rowsOf<ChainRow>(
      await db.execute<ChainRow>(sql`
        select chain_seq, id, txid, prev_hash, hash, audit_event_hash(prev_hash, e) as expected
        from audit_events e
        where chain_seq >= ${expectedSeq} and chain_seq <= ${headSeq}
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
      const order: [bigint, bigint] = [BigInt(row.txid), BigInt(row.id)];
      if (
        seq > sealedFrom &&
        previousOrder &&
        (order[0] < previousOrder[0] ||
          (order[0] === previousOrder[0] && order[1] <= previousOrder[1]))
      )
        return {
          ok: false,
          ...at,
          problem: 'was sealed out of order (before an event of an earlier transaction)',
        };
      const recordedHash = recorded.get(seq);
      if (recordedHash && recordedHash !== row.hash)
        return {
          ok: false,
          ...at,
          problem: 'differs from the head recorded outside the database (the chain was rewritten)',
        };
      previousHash = row.hash;
      previousOrder = order;
      expectedSeq += 1;
      count += 1;
    }
    if (page.length < PAGE_SIZE) break;
  }

  if (outside)
    return {
      ok: false,
      count,
      problem: 'an event outside the chain (a place beyond its head)',
      eventId: Number(outside.id),
      chainSeq: Number(outside.chain_seq),
    };
  if (headSeq !== count || head.hash !== previousHash) {
    return {
      ok: false,
      count,
      problem: `the chain ends at event ${count} but its head says ${headSeq} (events at the end were deleted)`,
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
  const tail = await checkUnsealedEvents(db);
  if (!tail.ok)
    return { ok: false, count, problem: tail.problem, eventId: tail.eventId, chainSeq: null };
  return { ok: true, count, headSeq: count, headHash: previousHash, unsealed: tail.tail };
}

/** drizzle's execute returns rows directly on postgres.js and as `.rows` on PGlite. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
