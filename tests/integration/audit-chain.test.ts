import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import type { Db } from '@/db';
import { anonymousActor } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { verifyAuditChain, type ChainVerdict } from '@/lib/audit/verify';

import { testMeta } from '../factories';
import { testDb } from '../setup/database';

class Rollback extends Error {}

/** Tampers inside a transaction that is then rolled back, so each test starts from a sound chain. */
async function verdictAfter(tamper: (tx: Db) => Promise<void>): Promise<ChainVerdict> {
  let verdict: ChainVerdict | undefined;
  await testDb()
    .transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await tamper(tx);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
      verdict = await verifyAuditChain(tx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return verdict!;
}

async function writeEvents(count: number) {
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

async function middleEvent(db: Db): Promise<number> {
  const result = await db.execute<{ chain_seq: string }>(
    sql`select chain_seq from audit_events order by chain_seq offset 3 limit 1`,
  );
  const rows = Array.isArray(result)
    ? result
    : (result as unknown as { rows: { chain_seq: string }[] }).rows;
  return Number(rows[0]!.chain_seq);
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
      tx
        .execute(
          sql`update audit_events set metadata = '{"action":"nothing to see"}' where chain_seq = ${seq}`,
        )
        .then(() => undefined),
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
        tx.execute(sql`delete from audit_events where chain_seq = ${seq}`).then(() => undefined),
      ),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(new RegExp(`event ${seq} of the chain is missing`)),
    });
    expect(
      await verdictAfter((tx) =>
        tx
          .execute(
            sql`delete from audit_events where chain_seq = (select max(chain_seq) from audit_events)`,
          )
          .then(() => undefined),
      ),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/ends at event/),
    });
  });

  it('names a forged event, inserted with or without a made-up place in the chain', async () => {
    await writeEvents(5);
    const forgedOutside = await verdictAfter(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_chain`);
      await tx.execute(sql`alter table audit_events drop constraint audit_events_chained`);
      await tx.execute(
        sql`insert into audit_events (actor_kind, action, outcome) values ('system', 'record.viewed', 'success')`,
      );
    });
    expect(forgedOutside).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/outside the chain/),
    });

    const seq = await middleEvent(testDb());
    const forgedInside = await verdictAfter(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_chain`);
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
