import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';

import { connectPglite, connectPostgres, type DatabaseConnection } from '@/db';
import { systemActor } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { verifyAuditChain } from '@/lib/audit/verify';

import { testMeta } from '../factories';
import { sealEverything, unsealedCount } from '../setup/seal';

const root = path.resolve(import.meta.dirname, '../..');
const SEALING_MIGRATION = '0020_audit_batch_sealing';
const folders: string[] = [];

/** The migrations folder as it stood before batch sealing: every migration up to 0019. */
function migrationsBeforeSealing(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'portal-before-sealing-'));
  folders.push(folder);
  cpSync(path.join(root, 'drizzle'), folder, { recursive: true });
  const journalPath = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const cut = journal.entries.findIndex((entry) => entry.tag === SEALING_MIGRATION);
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

async function migrate(connection: DatabaseConnection, migrationsFolder: string) {
  if (connection.driver === 'postgres') {
    const { migrate: run } = await import('drizzle-orm/postgres-js/migrator');
    await run(connection.db as unknown as Parameters<typeof run>[0], { migrationsFolder });
  } else {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(connection.db as unknown as Parameters<typeof run>[0], { migrationsFolder });
  }
}

/** A scratch database of this test's own: PGlite in memory, or a new one on DATABASE_URL's server. */
async function scratchDatabase(): Promise<DatabaseConnection> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return connectPglite();
  const { default: postgres } = await import('postgres');
  const name = `portal_test_sealing_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const connection = await connectPostgres(url.toString());
  return {
    ...connection,
    async close() {
      await connection.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('migration 0020 (batch sealing) on a database chained the old way', () => {
  it('keeps every chained event valid, and seals the new ones after them', async () => {
    const connection = await scratchDatabase();
    try {
      const { db } = connection;
      await migrate(connection, migrationsBeforeSealing());
      const write = (n: number) =>
        auditedTransaction(db, systemActor, testMeta, ({ audit }) =>
          audit({ action: 'account.created', metadata: { n } }),
        );
      for (const n of [1, 2, 3]) await write(n);
      // The old chain as its own trigger left it (the verifier of this version reads columns
      // the old schema does not have yet).
      const rows = async <T>(query: ReturnType<typeof sql>) => {
        const result = await db.execute(query);
        return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
      };
      const [old] = await rows<{ seq: string | number; hash: string }>(
        sql`select seq, hash from audit_chain_head where id = 1`,
      );
      const before = { headSeq: Number(old!.seq), headHash: old!.hash };
      expect(before.headSeq).toBe(3);

      await migrate(connection, path.join(root, 'drizzle'));
      const [head] = await rows<{ sealed_from: string | number }>(
        sql`select sealed_from from audit_chain_head`,
      );
      expect(Number(head!.sealed_from)).toBe(before.headSeq + 1);
      expect(await verifyAuditChain(db)).toMatchObject({
        ok: true,
        headSeq: before.headSeq,
        headHash: before.headHash,
      });

      for (const n of [4, 5]) await write(n);
      expect(await unsealedCount(db)).toBe(2);
      await sealEverything(db);
      expect(
        await verifyAuditChain(db, {
          recordedHeads: [{ seq: before.headSeq, hash: before.headHash }],
        }),
      ).toMatchObject({ ok: true, headSeq: before.headSeq + 2, unsealed: { count: 0 } });
    } finally {
      await connection.close();
    }
  }, 120_000);
});
