import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { GET as exportAuditTrail } from '@/app/staff/(office)/audit/export/route';
import { addChartEntry, removeChartEntry } from '@/app/staff/(office)/patients/[childId]/actions';
import { childActivityForGuardian } from '@/lib/audit/activity';
import { auditActions } from '@/lib/audit/events';
import { groupChildHistory } from '@/lib/audit/history-groups';
import {
  auditReportPage,
  auditReportQuery,
  auditReportRows,
  csvCell,
  lookUpNamedPeople,
} from '@/lib/audit/report';
import {
  defaultAuditFilters,
  encodeReportCursor,
  parseAuditFilters,
  type AuditFilters,
} from '@/lib/audit/report-filters';
import { recordChildView } from '@/lib/audit/views';
import { describeAuditEvent, viewedSections } from '@/lib/audit/words';
import { actorFor } from '@/lib/auth/actors';
import { formatDay, todayInPractice } from '@/lib/dates';
import { translatorFor } from '@/lib/i18n/server';

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
const englishWords = translatorFor('en', 'auditWords');
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

const asNurse = (nurse: { id: string }) =>
  actorFor({ id: nurse.id, kind: 'staff', roles: ['clinical'] });
const asParent = (parent: { id: string }) => actorFor({ id: parent.id, kind: 'parent', roles: [] });

/** Someone opened (or, with `access`, printed or downloaded) a section of the child's record. */
function viewed(
  db: ReturnType<typeof testDb>,
  actor: ReturnType<typeof actorFor>,
  childId: string,
  section: string,
  access?: Parameters<typeof recordChildView>[5],
) {
  return recordChildView(db, actor, testMeta, childId, section, access);
}

describe('a parent’s “who has seen my child’s information”', () => {
  it('shows staff by name and role, the parent as “You”, the other guardian without a name, and nothing confidential', async () => {
    const { db, parent, otherParent, child, nurse } = await scene();
    await viewed(db, asNurse(nurse), child.id, 'chart');
    await viewed(db, asParent(parent), child.id, 'record');
    await viewed(db, asParent(otherParent), child.id, 'immunizations', 'record.printed');
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

  it('shows a view at once, before the chain has sealed it, and the staff report pages through it', async () => {
    const { db, parent, child, nurse } = await scene();
    await recordChildView(
      db,
      actorFor({ id: nurse.id, kind: 'staff', roles: ['clinical'] }),
      testMeta,
      child.id,
      'summary',
    );
    const [event] = (await db
      .execute(
        sql`select chain_seq from audit_events where child_id = ${child.id} order by id desc limit 1`,
      )
      .then((result) =>
        Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows,
      )) as { chain_seq: string | null }[];
    expect(event?.chain_seq).toBeNull();
    expect((await childActivityForGuardian(db, parent.id, child.id)).entries).toHaveLength(1);
    const report = await auditReportPage(
      db,
      { ...defaultAuditFilters(todayInPractice()), child: child.id },
      1,
    );
    expect(report.rows).toHaveLength(1);
  });

  it('says what a staff page was for: a billing clerk writing to a parent did not view the health record', async () => {
    const { db, parent, child } = await scene();
    const clerk = await createStaffMember(db, ['billing'], {
      firstName: 'Bea',
      lastName: `Billing${uniqueSuffix()}`,
    });
    const frontDesk = await createStaffMember(db, ['front_desk'], {
      firstName: 'Fred',
      lastName: `Desk${uniqueSuffix()}`,
    });
    const clerkActor = actorFor({ id: clerk.id, kind: 'staff', roles: ['billing'] });
    await viewed(db, clerkActor, child.id, 'staff_compose');
    const deskActor = actorFor({ id: frontDesk.id, kind: 'staff', roles: ['front_desk'] });
    await viewed(db, deskActor, child.id, 'staff_edit');
    const { entries } = await childActivityForGuardian(db, parent.id, child.id);
    expect(entries.map((entry) => `${entry.who} · ${entry.what}`)).toEqual([
      `Fred ${frontDesk.lastName} (front desk) · Opened your child’s details to change them`,
      `Bea ${clerk.lastName} (billing) · Started a message to a parent or guardian`,
    ]);
  });

  it('words the activity in Spanish for a Spanish reader, the office’s roles included', async () => {
    const { db, parent, child, nurse } = await scene();
    await viewed(db, asNurse(nurse), child.id, 'staff_edit');
    await viewed(db, asParent(parent), child.id, 'immunizations');
    const { entries } = await childActivityForGuardian(db, parent.id, child.id, null, {
      locale: 'es',
    });
    expect(entries.map((entry) => `${entry.who} · ${entry.what}`)).toEqual([
      'Usted · Vio las vacunas',
      `Nia ${nurse.lastName} (personal clínico) · Abrió los datos de su hijo o hija para cambiarlos`,
    ]);
    const spanish = translatorFor('es', 'auditWords');
    expect(describeAuditEvent(spanish, 'record.entry_added', { section: 'allergies' })).toBe(
      'Agregó información a alergias',
    );
    expect(describeAuditEvent(spanish, 'child.updated', {}, 'guardian')).toBe(
      'Actualizó los datos de su hijo o hija',
    );
  });

  it('has its own words for every section a page records as viewed', () => {
    // Every literal section handed to requireLinkedChild, requireStaffChild or recordChildView
    // (a print or a download has its own action and words).
    const sections = new Set<string>();
    for (const dir of ['app', 'lib']) {
      for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (!/\.tsx?$/.test(file)) continue;
        const source = readFileSync(path.join(dir, file), 'utf8');
        const calls = source.matchAll(
          /(?:requireLinkedChild|requireStaffChild|recordChildView)\(([^;]*?)\);/g,
        );
        for (const [, args] of calls) {
          const literals = [...args!.matchAll(/'([a-z_.]+)'/g)].map((match) => match[1]!);
          const section = literals[0];
          const access = literals.find((literal) => literal.startsWith('record.'));
          if (section && !section.includes('.') && (!access || access === 'record.viewed'))
            sections.add(section);
        }
      }
    }
    expect(sections.size).toBeGreaterThanOrEqual(8);
    expect([...sections].filter((section) => !(section in viewedSections))).toEqual([]);
  });

  it('leaves out sign-ins, refusals and other children', async () => {
    const { db, parent, child } = await scene();
    const other = await createChildLinkedTo(db, parent.id);
    await viewed(db, asParent(parent), other.id, 'record');
    await db.execute(
      sql`insert into audit_events (actor_kind, action, outcome, child_id) values ('anonymous', 'guardianship.link_failed', 'denied', ${child.id}), ('parent', 'auth.signed_in', 'success', ${child.id})`,
    );
    expect((await childActivityForGuardian(db, parent.id, child.id)).entries).toEqual([]);
  });
});

describe('the staff audit report', () => {
  it('filters by actor, child, action group and outcome, and sorts by any column', async () => {
    const { db, parent, child, nurse } = await scene();
    await viewed(db, asNurse(nurse), child.id, 'chart');
    await viewed(db, asParent(parent), child.id, 'record');
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
    for (let i = 0; i < 7; i += 1) await viewed(db, asNurse(nurse), child.id, `section-${i}`);
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

  it('answers impossible dates and a forged page cursor with a message, never a database error', async () => {
    const db = testDb();
    const hostile: Record<string, string>[] = [
      { from: '0001-01-01', to: '9999-12-31' },
      { from: '2026-02-30', to: '2026-13-01' },
      { from: '2026-01-01', to: '+10000-01-01' },
      // Each a well-formed cursor whose value the database cannot read as the sort's type.
      { after: encodeReportCursor(['not a time', 1]) },
      { after: encodeReportCursor(['2026-01-01 00:00:00+00', -1]) },
      { sort: 'action', after: encodeReportCursor(['x\u0000y', 1]) },
      { after: Buffer.from('["2026-01-01",1e400]').toString('base64url') },
      { after: 'not*base64' },
      { after: Buffer.from([0xff, 0xfe, 0x22]).toString('base64url') },
    ];
    for (const params of hostile) {
      const parsed = parseAuditFilters(params, today);
      expect(Object.keys(parsed.problems).length, JSON.stringify(params)).toBeGreaterThan(0);
      await expect(auditReportPage(db, parsed.filters)).resolves.toHaveProperty('rows');
      // A caller that skips the schema still cannot reach the database with the bad cursor.
      if (params.after)
        await expect(auditReportPage(db, filters({ after: params.after }))).resolves.toHaveProperty(
          'rows',
        );
    }
    expect(parseAuditFilters({ from: '2000-01-01', to: '2999-12-31' }, today).problems).toEqual({});
  });

  it('refuses an export of impossible dates with a 400 and a sentence, not a broken download', async () => {
    const db = testDb();
    const admin = await createStaffMember(db, ['admin']);
    actAs(await openSession(db, admin));
    const response = await exportAuditTrail(
      new Request('http://portal.test/staff/audit/export?from=0001-01-01&to=9999-12-31'),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/^The filters could not be read: Enter a date between/);
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

describe('the staff audit trail in plain words', () => {
  it('words every action, never as its raw code, with the parent’s activity page’s vocabulary', async () => {
    for (const action of auditActions) {
      const words = describeAuditEvent(englishWords, action, {});
      expect(words, action).not.toBe(action);
      expect(words, action).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
    }
    const { db, parent, child, nurse } = await scene();
    await viewed(db, asNurse(nurse), child.id, 'chart');
    const [seenByParent] = (await childActivityForGuardian(db, parent.id, child.id)).entries;
    const [seenByOffice] = (await auditReportPage(db, filters({ child: child.lastName }))).rows;
    expect(seenByParent?.what).toBe('Opened the chart');
    expect(describeAuditEvent(englishWords, seenByOffice!.action, seenByOffice!.metadata)).toBe(
      seenByParent?.what,
    );
  });

  it('groups a child’s history so a run of the same views by one person is one line', async () => {
    const { db, parent, child, nurse } = await scene();
    // Each load of the patient page records the page and its chart.
    for (let i = 0; i < 6; i += 1) {
      await viewed(db, asNurse(nurse), child.id, 'staff_summary');
      await viewed(db, asNurse(nurse), child.id, 'chart');
    }
    await viewed(db, asParent(parent), child.id, 'record');
    for (let i = 0; i < 3; i += 1) await viewed(db, asNurse(nurse), child.id, 'chart');
    const { rows } = await auditReportPage(db, filters({ child: child.lastName }));
    expect(rows).toHaveLength(16);
    const days = groupChildHistory(rows, formatDay, englishWords);
    expect(days).toHaveLength(1);
    expect(days[0]!.day).toBe(formatDay(new Date()));
    expect(
      days[0]!.runs.map((run) => [run.whats, run.events.length, run.events[0]!.actorName]),
    ).toEqual([
      [['Opened the chart'], 3, `Nia ${nurse.lastName}`],
      [['Viewed the health record'], 1, 'Robin Guardian'],
      [['Opened the chart', 'Opened the patient page'], 12, `Nia ${nurse.lastName}`],
    ]);
  });
});
