import 'server-only';

import { sql } from 'drizzle-orm';

import { getDb, type Db } from '@/db';
import { describeError, log } from '@/lib/log';

/** Events sealed per call of audit_seal_chain: one short transaction each. */
const SEAL_BATCH = 1_000;

/**
 * How often each server seals the chain. An event waits at most about this long (plus the
 * longest write transaction still open on the server) between its commit and its place in the
 * chain: the window decision 15 describes.
 */
export const SEAL_INTERVAL_MS = 250;

/**
 * Gives every committed, unsealed audit event its place in the hash chain, in batches, through
 * the database's audit_seal_chain (drizzle/0020). Returns how many it sealed. Safe to call from
 * anywhere at any time: while another sealer holds the head, this one seals nothing and returns.
 */
export async function sealAuditChain(db: Db, batchSize = SEAL_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db.execute<{ sealed: number }>(
      sql`select audit_seal_chain(${batchSize}) as sealed`,
    );
    const rows = Array.isArray(result)
      ? (result as { sealed: number }[])
      : (result as unknown as { rows: { sealed: number }[] }).rows;
    const sealed = Number(rows[0]?.sealed ?? 0);
    total += sealed;
    if (sealed < batchSize) return total;
  }
}

/**
 * Seals every event committed before the call, waiting up to `patienceMs` for the transactions
 * that hold the horizon back (an older transaction still open, anywhere on the server). For
 * `audit:verify -- --seal` and tests; returns how many it sealed and how many still wait.
 */
export async function sealCommittedEvents(
  db: Db,
  patienceMs = 5_000,
): Promise<{ sealed: number; waiting: number }> {
  const count = async (below: string | number | null) => {
    const result = await db.execute<{ n: number; last: string | number | null }>(
      below === null
        ? sql`select count(*)::int as n, max(id) as last from audit_events where chain_seq is null`
        : sql`select count(*)::int as n, max(id) as last from audit_events where chain_seq is null and id <= ${below}`,
    );
    const rows = Array.isArray(result)
      ? (result as { n: number; last: string | number | null }[])
      : (result as unknown as { rows: { n: number; last: string | number | null }[] }).rows;
    return rows[0] ?? { n: 0, last: null };
  };
  const { last } = await count(null);
  let sealed = 0;
  const giveUpAt = Date.now() + patienceMs;
  for (;;) {
    sealed += await sealAuditChain(db);
    const waiting = last === null ? 0 : (await count(last)).n;
    if (waiting === 0 || Date.now() > giveUpAt) return { sealed, waiting };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * After a failed run (the database away), the sealer waits this long: it must not keep a pool
 * connection reconnecting four times a second while the pages need the pool back.
 */
const SEAL_RETRY_MS = 5_000;

/**
 * The server's sealer: seals at start, then every SEAL_INTERVAL_MS, never two runs of its own
 * at once. Several instances may each run one; the head's lock lets one seal at a time. A lost
 * database is logged once when it goes and once when it comes back, not every quarter second.
 */
export function startAuditSealer(intervalMs = SEAL_INTERVAL_MS): void {
  const holder = globalThis as typeof globalThis & { __portalAuditSealer?: NodeJS.Timeout };
  if (holder.__portalAuditSealer) return;
  let failing = false;
  const run = async () => {
    try {
      await sealAuditChain(await getDb());
      if (failing) log('info', 'audit_seal_recovered');
      failing = false;
    } catch (error) {
      if (!failing) log('warn', 'audit_seal_failed', describeError(error));
      failing = true;
    }
    holder.__portalAuditSealer = setTimeout(() => void run(), failing ? SEAL_RETRY_MS : intervalMs);
    holder.__portalAuditSealer.unref();
  };
  holder.__portalAuditSealer = setTimeout(() => void run(), 0);
  holder.__portalAuditSealer.unref();
}
