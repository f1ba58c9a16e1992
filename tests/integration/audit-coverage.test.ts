import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import {
  auditEvents,
  auditRowChanges,
  children,
  guardianships,
  staffRoleAssignments,
  users,
} from '@/db/schema';
import { systemActor } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';

import { createParent, createStaffMember, testMeta } from '../factories';
import { testDb } from '../setup/database';
import { rejectionText } from '../setup/errors';

// The audit tables are the trail itself; every other table must be watched by the trigger.
const AUDIT_TABLES = ['audit_events', 'audit_row_changes', 'audit_chain_head'];

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await testDb().execute(query);
  return ((result as unknown as { rows?: T[] }).rows ?? (result as unknown as T[])) as T[];
}

describe('row-level audit coverage', () => {
  it('has the audit trigger on every table in the schema', async () => {
    const tables = await rows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const triggered = await rows<{ table_name: string }>(
      sql`select c.relname as table_name from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and t.tgname = 'audit_row_change' and not t.tgisinternal`,
    );
    const withTrigger = new Set(triggered.map((r) => r.table_name));
    const missing = tables
      .map((t) => t.table_name)
      .filter((name) => !AUDIT_TABLES.includes(name) && !withTrigger.has(name));
    expect(tables.length).toBeGreaterThan(5);
    expect(missing, `tables without SELECT audit_attach('<table>') in a migration`).toEqual([]);
    // Inserts are recorded by a statement trigger (one INSERT … SELECT for all the new rows).
    const inserts = await rows<{ table_name: string; row_level: boolean }>(
      sql`select c.relname as table_name, (t.tgtype & 1) = 1 as row_level from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and t.tgname = 'audit_row_insert' and not t.tgisinternal`,
    );
    expect(inserts.filter((r) => !r.row_level).map((r) => r.table_name)).toEqual(
      expect.arrayContaining([...withTrigger]),
    );
  });

  it('records each row of a many-row insert, with its key and every column name', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const staff = await createStaffMember(db, []);
    const actor = { id: parent.id, kind: 'parent' as const, role: 'parent' };
    const inserted = await auditedTransaction(db, actor, testMeta, async ({ tx }) => {
      await tx.insert(staffRoleAssignments).values([
        { userId: staff.id, role: 'clinical' },
        { userId: staff.id, role: 'admin' },
      ]);
      return tx
        .insert(children)
        .values(
          ['Ada', 'Bo', 'Cy'].map((firstName) => ({
            firstName,
            lastName: 'Many',
            dateOfBirth: '2020-02-02',
          })),
        )
        .returning({ id: children.id });
    });
    const changes = await db
      .select()
      .from(auditRowChanges)
      .where(
        sql`${auditRowChanges.operation} = 'INSERT' and ${auditRowChanges.rowId} in (${sql.join(
          [...inserted.map((row) => row.id), `${staff.id}:clinical`, `${staff.id}:admin`].map(
            (id) => sql`${id}`,
          ),
          sql`, `,
        )})`,
      )
      .orderBy(auditRowChanges.id);
    // The column names, as to_jsonb of a row lists them, sorted by the database.
    const [columns] = await rows<{ names: string[] }>(
      sql`select array(select jsonb_object_keys(to_jsonb(c)) order by 1) as names from children c limit 1`,
    );
    expect(changes.map((c) => [c.tableName, c.rowId])).toEqual([
      ['staff_role_assignments', `${staff.id}:clinical`],
      ['staff_role_assignments', `${staff.id}:admin`],
      ...inserted.map((row) => ['children', row.id]),
    ]);
    for (const change of changes)
      expect(change).toMatchObject({
        actorId: parent.id,
        actorKind: 'parent',
        requestId: testMeta.requestId,
      });
    expect(changes.at(-1)?.changedColumns).toEqual(columns!.names);
    expect(changes.at(-1)?.changedColumns).toContain('date_of_birth');
  });

  it('records the acting user, the request and only the names of changed columns', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const actor = { id: parent.id, kind: 'parent' as const, role: 'parent' };
    await auditedTransaction(db, actor, testMeta, async ({ tx }) => {
      await tx.update(users).set({ firstName: 'Changed' }).where(eq(users.id, parent.id));
    });
    const [change] = await db
      .select()
      .from(auditRowChanges)
      .where(eq(auditRowChanges.rowId, parent.id))
      .orderBy(sql`${auditRowChanges.id} desc`)
      .limit(1);
    expect(change).toMatchObject({
      tableName: 'users',
      operation: 'UPDATE',
      actorId: parent.id,
      actorKind: 'parent',
      requestId: testMeta.requestId,
    });
    expect(change?.changedColumns).toEqual(['first_name', 'updated_at']);
    expect(JSON.stringify(change)).not.toContain('Changed');
  });

  it('ties audit events to the row changes of the same transaction', async () => {
    const db = testDb();
    const parent = await createParent(db);
    await auditedTransaction(db, systemActor, testMeta, async ({ tx, audit }) => {
      await tx.update(users).set({ lastName: 'Linked' }).where(eq(users.id, parent.id));
      await audit({ action: 'account.created', targetType: 'user', targetId: parent.id });
    });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, parent.id));
    const changes = await db
      .select()
      .from(auditRowChanges)
      .where(eq(auditRowChanges.txid, event!.txid));
    expect(changes.map((c) => c.tableName)).toContain('users');
  });

  it('keeps the transaction-local actor from leaking into later statements', async () => {
    const db = testDb();
    const parent = await createParent(db);
    await auditedTransaction(
      db,
      { id: parent.id, kind: 'parent', role: 'parent' },
      testMeta,
      async () => {},
    );
    const [setting] = await rows<{ actor: string | null }>(
      sql`select nullif(current_setting('app.actor_id', true), '') as actor`,
    );
    expect(setting?.actor ?? null).toBeNull();
  });
});

describe('the audit trail is append-only', () => {
  for (const table of AUDIT_TABLES) {
    for (const statement of ['update', 'delete', 'truncate'] as const) {
      it(`refuses ${statement.toUpperCase()} on ${table}`, async () => {
        const db = testDb();
        await auditedTransaction(db, systemActor, testMeta, ({ audit }) =>
          audit({ action: 'account.created' }),
        );
        const query =
          statement === 'update'
            ? sql.raw(
                table === 'audit_chain_head'
                  ? 'update audit_chain_head set seq = seq'
                  : `update ${table} set occurred_at = now()`,
              )
            : statement === 'delete'
              ? sql.raw(`delete from ${table}`)
              : sql.raw(`truncate ${table}`);
        expect(await rejectionText(db.execute(query))).toMatch(/append-only/);
        const [count] = await rows<{ n: number }>(
          sql.raw(`select count(*)::int as n from ${table}`),
        );
        expect(count!.n).toBeGreaterThan(0);
      });
    }
  }
});

describe('account kinds are enforced by the database', () => {
  it('refuses a staff account as a guardian, a role for a parent, and a change of kind', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const staff = await createStaffMember(db, ['clinical']);
    const [child] = await db
      .insert(children)
      .values({ firstName: 'Lee', lastName: 'Guard', dateOfBirth: '2019-09-09' })
      .returning();
    expect(
      await rejectionText(
        db
          .insert(guardianships)
          .values({ childId: child!.id, guardianUserId: staff.id, relationship: 'Nurse' }),
      ),
    ).toMatch(/only a parent account can be a guardian/);
    expect(
      await rejectionText(
        db.insert(staffRoleAssignments).values({ userId: parent.id, role: 'admin' }),
      ),
    ).toMatch(/only a staff account can hold a staff role/);
    expect(
      await rejectionText(db.update(users).set({ kind: 'staff' }).where(eq(users.id, parent.id))),
    ).toMatch(/cannot change between parent and staff/);
    await db
      .insert(guardianships)
      .values({ childId: child!.id, guardianUserId: parent.id, relationship: 'Father' });
  });
});
