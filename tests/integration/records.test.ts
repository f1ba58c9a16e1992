import { and, eq, sql } from 'drizzle-orm';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';

import { GET as downloadImmunizationPdf } from '@/app/(portal)/children/[childId]/immunizations/pdf/route';
import ImmunizationPrintPage from '@/app/(portal)/children/[childId]/immunizations/print/page';
import {
  addChartEntry,
  releaseResult,
  removeChartEntry,
  updateChartEntry,
} from '@/app/staff/(office)/patients/[childId]/actions';
import { auditEvents, guardianships, immunizations, testResults } from '@/db/schema';
import { requireLinkedChild } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { printableImmunizationRecord } from '@/lib/records/immunization-record';
import { readChildRecord, type RecordViewer } from '@/lib/records/read';

import {
  actAs,
  createChildLinkedTo,
  createParent,
  createStaffMember,
  openSession,
} from '../factories';
import { createChartScene, vaccineGiven } from '../factories/chart';
import { testDb } from '../setup/database';
import { inLanguage } from '../setup/intl';
import { redirectOf } from '../setup/next-mocks';

const today = todayInPractice();
const guardian = (userId: string): RecordViewer => ({ kind: 'guardian', userId, today });
const clinicalStaff: RecordViewer = { kind: 'clinical_staff' };

/** A parent, their child and a clinician signed in as the next action's caller. */
async function chartScene() {
  const db = testDb();
  return { db, ...(await createChartScene(db)) };
}

async function addImmunization(childId: string, overrides: Record<string, unknown> = {}) {
  const result = await addChartEntry({
    childId,
    ...vaccineGiven('20 – DTaP', '2020-04-02', { lotNumber: 'AB12', site: 'Thigh', ...overrides }),
  });
  if (!result.ok) throw new Error(`add failed: ${JSON.stringify(result)}`);
  return result.data.id;
}

beforeEach(() => actAs(null));

describe('charting', () => {
  it('lets a clinician add, edit and remove entries, each audited, and names the vaccine from the CDC list', async () => {
    const { db, child, clinician } = await chartScene();
    const id = await addImmunization(child.id);
    const [row] = await db.select().from(immunizations).where(eq(immunizations.id, id));
    expect(row).toMatchObject({
      cvx: '20',
      vaccineName: 'DTaP',
      administeredOn: '2020-04-02',
      createdBy: clinician.id,
    });

    expect(
      await updateChartEntry({
        childId: child.id,
        entryId: id,
        ...vaccineGiven('110', '2020-04-02'),
      }),
    ).toMatchObject({ ok: true });
    const [edited] = await db.select().from(immunizations).where(eq(immunizations.id, id));
    expect(edited).toMatchObject({ cvx: '110', vaccineName: 'DTaP-Hep B-IPV', lotNumber: null });

    expect(
      await removeChartEntry({
        childId: child.id,
        entryId: id,
        section: 'immunizations',
        reason: '',
      }),
    ).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
    expect(
      await removeChartEntry({
        childId: child.id,
        entryId: id,
        section: 'immunizations',
        reason: 'Entered on the wrong chart',
      }),
    ).toEqual({ ok: true, data: null });
    expect((await readChildRecord(db, clinicalStaff, child.id)).immunizations).toEqual([]);

    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.childId, child.id), eq(auditEvents.actorId, clinician.id)));
    expect(events.map((event) => event.action).sort()).toEqual([
      'record.entry_added',
      'record.entry_removed',
      'record.entry_updated',
    ]);
    expect(JSON.stringify(events)).not.toContain('wrong chart');
  });

  it('refuses bad input with a message at the field and leaves the chart as it was', async () => {
    const { db, child } = await chartScene();
    expect(
      await addChartEntry({
        childId: child.id,
        ...vaccineGiven('99999', '2020-04-02', { doseNumber: '' }),
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { vaccine: expect.stringMatching(/not a CVX code/) },
    });
    expect(
      await addChartEntry({
        childId: child.id,
        ...vaccineGiven('20', '2019-01-01', { doseNumber: '' }),
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { administeredOn: expect.stringMatching(/before the child was born/) },
    });
    expect(
      await addChartEntry({
        childId: child.id,
        section: 'measurements',
        measuredOn: '2021-01-01',
        weightKg: '',
        heightCm: '',
        headCircumferenceCm: '',
      }),
    ).toMatchObject({ ok: false, formError: 'Enter at least one measurement.' });
    expect(
      await addChartEntry({
        childId: child.id,
        section: 'measurements',
        measuredOn: '2021-01-01',
        weightKg: '900',
        heightCm: '',
        headCircumferenceCm: '',
      }),
    ).toMatchObject({ ok: false, fieldErrors: { weightKg: expect.stringMatching(/kg/) } });
    const record = await readChildRecord(db, clinicalStaff, child.id);
    expect(record.immunizations).toEqual([]);
    expect(record.measurements).toEqual([]);
  });

  it('is for clinicians and administrators only, and an entry can only be changed on its own child', async () => {
    const { db, child } = await chartScene();
    const id = await addImmunization(child.id);
    const other = await createChildLinkedTo(db, (await createParent(db)).id);
    expect(
      await removeChartEntry({
        childId: other.id,
        entryId: id,
        section: 'immunizations',
        reason: 'Trying another chart',
      }),
    ).toMatchObject({ ok: false, formError: expect.stringMatching(/no longer on this chart/) });
    // Neither the front desk nor a parent may chart.
    for (const user of [await createStaffMember(db, ['front_desk']), await createParent(db)]) {
      actAs(await openSession(db, user));
      expect(
        await addChartEntry({
          childId: child.id,
          section: 'problems',
          name: 'Asthma',
          onsetOn: '',
          status: 'active',
        }),
      ).toEqual({ ok: false, formError: 'We could not find that page.' });
    }
  });
});

describe('what guardians see', () => {
  it('never shows confidential items (not even as a count), which clinical staff do see', async () => {
    const { db, parent, child } = await chartScene();
    await addImmunization(child.id);
    await addChartEntry({
      childId: child.id,
      section: 'problems',
      name: 'Confidential concern',
      onsetOn: '',
      status: 'active',
      confidential: true,
    });
    await addChartEntry({
      childId: child.id,
      section: 'visits',
      visitOn: '2024-05-01',
      type: 'other',
      clinician: 'Dr. Shah',
      reason: 'Private visit',
      summary: 'Private notes',
      confidential: true,
    });
    const forParent = await readChildRecord(db, guardian(parent.id), child.id);
    expect(forParent.problems).toEqual([]);
    expect(forParent.visits).toEqual([]);
    expect(forParent.immunizations).toHaveLength(1);
    expect(JSON.stringify(forParent)).not.toMatch(/Confidential concern|Private/);
    const forClinician = await readChildRecord(db, clinicalStaff, child.id);
    expect(forClinician.problems.map((row) => row.name)).toEqual(['Confidential concern']);
    expect(forClinician.visits).toHaveLength(1);
  });

  it('hides results until a clinician releases them, and visit summaries until released', async () => {
    const { db, parent, child } = await chartScene();
    const added = await addChartEntry({
      childId: child.id,
      section: 'results',
      testName: 'Hemoglobin',
      value: '12.1',
      units: 'g/dL',
      referenceRange: '11.5–15.5',
      flag: 'normal',
      collectedOn: '2024-01-02',
      resultedOn: '2024-01-03',
    });
    const resultId = added.ok ? added.data.id : '';
    await addChartEntry({
      childId: child.id,
      section: 'visits',
      visitOn: '2024-01-02',
      type: 'well_child',
      clinician: 'Dr. Shah',
      reason: '4 year visit',
      summary: 'Growing well.',
    });
    let forParent = await readChildRecord(db, guardian(parent.id), child.id);
    expect(forParent.results).toEqual([]);
    expect(forParent.visits).toHaveLength(1);
    expect(forParent.visits[0]?.summary).toBeNull();

    expect(
      await releaseResult({ childId: child.id, entryId: resultId, comment: 'All normal.' }),
    ).toEqual({ ok: true, data: null });
    expect(
      await releaseResult({ childId: child.id, entryId: resultId, comment: '' }),
    ).toMatchObject({ ok: false, formError: expect.stringMatching(/already released/) });
    forParent = await readChildRecord(db, guardian(parent.id), child.id);
    expect(forParent.results.map((row) => [row.testName, row.releaseComment])).toEqual([
      ['Hemoglobin', 'All normal.'],
    ]);
    const [released] = await db.select().from(testResults).where(eq(testResults.id, resultId));
    expect(released?.releasedAt).not.toBeNull();
  });

  it('shows nothing to a guardian whose link was revoked, or to another parent', async () => {
    const { db, parent, child } = await chartScene();
    await addImmunization(child.id);
    const stranger = await createParent(db);
    const empty = {
      allergies: [],
      medications: [],
      problems: [],
      immunizations: [],
      visits: [],
      measurements: [],
      results: [],
    };
    expect(await readChildRecord(db, guardian(stranger.id), child.id)).toEqual(empty);
    await db
      .update(guardianships)
      .set({ status: 'revoked', statusReason: 'court order' })
      .where(eq(guardianships.childId, child.id));
    expect(await readChildRecord(db, guardian(parent.id), child.id)).toEqual(empty);
    actAs(await openSession(db, parent));
    expect(await redirectOf(requireLinkedChild(child.id, 'record'))).toBe('/__not-found');
  });

  it('writes the access event before any data, and a failing audit write stops the read', async () => {
    const { db, parent, child } = await chartScene();
    await addImmunization(child.id);
    actAs(await openSession(db, parent));
    const opened = await requireLinkedChild(child.id, 'record');
    expect(opened.child.id).toBe(child.id);
    const [viewed] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'record.viewed'),
          eq(auditEvents.childId, child.id),
          eq(auditEvents.actorId, parent.id),
        ),
      );
    expect(viewed?.metadata).toMatchObject({ section: 'record' });

    // Make the audit trail refuse this child's events: the page must fail, not show data.
    await db.execute(
      sql.raw(
        `create or replace function refuse_test_audit() returns trigger language plpgsql as $$ begin if new.child_id = '${child.id}' then raise exception 'audit store unavailable'; end if; return new; end $$`,
      ),
    );
    await db.execute(
      sql.raw(
        'create trigger refuse_test_audit before insert on audit_events for each row execute function refuse_test_audit()',
      ),
    );
    try {
      await expect(requireLinkedChild(child.id, 'record')).rejects.toThrow();
      await expect(
        downloadImmunizationPdf(new Request('http://portal.test/x'), {
          params: Promise.resolve({ childId: child.id }),
        }),
      ).rejects.toThrow();
    } finally {
      await db.execute(sql.raw('drop trigger refuse_test_audit on audit_events'));
      await db.execute(sql.raw('drop function refuse_test_audit()'));
    }
  });
});

describe('the printable immunization record', () => {
  it('groups vaccines by disease, leaves confidential ones out, and records the print and the download', async () => {
    const { db, parent, child } = await chartScene();
    await addImmunization(child.id, {
      vaccine: '110',
      administeredOn: '2020-04-02',
      doseNumber: '1',
    });
    await addImmunization(child.id, {
      vaccine: '03',
      administeredOn: '2021-02-02',
      doseNumber: '1',
    });
    await addImmunization(child.id, {
      vaccine: '165',
      administeredOn: '2021-03-03',
      doseNumber: '1',
      confidential: true,
    });
    const printable = await printableImmunizationRecord(db, guardian(parent.id), child, today);
    const labels = printable.groups.map((group) => group.label);
    expect(labels.slice(0, 3)).toEqual([
      'Diphtheria, tetanus, whooping cough (DTaP, Tdap)',
      'Polio (IPV)',
      'Hepatitis B',
    ]);
    expect(labels).toContain('MMR (measles, mumps, rubella)');
    expect(labels.join(' ')).not.toMatch(/HPV/);

    actAs(await openSession(db, parent));
    const page = await ImmunizationPrintPage({ params: Promise.resolve({ childId: child.id }) });
    // The sheet reads its words through the language provider, as in the app.
    const html = renderToStaticMarkup(inLanguage(page as ReactNode));
    expect(html).toContain('DTaP-Hep B-IPV');
    expect(html).not.toContain('HPV');
    const response = await downloadImmunizationPdf(new Request('http://portal.test/x'), {
      params: Promise.resolve({ childId: child.id }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="immunization-record.pdf"',
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const actions = (
      await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.childId, child.id), eq(auditEvents.actorId, parent.id)))
    ).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['record.printed', 'record.exported']));

    actAs(await openSession(db, await createParent(db)));
    expect(
      await redirectOf(
        downloadImmunizationPdf(new Request('http://portal.test/x'), {
          params: Promise.resolve({ childId: child.id }),
        }),
      ),
    ).toBe('/__not-found');
  });
});
