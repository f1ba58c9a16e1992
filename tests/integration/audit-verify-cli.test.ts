import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectPglite, migrateDatabase, type Database } from '@/db';
import { systemActor } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';

import { testMeta } from '../factories';
import { testDb } from '../setup/database';
import { sealEverything } from '../setup/seal';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-verify-'));
const headFile = path.join(dataDir, 'audit-heads.txt');
const serverUrl = process.env.DATABASE_URL;

// On PostgreSQL the command reads this file's own test database; on PGlite, which allows one
// opener at a time, a database folder of its own that the test opens only between runs.
let databaseSetting: { DATABASE_URL: string } | { PGLITE_DIR: string };
let withDatabase: <T>(work: (db: Database) => Promise<T>) => Promise<T>;

function auditVerify(args: string[], settings: { AUDIT_HEAD_FILE?: string }) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    AUDIT_HEAD_FILE: settings.AUDIT_HEAD_FILE ?? '',
  };
  delete env.DATABASE_URL;
  Object.assign(env, databaseSetting);
  return run(
    path.join(root, 'node_modules/.bin/tsx'),
    ['--conditions=react-server', 'scripts/audit-verify.ts', ...args],
    {
      cwd: root,
      env,
    },
  ).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
}

beforeAll(async () => {
  if (serverUrl) {
    const result = await testDb().execute<{ name: string }>(sql`select current_database() as name`);
    const url = new URL(serverUrl);
    url.pathname = `/${(result as unknown as { name: string }[])[0]!.name}`;
    databaseSetting = { DATABASE_URL: url.toString() };
    withDatabase = (work) => work(testDb());
  } else {
    const folder = path.join(dataDir, 'db');
    databaseSetting = { PGLITE_DIR: folder };
    withDatabase = async (work) => {
      const connection = await connectPglite(folder);
      try {
        await migrateDatabase(connection);
        return await work(connection.db);
      } finally {
        await connection.close();
      }
    };
  }
  await withDatabase(async (db) => {
    for (const n of [1, 2, 3]) {
      await auditedTransaction(db, systemActor, testMeta, ({ audit }) =>
        audit({ action: 'account.created', metadata: { n } }),
      );
    }
    await sealEverything(db);
  });
}, 60_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run audit:verify', () => {
  it('refuses --record when there is nowhere outside the database to write the head', async () => {
    expect(await auditVerify(['--record'], {})).toMatchObject({
      code: 1,
      output: expect.stringContaining('--record needs AUDIT_HEAD_FILE'),
    });
  });

  it('records the head, and later catches a chain rewritten after it with every hash recomputed', async () => {
    const recorded = await auditVerify(['--record'], { AUDIT_HEAD_FILE: headFile });
    expect(recorded).toMatchObject({
      code: 0,
      output: expect.stringMatching(
        /Audit trail OK: 3 events, head 3 [0-9a-f]{64}\n[^]*Recorded in /,
      ),
    });
    expect(readFileSync(headFile, 'utf8')).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z 3 [0-9a-f]{64}\n$/);

    // What someone with the owner's rights could do: edit an event, then rebuild the chain from it.
    await withDatabase(async (db) => {
      await db.execute(sql`alter table audit_events disable trigger user`);
      await db.execute(sql`alter table audit_chain_head disable trigger audit_chain_head_guard`);
      await db.execute(sql`update audit_events set metadata = '{"n": 20}' where chain_seq = 2`);
      await db.execute(sql`
        do $$
        declare event record; running text;
        begin
          select hash into running from audit_events where chain_seq = 1;
          for event in select id from audit_events where chain_seq >= 2 order by chain_seq loop
            update audit_events set prev_hash = running where id = event.id;
            update audit_events e set hash = audit_event_hash(running, e) where e.id = event.id returning e.hash into running;
          end loop;
          update audit_chain_head set hash = running where id = 1;
        end $$`);
      await db.execute(sql`alter table audit_chain_head enable trigger audit_chain_head_guard`);
      await db.execute(sql`alter table audit_events enable trigger user`);
    });

    // Reaching the recorded-head check at event 3 means events 1 to 3 chained up on their own:
    // only the head written down outside the database tells the rewrite apart.
    expect(await auditVerify([], { AUDIT_HEAD_FILE: headFile })).toMatchObject({
      code: 2,
      output: expect.stringMatching(
        /Audit trail BROKEN at event 3 \(id \d+\): differs from the head recorded outside the database/,
      ),
    });
  }, 120_000);

  it('reports the events waiting to be sealed, checks them as they stand, and seals them with --seal', async () => {
    const fresh = path.join(dataDir, 'unsealed');
    const setting = serverUrl ? databaseSetting : { PGLITE_DIR: fresh };
    const open = serverUrl
      ? withDatabase
      : async <T>(work: (db: Database) => Promise<T>) => {
          const connection = await connectPglite(fresh);
          try {
            await migrateDatabase(connection);
            return await work(connection.db);
          } finally {
            await connection.close();
          }
        };
    const saved = databaseSetting;
    databaseSetting = setting;
    try {
      await open(async (db) => {
        // On PostgreSQL this is the database of the test above: its rewritten chain is whole
        // (only the head file told it apart), and three events long.
        for (const n of [4, 5]) {
          await auditedTransaction(db, systemActor, testMeta, ({ audit }) =>
            audit({ action: 'account.created', metadata: { n } }),
          );
        }
      });
      const sealedBefore = serverUrl ? 3 : 0;
      expect(await auditVerify([], {})).toMatchObject({
        code: 0,
        output: expect.stringMatching(
          new RegExp(`Audit trail OK: ${sealedBefore} events[^]*2 newer events wait to be sealed`),
        ),
      });
      expect(await auditVerify(['--seal'], {})).toMatchObject({
        code: 0,
        output: expect.stringMatching(
          new RegExp(
            `Audit trail OK: ${sealedBefore + 2} events[^]*Sealed 2 events before checking`,
          ),
        ),
      });
    } finally {
      databaseSetting = saved;
    }
  }, 120_000);
});
