import './load-env';

import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';

import { connectPostgres, migrateDatabase, type Database, type Db } from '@/db';
import { children } from '@/db/schema';
import { systemActor } from '@/lib/audit/events';
import { SEAL_INTERVAL_MS, sealAuditChain } from '@/lib/audit/seal';
import { auditedTransaction } from '@/lib/audit/transaction';
import { env } from '@/lib/env';

const usage =
  'Usage: npm run bench:audit -- [--ops 2000] [--concurrency 8]\nNeeds DATABASE_URL (PostgreSQL); works in a scratch database it creates and drops.';

/**
 * What auditing costs one mutation, measured on a scratch copy of the schema:
 *   (a) the bare change: an UPDATE of one row in a transaction, row-change trigger off;
 *   (b) the change as the portal makes it: auditedTransaction with an audit event, so the
 *       row-change trigger runs and the event is written unsealed, while a sealer seals the
 *       chain every SEAL_INTERVAL_MS beside the writers, as each server does (decision 15);
 *   (c) (b) with no sealer running: the sealer's share of (b);
 *   (d) (c) with the row-change trigger off: what the audit event alone costs;
 *   (s) sealing throughput: the events of a run like (c), then sealed in one go, as after a
 *       restart.
 * Each worker updates its own row, so the workers share no lock: (b) against (a) is what
 * auditing costs a write, and (s) says how far ahead of the writers the sealer stays.
 */

interface Case {
  key: 'a' | 'b' | 'c' | 'd';
  title: string;
  /** Statements that set the scratch database up for this case. */
  setup: string[];
  operation: (db: Database, childId: string, n: number) => Promise<unknown>;
}

interface Result {
  opsPerSecond: number;
  p50: number;
  p95: number;
}

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1)
    throw new Error(`--${name} must be a whole number above 0.\n${usage}`);
  return parsed;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

const updateChild = (db: Db, childId: string, n: number) =>
  db
    .update(children)
    .set({ preferredName: `Bench ${n}` })
    .where(eq(children.id, childId));

const auditedUpdate = (db: Database, childId: string, n: number) =>
  auditedTransaction(
    db,
    systemActor,
    { ipAddress: null, userAgent: 'scripts/bench-audit.ts', requestId: `bench-${n}` },
    async ({ tx, audit }) => {
      await updateChild(tx, childId, n);
      await audit({
        action: 'child.updated',
        targetType: 'child',
        targetId: childId,
        childId,
        metadata: { fields: ['preferredName'] },
      });
    },
  );

const cases: Case[] = [
  {
    key: 'a',
    title: 'bare update, no audit',
    setup: ['alter table children disable trigger audit_row_change'],
    operation: (db, childId, n) => db.transaction((tx) => updateChild(tx, childId, n)),
  },
  {
    key: 'b',
    title: 'audited, sealed beside the writers',
    setup: ['alter table children enable trigger audit_row_change'],
    operation: auditedUpdate,
  },
  { key: 'c', title: 'audited, no sealer running', setup: [], operation: auditedUpdate },
  {
    key: 'd',
    title: 'audit event only, row trigger off',
    setup: ['alter table children disable trigger audit_row_change'],
    operation: auditedUpdate,
  },
];

/** The server's sealer loop, on the scratch database: seals, then waits SEAL_INTERVAL_MS. */
function runSealer(db: Database): { stop: () => Promise<number> } {
  let running = true;
  let sealed = 0;
  const loop = (async () => {
    while (running) {
      sealed += await sealAuditChain(db);
      await new Promise((resolve) => setTimeout(resolve, SEAL_INTERVAL_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return sealed;
    },
  };
}

let stopping = false;

async function measure(
  db: Database,
  rowIds: string[],
  ops: number,
  operation: Case['operation'],
): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    rowIds.map(async (childId) => {
      while (!stopping && next < ops) {
        const n = next++;
        const begun = performance.now();
        await operation(db, childId, n);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((x, y) => x - y);
  return {
    opsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      ops: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const ops = positiveInteger(values.ops, 2000, 'ops');
  const concurrency = positiveInteger(values.concurrency, 8, 'concurrency');
  // One connection per worker and one for the sealer, so the figures measure the database and
  // not a queue for the pool.
  process.env.DB_POOL_MAX = String(concurrency + 1);
  const serverUrl = env().DATABASE_URL;
  if (!serverUrl) {
    console.error(
      'bench:audit needs DATABASE_URL (PostgreSQL). The embedded PGlite runs one statement at a time in this process, so concurrency figures from it would mean nothing.',
    );
    process.exit(1);
  }

  const { default: postgres } = await import('postgres');
  const name = `portal_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  process.once('SIGINT', () => {
    stopping = true;
    console.log('\nStopping; dropping the scratch database…');
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let connection;
  try {
    connection = await connectPostgres(url.toString());
    await migrateDatabase(connection);
    const db = connection.db;
    const rows = await db
      .insert(children)
      .values(
        Array.from({ length: concurrency }, (_, n) => ({
          firstName: 'Bench',
          lastName: `Worker ${n}`,
          dateOfBirth: '2020-01-01',
        })),
      )
      .returning({ id: children.id });
    const rowIds = rows.map((row) => row.id);
    const [server] = await admin<
      { version: string }[]
    >`select current_setting('server_version') as version`;

    console.log(
      `Audit cost: ${ops} operations per case, ${concurrency} concurrent workers, ${availableParallelism()} cores on this machine, PostgreSQL ${server?.version} (scratch database ${name}).`,
    );
    const results = new Map<Case['key'], Result>();
    const unsealed = async () => {
      // postgres.js (this script needs PostgreSQL) returns the rows themselves.
      const [row] = (await db.execute(
        sql`select count(*)::int as n from audit_events where chain_seq is null`,
      )) as unknown as { n: number }[];
      return Number(row?.n ?? 0);
    };
    for (const benchCase of cases) {
      for (const statement of benchCase.setup) await db.execute(sql.raw(statement));
      // Settle each case the same way: tidy the tables the last one churned, then warm up.
      await db.execute(sql`vacuum analyze children, audit_events, audit_row_changes`);
      await measure(db, rowIds, Math.min(100, Math.ceil(ops / 10)), benchCase.operation);
      await sealAuditChain(db);
      const sealer = benchCase.key === 'b' ? runSealer(db) : null;
      const result = await measure(db, rowIds, ops, benchCase.operation);
      const lag = sealer ? await unsealed() : 0;
      await sealer?.stop();
      if (stopping) return;
      results.set(benchCase.key, result);
      console.log(
        `(${benchCase.key}) ${benchCase.title.padEnd(36)} ${result.opsPerSecond.toFixed(0).padStart(7)} ops/s   p50 ${result.p50.toFixed(2).padStart(7)} ms   p95 ${result.p95.toFixed(2).padStart(7)} ms${sealer ? `   ${lag} unsealed at the end` : ''}`,
      );
    }

    // (s): a backlog written with no sealer, then sealed at once.
    await db.execute(sql`alter table children enable trigger audit_row_change`);
    await sealAuditChain(db);
    await measure(db, rowIds, ops, auditedUpdate);
    const backlog = await unsealed();
    const started = performance.now();
    const sealed = await sealAuditChain(db);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `(s) sealing a backlog of ${backlog} events: ${sealed} sealed in ${(seconds * 1000).toFixed(0)} ms, ${(sealed / seconds).toFixed(0)} events/s`,
    );

    const rate = (key: Case['key']) => results.get(key)!.opsPerSecond;
    console.log(`\nThroughput ratios (b/a: target at least 0.80):`);
    console.log(
      `  b/a ${(rate('b') / rate('a')).toFixed(2)}   audited, as the portal does it, against the bare change`,
    );
    console.log(
      `  b/c ${(rate('b') / rate('c')).toFixed(2)}   the sealer running beside the writers`,
    );
    console.log(
      `  d/a ${(rate('d') / rate('a')).toFixed(2)}   the audit event alone (and its round trip for the actor)`,
    );
  } finally {
    await connection?.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
