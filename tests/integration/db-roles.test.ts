import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectPostgres, type DatabaseConnection } from '@/db';
import { auditEvents, auditRowChanges, children } from '@/db/schema';
import { systemActor } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { verifyAuditChain } from '@/lib/audit/verify';

import { testMeta } from '../factories';
import { testDb } from '../setup/database';
import { rejectionText } from '../setup/errors';
import { sealEverything } from '../setup/seal';

/**
 * db/roles.sql, applied with psql exactly as an operator would, then the portal run as the
 * app role it creates. PGlite has a single superuser and enforces no grants, so this file only
 * means something on PostgreSQL (npm test runs it there).
 */
const serverUrl = process.env.DATABASE_URL;
const needsPostgres = !serverUrl;
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

// Roles belong to the whole server: unique names keep parallel runs apart.
const suffix = randomBytes(4).toString('hex');
const ownerRole = `portal_owner_${suffix}`;
const appRole = `portal_app_${suffix}`;
const appPassword = randomBytes(12).toString('hex');

let databaseUrl: URL;
let app: DatabaseConnection | undefined;

async function rows<T>(
  db: { execute: (query: ReturnType<typeof sql>) => Promise<unknown> },
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  const result = await db.execute(query);
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

function applyRolesSql() {
  return run(
    'psql',
    [
      databaseUrl.toString(),
      '-X',
      '-q',
      '-v',
      `owner_role=${ownerRole}`,
      '-v',
      `app_role=${appRole}`,
      '-v',
      `app_password=${appPassword}`,
      '-f',
      'db/roles.sql',
    ],
    { cwd: root },
  ).catch((error: { code?: string | number; stderr?: string }) => {
    throw new Error(
      error.code === 'ENOENT'
        ? 'psql is needed to apply db/roles.sql (apt-get install postgresql-client)'
        : `psql failed: ${error.stderr}`,
    );
  });
}

/** The app role's rights on each table of the schema, as "SIUDT" letters (– where refused). */
async function appPrivileges(): Promise<Record<string, string>> {
  const result = await rows<{ table_name: string; privileges: string }>(
    testDb(),
    sql`select c.relname as table_name,
          string_agg(case when has_table_privilege(${appRole}, c.oid, p.name) then p.letter else '-' end, '' order by p.position) as privileges
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        cross join (values (1, 'SELECT', 'S'), (2, 'INSERT', 'I'), (3, 'UPDATE', 'U'), (4, 'DELETE', 'D'), (5, 'TRUNCATE', 'T')) as p(position, name, letter)
        where n.nspname = 'public' and c.relkind = 'r'
        group by c.relname`,
  );
  return Object.fromEntries(result.map((row) => [row.table_name, row.privileges]));
}

async function chainHeadSeq(db: DatabaseConnection['db']): Promise<number> {
  const [head] = await rows<{ seq: string }>(
    db,
    sql`select seq from audit_chain_head where id = 1`,
  );
  return Number(head!.seq);
}

beforeAll(async () => {
  if (needsPostgres) return;
  const [current] = await rows<{ name: string }>(testDb(), sql`select current_database() as name`);
  databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${current!.name}`;
  // Twice: a re-run after each migration must be harmless.
  await applyRolesSql();
  await applyRolesSql();
  const appUrl = new URL(databaseUrl);
  appUrl.username = appRole;
  appUrl.password = appPassword;
  app = await connectPostgres(appUrl.toString());
}, 60_000);

afterAll(async () => {
  if (needsPostgres) return;
  await app?.close();
  // Hand back what the owner owns (the test database itself included) before the roles go.
  await testDb().execute(sql.raw(`reassign owned by ${ownerRole} to current_user`));
  // One role at a time: in one statement PostgreSQL 15 tries to drop their shared default ACL twice.
  await testDb().execute(sql.raw(`drop owned by ${appRole}`));
  await testDb().execute(sql.raw(`drop owned by ${ownerRole}`));
  await testDb().execute(sql.raw(`drop role ${appRole}`));
  await testDb().execute(sql.raw(`drop role ${ownerRole}`));
});

describe('db/roles.sql (PostgreSQL only: on PGlite, with one superuser and no grants enforced, these tests are skipped)', () => {
  it.skipIf(needsPostgres)(
    'makes the owner own every table and function, and gives the app rows on business tables and only appends on the trail',
    async () => {
      const owners = await rows<{ owner: string; n: number }>(
        testDb(),
        sql`select pg_get_userbyid(relowner) as owner, count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname in ('public', 'drizzle') and relkind in ('r', 'S') group by 1
          union all
          select pg_get_userbyid(proowner), count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' group by 1`,
      );
      expect(new Set(owners.map((row) => row.owner))).toEqual(new Set([ownerRole]));

      const privileges = await appPrivileges();
      expect(privileges).toMatchObject({
        audit_events: 'SI---',
        audit_row_changes: 'SI---',
        audit_chain_head: 'S----',
        children: 'SIUD-',
        users: 'SIUD-',
      });
      for (const [table, rights] of Object.entries(privileges)) {
        expect(rights, table).toBe(
          table === 'audit_chain_head' ? 'S----' : table.startsWith('audit_') ? 'SI---' : 'SIUD-',
        );
      }
      // What roles.sql locks down is found by name: a table outside the row-change audit (the
      // trail itself, see audit-coverage.test.ts) must be named audit_*, or the app could edit it.
      const unwatched = await rows<{ relname: string }>(
        testDb(),
        sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'
            and not exists (select from pg_trigger t where t.tgrelid = c.oid and t.tgname = 'audit_row_change')`,
      );
      expect(
        unwatched.filter((row) => !row.relname.startsWith('audit_')),
        'audit tables not named audit_*',
      ).toEqual([]);
    },
  );

  it.skipIf(needsPostgres)(
    'lets the app change business rows through the audited path, and seal the chain it cannot update',
    async () => {
      const db = app!.db;
      await sealEverything(db);
      const before = await chainHeadSeq(db);
      const child = await auditedTransaction(db, systemActor, testMeta, async ({ tx, audit }) => {
        const [created] = await tx
          .insert(children)
          .values({ firstName: 'Ro', lastName: `Roles${suffix}`, dateOfBirth: '2021-03-03' })
          .returning();
        await audit({
          action: 'child.created',
          targetType: 'child',
          targetId: created!.id,
          childId: created!.id,
        });
        return created!;
      });
      await auditedTransaction(db, systemActor, testMeta, async ({ tx, audit }) => {
        await tx.update(children).set({ preferredName: 'Rory' }).where(eq(children.id, child.id));
        await audit({
          action: 'child.updated',
          targetType: 'child',
          targetId: child.id,
          childId: child.id,
          metadata: { fields: ['preferredName'] },
        });
      });
      await auditedTransaction(db, systemActor, testMeta, ({ tx }) =>
        tx.delete(children).where(eq(children.id, child.id)),
      );

      // The app's role has no UPDATE on audit_events; it seals through audit_seal_chain, which
      // runs as the owner.
      await sealEverything(db);
      expect(await chainHeadSeq(db)).toBe(before + 2);
      const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, child.id));
      expect(events.map((event) => event.action).sort()).toEqual([
        'child.created',
        'child.updated',
      ]);
      const changes = await db
        .select()
        .from(auditRowChanges)
        .where(eq(auditRowChanges.rowId, child.id));
      expect(changes.map((change) => change.operation).sort()).toEqual([
        'DELETE',
        'INSERT',
        'UPDATE',
      ]);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    },
  );

  it.skipIf(needsPostgres)(
    'refuses the app every change to the trail by grant, before any trigger is reached',
    async () => {
      const db = app!.db;
      await auditedTransaction(db, systemActor, testMeta, ({ audit }) =>
        audit({ action: 'account.created' }),
      );
      const refusals: [string, RegExp][] = [
        ['update audit_events set action = action', /permission denied for table audit_events/],
        [
          'update audit_events set chain_seq = null where chain_seq is null',
          /permission denied for table audit_events/,
        ],
        ['delete from audit_events', /permission denied for table audit_events/],
        ['truncate audit_events', /permission denied for table audit_events/],
        [
          'update audit_row_changes set operation = operation',
          /permission denied for table audit_row_changes/,
        ],
        ['delete from audit_row_changes', /permission denied for table audit_row_changes/],
        ['update audit_chain_head set seq = seq', /permission denied for table audit_chain_head/],
        [
          "insert into audit_chain_head (id, seq, hash) values (2, 0, 'forged')",
          /permission denied for table audit_chain_head/,
        ],
        ['delete from audit_chain_head', /permission denied for table audit_chain_head/],
        [
          "select setval('audit_events_id_seq', 1)",
          /permission denied for sequence audit_events_id_seq/,
        ],
        [
          'alter table audit_events disable trigger audit_events_append_only',
          /must be owner of table audit_events/,
        ],
        [
          'alter table audit_events disable trigger audit_events_seal',
          /must be owner of table audit_events/,
        ],
        [`set role ${ownerRole}`, /permission denied to set role/],
      ];
      for (const [statement, refusal] of refusals) {
        expect(await rejectionText(db.execute(sql.raw(statement))), statement).toMatch(refusal);
      }
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    },
  );

  it.skipIf(needsPostgres)(
    'gives a table from a later migration the business grants at once, and an audit_* one only appends after the file runs again',
    async () => {
      await testDb().transaction(async (tx) => {
        await tx.execute(sql.raw(`set local role ${ownerRole}`));
        await tx.execute(sql`create table later_widgets (id bigserial primary key, label text)`);
        await tx.execute(
          sql`create table audit_widget_exports (id bigserial primary key, note text)`,
        );
      });
      expect(await appPrivileges()).toMatchObject({
        later_widgets: 'SIUD-',
        audit_widget_exports: 'SIUD-',
      });

      await applyRolesSql();
      expect(await appPrivileges()).toMatchObject({
        later_widgets: 'SIUD-',
        audit_widget_exports: 'SI---',
      });
      await app!.db.execute(sql`insert into later_widgets (label) values ('a')`);
      await app!.db.execute(sql`insert into audit_widget_exports (note) values ('a')`);
      expect(await rejectionText(app!.db.execute(sql`delete from audit_widget_exports`))).toMatch(
        /permission denied for table audit_widget_exports/,
      );
    },
  );
});
