import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import type { Db } from '@/db';
import { anonymousActor } from '@/lib/audit/events';
import { sealAuditChain } from '@/lib/audit/seal';
import { auditedTransaction } from '@/lib/audit/transaction';
import { verifyAuditChain, type ChainVerdict } from '@/lib/audit/verify';

import { testMeta } from '../factories';
import { testDb } from '../setup/database';
import { rejectionText } from '../setup/errors';
import { sealEverything, unsealedCount } from '../setup/seal';

class Rollback extends Error {}

/** Tampers inside a transaction that is then rolled back, so each test starts from a sound chain. */
async function verdictAfter(tamper: (tx: Db) => Promise<unknown>): Promise<ChainVerdict> {
  let verdict: ChainVerdict | undefined;
  await testDb()
    .transaction(async (tx) => {
      // What the owner could do: switch the guards off, change the trail, switch them back on.
      await tx.execute(sql`alter table audit_events disable trigger user`);
      await tamper(tx);
      await tx.execute(sql`alter table audit_events enable trigger user`);
      verdict = await verifyAuditChain(tx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return verdict!;
}

/** Writes `count` events at once, then seals them as the server's sealer would. */
async function writeEvents(count: number) {
  await writeUnsealedEvents(count);
  await sealEverything(testDb());
}

async function writeUnsealedEvents(count: number) {
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      auditedTransaction(
        testDb(),
        anonymousActor,
        { ...testMeta, requestId: `chain-${index}` },
        ({ audit }) =>
          audit({
            action: 'action.denied',
            outcome: 'denied',
            metadata: { action: 'test', n: index },
          }),
      ),
    ),
  );
}

async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await db.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as unknown as { rows: T[] }).rows;
}

async function middleEvent(db: Db): Promise<number> {
  const [row] = await rowsOf<{ chain_seq: string }>(
    db,
    sql`select chain_seq from audit_events order by chain_seq offset 3 limit 1`,
  );
  return Number(row!.chain_seq);
}

/** A sealed event, then one that waits to be sealed: the waiting one's id. */
async function waitingEvent(db: Db): Promise<string> {
  await writeEvents(1);
  await writeUnsealedEvents(1);
  const [waiting] = await rowsOf<{ id: string }>(
    db,
    sql`select id from audit_events where chain_seq is null order by id desc limit 1`,
  );
  return waiting!.id;
}

describe('the audit hash chain', () => {
  it('stays unbroken under 50 concurrent audited transactions', async () => {
    await writeEvents(50);
    const verdict = await verifyAuditChain(testDb());
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.ok && verdict.count).toBeGreaterThanOrEqual(50);
    expect(verdict.ok && verdict.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names an event whose metadata was edited', async () => {
    await writeEvents(5);
    const seq = await middleEvent(testDb());
    const verdict = await verdictAfter((tx) =>
      tx.execute(
        sql`update audit_events set metadata = '{"action":"nothing to see"}' where chain_seq = ${seq}`,
      ),
    );
    expect(verdict).toMatchObject({
      ok: false,
      chainSeq: seq,
      problem: expect.stringMatching(/edited/),
    });
  });

  it('names the gap a deleted event leaves, and a deleted last event', async () => {
    await writeEvents(5);
    const seq = await middleEvent(testDb());
    expect(
      await verdictAfter((tx) =>
        tx.execute(sql`delete from audit_events where chain_seq = ${seq}`),
      ),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(new RegExp(`event ${seq} of the chain is missing`)),
    });
    expect(
      await verdictAfter((tx) =>
        tx.execute(
          sql`delete from audit_events where chain_seq = (select max(chain_seq) from audit_events)`,
        ),
      ),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/ends at event/),
    });
  });

  it('names a forged event, inserted with a made-up place beyond the head or inside the chain', async () => {
    await writeEvents(5);
    const forgedOutside = await verdictAfter(async (tx) => {
      await tx.execute(
        sql`insert into audit_events (actor_kind, action, outcome, chain_seq, prev_hash, hash) select 'system', 'record.viewed', 'success', seq + 1, hash, repeat('b', 64) from audit_chain_head`,
      );
    });
    expect(forgedOutside).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/outside the chain/),
    });

    const seq = await middleEvent(testDb());
    const forgedInside = await verdictAfter(async (tx) => {
      // Make room, then slip a forged event into the middle with a plausible-looking hash.
      await tx.execute(
        sql`update audit_events set chain_seq = chain_seq + 1000000 where chain_seq > ${seq}`,
      );
      await tx.execute(
        sql`update audit_events set chain_seq = chain_seq - 1000000 + 1 where chain_seq > 1000000`,
      );
      await tx.execute(
        sql`insert into audit_events (actor_kind, action, outcome, chain_seq, prev_hash, hash) values ('system', 'record.viewed', 'success', ${seq + 1}, (select hash from audit_events where chain_seq = ${seq}), repeat('a', 64))`,
      );
    });
    expect(forgedInside).toMatchObject({ ok: false, chainSeq: seq + 1 });
  });

  it('catches a rewritten chain against a head recorded outside the database', async () => {
    await writeEvents(3);
    const sound = await verifyAuditChain(testDb());
    if (!sound.ok) throw new Error('chain broken before the test');
    expect(
      await verifyAuditChain(testDb(), {
        recordedHeads: [{ seq: sound.headSeq, hash: sound.headHash }],
      }),
    ).toMatchObject({ ok: true });
    expect(
      await verifyAuditChain(testDb(), {
        recordedHeads: [{ seq: sound.headSeq, hash: 'f'.repeat(64) }],
      }),
    ).toMatchObject({ ok: false, problem: expect.stringMatching(/recorded outside/) });
  });
});

describe('sealing the chain in batches', () => {
  it('writes events unsealed, then seals 200 concurrent writers into one chain with no gap or fork', async () => {
    const db = testDb();
    await sealEverything(db);
    const [before] = await rowsOf<{ seq: string | number }>(
      db,
      sql`select seq from audit_chain_head where id = 1`,
    );
    await writeUnsealedEvents(200);
    expect(await unsealedCount(db)).toBe(200);
    // Two sealers at once, as two server instances would run them: one seals, one waits its turn.
    await Promise.all([sealAuditChain(db, 37), sealAuditChain(db, 37)]);
    await sealEverything(db);

    const [chain] = await rowsOf<{ n: string; low: string; high: string; distinct: string }>(
      db,
      sql`select count(*) as n, min(chain_seq) as low, max(chain_seq) as high, count(distinct chain_seq) as distinct
          from audit_events where chain_seq > ${Number(before!.seq)}`,
    );
    expect(Number(chain!.n)).toBe(200);
    expect(Number(chain!.distinct)).toBe(200);
    expect(Number(chain!.high) - Number(chain!.low) + 1).toBe(200);
    const verdict = await verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: true, unsealed: { count: 0 } });
    expect(verdict.ok && verdict.headSeq).toBe(Number(before!.seq) + 200);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'waits for an event whose transaction commits late, then seals it in its place, never skips it (PostgreSQL: PGlite runs one transaction at a time)',
    async () => {
      const db = testDb();
      await sealEverything(db);
      let wrote!: () => void;
      let commit!: () => void;
      const written = new Promise<void>((resolve) => (wrote = resolve));
      const committed = new Promise<void>((resolve) => (commit = resolve));
      const late = auditedTransaction(
        db,
        anonymousActor,
        { ...testMeta, requestId: 'late' },
        async ({ audit }) => {
          await audit({ action: 'action.denied', outcome: 'denied', metadata: { n: 'late' } });
          wrote();
          await committed;
        },
      );
      await written;
      await writeUnsealedEvents(3);
      // The three committed after the late one began: sealing them now would put them ahead of
      // an event of an earlier transaction.
      expect(await sealAuditChain(db)).toBe(0);
      expect(await unsealedCount(db)).toBe(3);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, unsealed: { count: 3 } });

      commit();
      await late;
      await sealEverything(db);
      const order = await rowsOf<{ request_id: string }>(
        db,
        sql`select request_id from audit_events order by chain_seq desc limit 4`,
      );
      expect(order.map((row) => row.request_id).at(-1)).toBe('late');
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    },
  );

  it('names an event sealed out of order, even with every hash recomputed', async () => {
    await writeEvents(3);
    const verdict = await verdictAfter(async (tx) => {
      // Swap the last two events' places and chain them again, hashes and head included.
      await tx.execute(sql`
        do $$
        declare top bigint; running text;
        begin
          select seq into top from audit_chain_head where id = 1;
          update audit_events set chain_seq = -1 where chain_seq = top;
          update audit_events set chain_seq = top where chain_seq = top - 1;
          update audit_events set chain_seq = top - 1 where chain_seq = -1;
          select hash into running from audit_events where chain_seq = top - 2;
          update audit_events set prev_hash = running where chain_seq = top - 1;
          update audit_events e set hash = audit_event_hash(running, e) where chain_seq = top - 1 returning e.hash into running;
          update audit_events set prev_hash = running where chain_seq = top;
          update audit_events e set hash = audit_event_hash(running, e) where chain_seq = top returning e.hash into running;
          alter table audit_chain_head disable trigger audit_chain_head_guard;
          update audit_chain_head set hash = running where id = 1;
          alter table audit_chain_head enable trigger audit_chain_head_guard;
        end $$`);
    });
    expect(verdict).toMatchObject({ ok: false, problem: expect.stringMatching(/out of order/) });
  });

  it('names an event changed while it waited to be sealed', async () => {
    const db = testDb();
    const waiting = await waitingEvent(db);
    const verdict = await verdictAfter((tx) =>
      tx.execute(sql`update audit_events set metadata = '{"n": "changed"}' where id = ${waiting}`),
    );
    expect(verdict).toMatchObject({
      ok: false,
      eventId: Number(waiting),
      problem: expect.stringMatching(/not sealed yet was changed/),
    });
    await sealEverything(db);
  });

  it('lets an UPDATE do one thing only: seal an unsealed event as it stands, once', async () => {
    const db = testDb();
    const waiting = await waitingEvent(db);
    const asSealer = (statement: ReturnType<typeof sql>) =>
      rejectionText(
        db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('portal.audit_sealing', 'on', true)`);
          await tx.execute(statement);
        }),
      );
    expect(
      await rejectionText(
        db.execute(sql`update audit_events set chain_seq = null where id = ${waiting}`),
      ),
    ).toMatch(/append-only/);
    expect(
      await asSealer(sql`update audit_events set metadata = '{}' where id = ${waiting}`),
    ).toMatch(/may not change what it says/);
    expect(
      await asSealer(
        sql`update audit_events set chain_seq = null where chain_seq = (select max(chain_seq) from audit_events)`,
      ),
    ).toMatch(/sealed already/);
    expect(
      await rejectionText(
        db.execute(
          sql`insert into audit_events (actor_kind, action, outcome, chain_seq, prev_hash, hash) values ('system', 'record.viewed', 'success', 999999, 'x', 'y')`,
        ),
      ),
    ).toMatch(/written unsealed/);
    await sealEverything(db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, unsealed: { count: 0 } });
  });
});
