import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { addChartEntry, removeChartEntry } from '@/app/staff/(office)/patients/[childId]/actions';
import { childActivityForGuardian } from '@/lib/audit/activity';
import {
  auditReportPage,
  auditReportQuery,
  auditReportRows,
  csvCell,
  lookUpNamedPeople,
} from '@/lib/audit/report';
import { defaultAuditFilters, type AuditFilters } from '@/lib/audit/report-filters';
import { recordChildView } from '@/lib/audit/views';
import { actorFor } from '@/lib/auth/actors';
import { todayInPractice } from '@/lib/dates';

import {
  actAs,
  createChildLinkedTo,
  createParent,
  createStaffMember,
  openSession,
  testMeta,
  uniqueSuffix,
} from '../factories';
import { testDb, testDriver } from '../setup/database';

const today = todayInPractice();
const filters = (overrides: Partial<AuditFilters> = {}): AuditFilters => ({
  ...defaultAuditFilters(today),
  ...overrides,
});

async function scene() {
  const db = testDb();
  const parent = await createParent(db, { firstName: 'Robin', lastName: 'Guardian' });
  const child = await createChildLinkedTo(db, parent.id);
  const otherParent = await createParent(db, { firstName: 'Secret', lastName: 'Coparent' });
  await db.execute(
    sql`insert into guardianships (child_id, guardian_user_id, relationship) values (${child.id}, ${otherParent.id}, 'Father')`,
  );
  const nurse = await createStaffMember(db, ['clinical'], {
    firstName: 'Nia',
    lastName: `Nurse${uniqueSuffix()}`,
  });
  return { db, parent, otherParent, child, nurse };
}

describe('a parent’s “who has seen my child’s information”', () => {
  it('shows staff by name and role, the parent as “You”, the other guardian without a name, and nothing confidential', async () => {
    const { db, parent, otherParent, child, nurse } = await scene();
    await recordChildView(
      db,
      actorFor({ id: nurse.id, kind: 'staff', roles: ['clinical'] }),
      testMeta,
      child.id,
      'chart',
    );
    await recordChildView(
      db,
      actorFor({ id: parent.id, kind: 'parent', roles: [] }),
      testMeta,
      child.id,
      'record',
    );
    await recordChildView(
      db,
      actorFor({ id: otherParent.id, kind: 'parent', roles: [] }),
      testMeta,
      child.id,
      'immunizations',
      'record.printed',
    );
    actAs(await openSession(db, nurse));
    await addChartEntry({
      childId: child.id,
      section: 'allergies',
      substance: 'Peanuts',
      reaction: '',
      severity: 'severe',
      status: 'active',
      notedOn: '',
    });
    const secret = await addChartEntry({
      childId: child.id,
      section: 'problems',
      name: 'Private matter',
      onsetOn: '',
      status: 'active',
      confidential: true,
    });
    await removeChartEntry({
      childId: child.id,
      entryId: secret.ok ? secret.data.id : '',
      section: 'problems',
      reason: 'Entered in error',
    });

    const { entries } = await childActivityForGuardian(db, parent.id, child.id);
    const lines = entries.map((entry) => `${entry.who} · ${entry.what}`);
    const nurseName = `Nia ${nurse.lastName}`;
    expect(lines).toEqual([
      `${nurseName} (clinical staff) · Added to allergies`,
      'Another linked parent or guardian · Printed the immunization record',
      'You · Viewed the health record',
      `${nurseName} (clinical staff) · Opened the chart`,
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Secret|Coparent|problem|Private/i);
  });

  it('leaves out sign-ins, refusals and other children', async () => {
    const { db, parent, child } = await scene();
    const other = await createChildLinkedTo(db, parent.id);
    await recordChildView(
      db,
      actorFor({ id: parent.id, kind: 'parent', roles: [] }),
      testMeta,
      other.id,
      'record',
    );
    await db.execute(
      sql`insert into audit_events (actor_kind, action, outcome, child_id) values ('anonymous', 'guardianship.link_failed', 'denied', ${child.id}), ('parent', 'auth.signed_in', 'success', ${child.id})`,
    );
    expect((await childActivityForGuardian(db, parent.id, child.id)).entries).toEqual([]);
  });
});

describe('the staff audit report', () => {
  it('filters by actor, child, action group and outcome, and sorts by any column', async () => {
    const { db, parent, child, nurse } = await scene();
    await recordChildView(
      db,
      actorFor({ id: nurse.id, kind: 'staff', roles: ['clinical'] }),
      testMeta,
      child.id,
      'chart',
    );
    await recordChildView(
      db,
      actorFor({ id: parent.id, kind: 'parent', roles: [] }),
      testMeta,
      child.id,
      'record',
    );
    const byNurse = await auditReportPage(db, filters({ actor: nurse.userId }));
    expect(byNurse.rows.map((row) => [row.action, row.actorName])).toEqual([
      ['record.viewed', `Nia ${nurse.lastName}`],
    ]);
    const byName = await auditReportPage(
      db,
      filters({ actor: `nia ${nurse.lastName.toLowerCase().slice(0, 8)}`, group: 'record_view' }),
    );
    expect(byName.rows).toHaveLength(1);
    const byChild = await auditReportPage(db, filters({ child: child.lastName.toLowerCase() }));
    expect(byChild.rows.map((row) => row.actorName).sort()).toEqual([
      `Nia ${nurse.lastName}`,
      'Robin Guardian',
    ]);
    expect(
      (await auditReportPage(db, filters({ child: child.lastName, outcome: 'denied' }))).rows,
    ).toEqual([]);
    expect(
      (await auditReportPage(db, filters({ child: child.lastName, group: 'sign_in' }))).rows,
    ).toEqual([]);
    const byRoleAsc = await auditReportPage(
      db,
      filters({ child: child.lastName, sort: 'role', dir: 'asc' }),
    );
    expect(byRoleAsc.rows.map((row) => row.actorRole)).toEqual(['clinical', 'parent']);
    const byActorDesc = await auditReportPage(
      db,
      filters({ child: child.lastName, sort: 'actor', dir: 'desc' }),
    );
    expect(byActorDesc.rows.map((row) => row.actorName)).toEqual([
      `Nia ${nurse.lastName}`,
      'Robin Guardian',
    ]);
    expect(
      (await auditReportPage(db, filters({ from: '2001-01-01', to: '2001-01-31' }))).rows,
    ).toEqual([]);
  });

  it('pages with a keyset cursor that neither skips nor repeats, and streams every row for export', async () => {
    const { db, child, nurse } = await scene();
    for (let i = 0; i < 7; i += 1)
      await recordChildView(
        db,
        actorFor({ id: nurse.id, kind: 'staff', roles: ['clinical'] }),
        testMeta,
        child.id,
        `section-${i}`,
      );
    for (const sort of ['when', 'actor', 'role', 'action', 'outcome', 'child'] as const) {
      const seen: number[] = [];
      let after = '';
      for (;;) {
        const page = await auditReportPage(db, filters({ child: child.lastName, sort, after }), 3);
        seen.push(...page.rows.map((row) => row.id));
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      expect(seen, sort).toHaveLength(7);
      expect(new Set(seen).size, sort).toBe(7);
    }
    const streamed: number[] = [];
    for await (const row of auditReportRows(db, filters({ child: child.lastName }), 2))
      streamed.push(row.id);
    expect(streamed).toHaveLength(7);
  });

  it('can serve every filter from an index (EXPLAIN with sequential scans discouraged)', async () => {
    const { db, child, nurse } = await scene();
    // Named people are looked up first, so each case names someone who exists (by User ID, by
    // id and by part of a name); naming nobody needs no plan at all.
    const cases: Partial<AuditFilters>[] = [
      {},
      { actor: nurse.userId },
      { child: child.id },
      { child: child.lastName.toLowerCase() },
      { group: 'record_view' },
      { outcome: 'denied' },
    ];
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      for (const overrides of cases) {
        const query = auditReportQuery(
          tx,
          filters(overrides),
          await lookUpNamedPeople(tx, filters(overrides)),
        ).toSQL();
        const explained = await tx.execute(sql.raw(`explain ${inline(query.sql, query.params)}`));
        const plan = JSON.stringify(explained);
        expect(plan, JSON.stringify(overrides)).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
        expect(plan, JSON.stringify(overrides)).not.toMatch(/Seq Scan on audit_events/);
      }
    });
    expect(['postgres', 'pglite']).toContain(testDriver());
  });

  it('writes CSV cells that spreadsheets cannot run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell({ section: 'chart' })).toBe('"{""section"":""chart""}"');
  });
});

/** Puts a query's parameters in place, for EXPLAIN (test-only: the values are ours). */
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, index: string) => {
    const value = params[Number(index) - 1];
    if (Array.isArray(value))
      return `ARRAY[${value.map((item) => `'${String(item).replace(/'/g, "''")}'`).join(',')}]`;
    if (value instanceof Date) return `'${value.toISOString()}'`;
    if (typeof value === 'number') return String(value);
    return `'${String(value).replace(/'/g, "''")}'`;
  });
}
