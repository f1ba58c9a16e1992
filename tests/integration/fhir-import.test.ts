import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, Immunization, Observation, Resource } from '@medplum/fhirtypes';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { GET as downloadFhir } from '@/app/(portal)/children/[childId]/fhir/route';
import {
  auditEvents,
  children,
  guardianships,
  immunizations,
  measurements,
  problems,
  visits,
} from '@/db/schema';
import { childActivityForGuardian } from '@/lib/audit/activity';
import type { Actor } from '@/lib/audit/events';
import { bundleFiles, importFiles } from '@/lib/fhir/files';
import { importBundle, writePrepared } from '@/lib/fhir/import';
import { prepareBundle } from '@/lib/fhir/prepare';
import { growthCharts } from '@/lib/growth/chart-data';
import { immunizationStatus } from '@/lib/records/immunization-status';
import { readChildRecord, readRefusedImmunizations, type RecordViewer } from '@/lib/records/read';
import { removeRecordEntry, saveRecordEntry } from '@/lib/records/write';

import { actAs, createParent, createStaffMember, openSession, testMeta } from '../factories';
import { testDb } from '../setup/database';

const SAMPLES = path.resolve('tests/fixtures/fhir-samples');
const cli: Actor = { id: null, kind: 'system', role: 'fhir-import' };
const staffView: RecordViewer = { kind: 'clinical_staff' };
const options = { source: 'ehr', now: new Date('2026-11-29T12:00:00Z') };

const load = (name: string) => JSON.parse(readFileSync(path.join(SAMPLES, name), 'utf8')) as Bundle;
const resources = (bundle: Bundle) => bundle.entry!.map((entry) => entry.resource!);
const hasLoinc = (resource: Resource, codes: string[]) =>
  resource.resourceType === 'Observation' &&
  (resource as Observation).code.coding!.some((coding) => codes.includes(coding.code!));
const isLab = (resource: Resource) =>
  resource.resourceType === 'Observation' &&
  ((resource as Observation).category ?? []).some((c) =>
    c.coding?.some((coding) => coding.code === 'laboratory'),
  );

async function childByMrn(mrn: string) {
  const [child] = await testDb().select().from(children).where(eq(children.mrn, mrn));
  if (!child) throw new Error(`no child ${mrn}`);
  return child;
}
const mrnOf = (bundle: Bundle) =>
  resources(bundle)
    .find((resource) => resource.resourceType === 'Patient')!
    .identifier!.find((identifier) => identifier.type?.coding?.[0]?.code === 'MR')!.value!;

const EXPECTED_HEAD = [91, 94, 86, 78, 75];

let firstRun: Awaited<ReturnType<typeof importFiles>>;

beforeAll(async () => {
  firstRun = await importFiles(testDb(), cli, testMeta, [SAMPLES], options);
}, 120_000);

describe('importing the sample bundles', () => {
  it('creates every child and counts what it took in and what it skipped, per type', async () => {
    const all = (await bundleFiles([SAMPLES])).map((file) => load(path.basename(file)));
    expect(all).toHaveLength(8);
    const everything = all.flatMap(resources);
    const ofType = (type: string) => everything.filter((r) => r.resourceType === type).length;
    const growth = everything.filter((r) => hasLoinc(r, ['29463-7', '8302-2', '9843-4'])).length;
    const labs = everything.filter(isLab).length;
    expect(firstRun.errors).toEqual([]);
    expect(firstRun.patients).toEqual({ created: 8, updated: 0, unchanged: 0, failed: 0 });
    expect(firstRun.imported).toEqual({
      Immunization: 180,
      Encounter: 128,
      Condition: 44,
      MedicationRequest: 28,
      AllergyIntolerance: 11,
      Observation: growth + labs,
    });
    expect(growth).toBe(89 + 89 + 22);
    expect(firstRun.skipped.Observation).toBe(ofType('Observation') - growth - labs);
    expect(firstRun.skipped.Claim).toBe(ofType('Claim'));
    const { value: linked } = (await testDb().select({ value: count() }).from(guardianships))[0]!;
    expect(linked, 'an import never links a guardian').toBe(0);
    const { value: doses } = (
      await testDb()
        .select({ value: count() })
        .from(immunizations)
        .where(isNotNull(immunizations.sourceId))
    )[0]!;
    expect(doses).toBe(180);
  });

  it('gives the infant a chart with growth percentiles and vaccine status', async () => {
    const bundle = load('synstudio-Conchita9_Ramon841-0580b365-60f4-faeb-30d1-7107ebd06450.json');
    const child = await childByMrn(mrnOf(bundle));
    expect(child).toMatchObject({ dateOfBirth: '2024-10-26', sex: 'female' });
    const record = await readChildRecord(testDb(), staffView, child.id);
    expect(record.immunizations).toHaveLength(17);
    expect(record.measurements).toHaveLength(5);
    expect(record.measurements.every((m) => m.headCircumferenceCm !== null)).toBe(true);
    expect(record.visits.filter((visit) => visit.type === 'well_child').length).toBeGreaterThan(3);
    expect(record.results.every((result) => result.releasedAt === null)).toBe(true);

    // Synthea states the head-circumference percentile it drew the child on (one value, from
    // CDC curves); ours comes from the WHO standard the portal charts under 2, so the two agree
    // in the band, not to the point.
    const theirs = new Map(
      resources(bundle)
        .filter((r) => hasLoinc(r, ['8289-1']))
        .map((r) => [
          (r as Observation).effectiveDateTime!.slice(0, 10),
          (r as Observation).valueQuantity!.value!,
        ]),
    );
    const head = growthCharts({
      sex: 'female',
      dateOfBirth: child.dateOfBirth,
      today: '2025-09-19',
      measurements: record.measurements,
    }).find((chart) => chart.indicator === 'head_for_age')!;
    expect(head.points).toHaveLength(5);
    for (const point of head.points)
      expect(Math.abs(point.percentile! - theirs.get(point.measuredOn)!)).toBeLessThan(30);
    expect(head.points.map((point) => Math.round(point.percentile!))).toEqual(EXPECTED_HEAD);

    const status = immunizationStatus({
      dateOfBirth: child.dateOfBirth,
      today: '2025-07-06',
      doses: record.immunizations,
    });
    const hepB = status.find((row) => row.group === 'hepb')!;
    expect(hepB.dosesCounted).toBe(3);
    expect(status.find((row) => row.group === 'mmr')!.status).toBe('not_yet_due');
  });

  it('gives the school-age child a chart with BMI percentiles and vaccine status', async () => {
    const bundle = load('sof-Emanuel_Carroll-20a30240-90e2-431b-8ce5-e47aa814d017.json');
    const child = await childByMrn(mrnOf(bundle));
    const record = await readChildRecord(testDb(), staffView, child.id);
    expect(record.immunizations).toHaveLength(33);
    expect(record.measurements).toHaveLength(16);
    expect(record.allergies).toHaveLength(9);
    const bmi = growthCharts({
      sex: 'male',
      dateOfBirth: child.dateOfBirth,
      today: '2021-04-01',
      measurements: record.measurements,
    }).find((chart) => chart.indicator === 'bmi_for_age')!;
    expect(bmi.points.length).toBeGreaterThanOrEqual(7);
    expect(bmi.points.every((point) => point.percentile !== null)).toBe(true);
    const status = immunizationStatus({
      dateOfBirth: child.dateOfBirth,
      today: '2021-04-01',
      doses: record.immunizations,
    });
    for (const group of ['dtap', 'polio', 'mmr', 'varicella', 'hepb'])
      expect(status.find((row) => row.group === group)!.status, group).toMatch(
        /up_to_date|complete/,
      );
  });
});

describe('importing again', () => {
  it('creates nothing new, and updates the one resource that changed', async () => {
    const again = await importFiles(testDb(), cli, testMeta, [SAMPLES], options);
    expect(again.patients).toEqual({ created: 0, updated: 0, unchanged: 8, failed: 0 });
    const { value: doses } = (await testDb().select({ value: count() }).from(immunizations))[0]!;
    expect(doses).toBe(180);

    const bundle = load('sof-Junita_Labadie-fa8cdd1f-d2d8-476c-9247-b279dddd595d.json');
    const dose = resources(bundle).find((r) => r.resourceType === 'Immunization') as Immunization;
    dose.lotNumber = 'LOT-CHANGED';
    const changed = await importBundle(testDb(), cli, testMeta, bundle, options);
    expect(changed.report.patients).toMatchObject({ updated: 1, unchanged: 0 });
    const rows = await testDb()
      .select()
      .from(immunizations)
      .where(eq(immunizations.sourceId, `Immunization/${dose.id}`));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.lotNumber).toBe('LOT-CHANGED');

    dose.status = 'entered-in-error';
    await importBundle(testDb(), cli, testMeta, bundle, options);
    const child = await childByMrn(mrnOf(bundle));
    const record = await readChildRecord(testDb(), staffView, child.id);
    expect(record.immunizations.map((row) => row.id)).not.toContain(rows[0]!.id);
  });
});

describe('a bad resource', () => {
  it('rolls back its own patient only, and names the file, entry, type, id and reason', async () => {
    const good = load('sof-Pearly_Schuster-a85b31e5-8f0c-480d-9e81-67408608dd7a.json');
    const bad = load('sof-Nicholle_Crist-340044b6-332e-4cac-a95c-f0efe95fc105.json');
    const rename = (bundle: Bundle, mrn: string) => {
      const patient = resources(bundle).find((r) => r.resourceType === 'Patient')!;
      patient.identifier!.find((i) => i.type?.coding?.[0]?.code === 'MR')!.value = mrn;
    };
    rename(good, 'ROLLBACK-GOOD');
    rename(bad, 'ROLLBACK-BAD');
    const badIndex = bad.entry!.findIndex(
      (entry) => entry.resource?.resourceType === 'Immunization',
    );
    const badDose = bad.entry![badIndex]!.resource as Immunization;
    badDose.vaccineCode = { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '999999' }] };
    const both: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [...bad.entry!, ...good.entry!],
    };
    const { report } = await importBundle(testDb(), cli, testMeta, both, {
      ...options,
      file: 'two.json',
    });
    expect(report.patients).toMatchObject({ created: 1, failed: 1 });
    expect(report.errors).toEqual([
      {
        file: 'two.json',
        entry: badIndex,
        resourceType: 'Immunization',
        id: badDose.id,
        reason: 'unknown CVX code "999999"',
      },
    ]);
    expect(await testDb().select().from(children).where(eq(children.mrn, 'ROLLBACK-BAD'))).toEqual(
      [],
    );
    const kept = await childByMrn('ROLLBACK-GOOD');
    expect((await readChildRecord(testDb(), staffView, kept.id)).immunizations).toHaveLength(27);
  });

  it('refuses a date in the future', async () => {
    const bundle = load('sof-Pearly_Schuster-a85b31e5-8f0c-480d-9e81-67408608dd7a.json');
    const index = bundle.entry!.findIndex((entry) => entry.resource?.resourceType === 'Encounter');
    const patient = resources(bundle).find((r) => r.resourceType === 'Patient')!;
    patient.identifier!.find((i) => i.type?.coding?.[0]?.code === 'MR')!.value = 'FUTURE';
    (bundle.entry![index]!.resource as { period: { start: string } }).period.start = '2031-01-01';
    const { report } = await importBundle(testDb(), cli, testMeta, bundle, options);
    expect(report.patients.failed).toBe(1);
    expect(report.errors[0]).toMatchObject({
      entry: index,
      reason: 'visitOn 2031-01-01 is in the future',
    });
  });
});

describe('a chart the database refuses', () => {
  it('rolls back that patient only and reports its Patient entry, without the database’s words', async () => {
    const names = [
      'sof-Junita_Labadie-fa8cdd1f-d2d8-476c-9247-b279dddd595d.json',
      'sof-Nicholle_Crist-340044b6-332e-4cac-a95c-f0efe95fc105.json',
    ];
    const copies = names.map(load);
    copies.forEach((copy, n) => {
      const patient = resources(copy).find((r) => r.resourceType === 'Patient')!;
      patient.identifier!.find((i) => i.type?.coding?.[0]?.code === 'MR')!.value = `REFUSED-${n}`;
    });
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: copies.flatMap((copy) => copy.entry!),
    };
    const prepared = prepareBundle(bundle, { today: '2026-11-29', file: 'refused.json' });
    // Mapped and checked, then refused by PostgreSQL: a date column that is no date.
    const second = prepared.patients[1]!;
    if (!second.ok) throw new Error('the sample should map');
    second.rows.find((row) => row.section === 'visits')!.columns.visitOn = 'not a date';
    const { report, patients } = await writePrepared(testDb(), prepared, {
      ...options,
      actor: cli,
      meta: testMeta,
      file: 'refused.json',
    });
    expect(patients.map((patient) => patient.outcome)).toEqual(['created', 'failed']);
    expect(report.patients).toMatchObject({ created: 1, failed: 1 });
    expect(report.errors).toEqual([
      {
        file: 'refused.json',
        entry: second.entry,
        resourceType: 'Patient',
        id: second.id,
        reason: 'the chart could not be saved',
      },
    ]);
    expect(await testDb().select().from(children).where(eq(children.mrn, 'REFUSED-1'))).toEqual([]);
    await childByMrn('REFUSED-0');
  });
});

describe('several patients in one bundle', () => {
  it('imports them side by side, and the same child sent twice is one chart, the later copy winning', async () => {
    const names = [
      'sof-Junita_Labadie-fa8cdd1f-d2d8-476c-9247-b279dddd595d.json',
      'synstudio-Conchita9_Ramon841-0580b365-60f4-faeb-30d1-7107ebd06450.json',
      'sof-Nicholle_Crist-340044b6-332e-4cac-a95c-f0efe95fc105.json',
    ];
    const copies = names.map(load);
    const setMrn = (bundle: Bundle, mrn: string) => {
      const patient = resources(bundle).find((r) => r.resourceType === 'Patient')!;
      patient.identifier!.find((i) => i.type?.coding?.[0]?.code === 'MR')!.value = mrn;
      return patient as Resource & { name: { family: string }[] };
    };
    setMrn(copies[0]!, 'SIDE-1');
    setMrn(copies[1]!, 'SIDE-2');
    setMrn(copies[2]!, 'SIDE-3');
    // The first child again at the end (other resource ids), renamed by the EHR since.
    const fresh = new Map<string, string>();
    const again = JSON.parse(
      readFileSync(path.join(SAMPLES, names[0]!), 'utf8').replace(
        /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
        (uuid) => fresh.get(uuid) ?? fresh.set(uuid, crypto.randomUUID()).get(uuid)!,
      ),
    ) as Bundle;
    setMrn(again, 'SIDE-1').name[0]!.family = 'Labadie-Renamed';
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [...copies, again].flatMap((copy) => copy.entry!),
    };
    const { report, patients } = await importBundle(testDb(), cli, testMeta, bundle, options);
    expect(report.patients).toEqual({ created: 3, updated: 1, unchanged: 0, failed: 0 });
    expect(patients.map((patient) => patient.outcome)).toEqual([
      'created',
      'created',
      'created',
      'updated',
    ]);
    const first = await childByMrn('SIDE-1');
    expect(first.lastName).toBe('Labadie-Renamed');
    expect(patients[3]!.childId).toBe(first.id);
    expect(report.errors).toEqual([]);
  });
});

describe('confidential entries', () => {
  it('are kept from the guardian and from their activity list, exactly like hand-charted ones', async () => {
    const bundle = load('sof-Jordon_Weimann-55b33527-6ab6-45b9-b181-25e08e3da8e4.json');
    const child = await childByMrn(mrnOf(bundle));
    const parent = await createParent(testDb());
    await testDb()
      .insert(guardianships)
      .values({ childId: child.id, guardianUserId: parent.id, relationship: 'Parent' });
    const guardian: RecordViewer = { kind: 'guardian', userId: parent.id, today: '2021-04-01' };
    const before = await readChildRecord(testDb(), guardian, child.id);
    expect(before.problems).toHaveLength(6);

    const condition = resources(bundle).find((r) => r.resourceType === 'Condition')!;
    condition.meta = {
      security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }],
    };
    const { report } = await importBundle(testDb(), cli, testMeta, bundle, options);
    expect(report.patients.updated).toBe(1);
    const after = await readChildRecord(testDb(), guardian, child.id);
    expect(after.problems).toHaveLength(5);
    expect((await readChildRecord(testDb(), staffView, child.id)).problems).toHaveLength(6);
    const [row] = await testDb()
      .select()
      .from(problems)
      .where(eq(problems.sourceId, `Condition/${condition.id}`));
    expect(row!.confidential).toBe(true);

    const activity = await childActivityForGuardian(testDb(), parent.id, child.id);
    expect(activity.entries.map(({ who, what }) => ({ who, what }))).toEqual([
      { who: 'The office', what: 'Added from the office’s health record system' },
    ]);
    const events = await testDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.childId, child.id), eq(auditEvents.action, 'record.imported')));
    expect(events.map((event) => event.metadata.confidential)).toEqual([false, true]);
    expect(events[0]).toMatchObject({ actorKind: 'system', actorRole: 'fhir-import' });
  });
});

describe('the round trip', () => {
  it('gives the same record when the parent’s FHIR download is imported into another chart', async () => {
    const bundle = load('synstudio-Kevin729_Erdman779-4fc1468c-c2aa-5692-6ea7-3f6d12ff1e51.json');
    const child = await childByMrn(mrnOf(bundle));
    const parent = await createParent(testDb());
    await testDb()
      .insert(guardianships)
      .values({ childId: child.id, guardianUserId: parent.id, relationship: 'Parent' });
    actAs(await openSession(testDb(), parent));
    const response = await downloadFhir(new Request('http://portal.test/x'), {
      params: Promise.resolve({ childId: child.id }),
    });
    const downloaded = (await response.json()) as Bundle;
    const patient = resources(downloaded).find((r) => r.resourceType === 'Patient')!;
    expect(patient.identifier![0]!.value).toBe(child.mrn);
    // Into a second chart of this database, standing in for an empty one: a fresh MRN.
    patient.identifier![0]!.value = 'ROUND-TRIP';
    const { report } = await importBundle(testDb(), cli, testMeta, downloaded, {
      ...options,
      source: 'download',
    });
    expect(report.errors).toEqual([]);
    const copy = await childByMrn('ROUND-TRIP');
    expect(copy).toMatchObject({
      firstName: child.firstName,
      lastName: child.lastName,
      dateOfBirth: child.dateOfBirth,
      sex: child.sex,
    });
    const today = '2026-11-29';
    const original = await readChildRecord(
      testDb(),
      { kind: 'guardian', userId: parent.id, today },
      child.id,
    );
    const imported = await readChildRecord(testDb(), staffView, copy.id);
    const content = (rows: object[], drop: string[]) =>
      rows
        .map((row) =>
          JSON.stringify(
            Object.fromEntries(
              Object.entries(row)
                .filter(
                  ([key]) =>
                    ![
                      'id',
                      'childId',
                      'createdAt',
                      'updatedAt',
                      'sourceSystem',
                      'sourceId',
                      'sourceHash',
                      'sourceUpdatedAt',
                      ...drop,
                    ].includes(key),
                )
                .sort(([a], [b]) => a.localeCompare(b)),
            ),
          ),
        )
        .sort();
    for (const section of [
      'immunizations',
      'measurements',
      'allergies',
      'medications',
      'problems',
      'visits',
    ] as const) {
      expect(content(imported[section], []), section).toEqual(content(original[section], []));
      expect(imported[section].length, section).toBeGreaterThan(section === 'allergies' ? -1 : 0);
    }
    // Results stay unreleased on arrival; the parent saw none of the original's either.
    expect(original.results).toEqual([]);
    const { value: visitCount } = (
      await testDb().select({ value: count() }).from(visits).where(eq(visits.childId, copy.id))
    )[0]!;
    expect(visitCount).toBe(15);
    const { value: measured } = (
      await testDb()
        .select({ value: count() })
        .from(measurements)
        .where(eq(measurements.childId, copy.id))
    )[0]!;
    expect(measured).toBe(13);
  });
});

describe('imported entries in the portal', () => {
  it('cannot be edited here, can be hidden with a reason, and stay hidden on the next import', async () => {
    const bundle = load('synstudio-Teodoro374_Kutch271-739e5c3b-7c79-50a2-36d8-17b3aa0b521d.json');
    const child = await childByMrn(mrnOf(bundle));
    const clinician = await createStaffMember(testDb(), ['clinical']);
    const [problem] = (await readChildRecord(testDb(), staffView, child.id)).problems;
    await expect(
      saveRecordEntry(testDb(), clinician.id, {
        section: 'problems',
        childId: child.id,
        entryId: problem!.id,
        name: 'Edited here',
        onsetOn: null,
        status: 'active',
        confidential: false,
      } as never),
    ).rejects.toThrow('errors.chartEntryImported');
    await removeRecordEntry(testDb(), clinician.id, {
      childId: child.id,
      entryId: problem!.id,
      section: 'problems',
      reason: 'Duplicate of a hand-charted entry',
    });
    const condition = resources(bundle).find(
      (r) => r.resourceType === 'Condition' && `Condition/${r.id}` === problem!.sourceId,
    )!;
    (condition as { code: { text: string } }).code.text = 'Renamed in the EHR';
    await importBundle(testDb(), cli, testMeta, bundle, options);
    const [row] = await testDb().select().from(problems).where(eq(problems.id, problem!.id));
    expect(row).toMatchObject({
      name: 'Renamed in the EHR',
      removalReason: 'Duplicate of a hand-charted entry',
    });
    expect(row!.removedAt).not.toBeNull();
  });

  it('keeps a dose the EHR sent as not given for the clinical team only, never counted', async () => {
    const bundle = load('synstudio-Teodoro374_Kutch271-739e5c3b-7c79-50a2-36d8-17b3aa0b521d.json');
    const child = await childByMrn(mrnOf(bundle));
    const dose = resources(bundle).find((r) => r.resourceType === 'Immunization') as Immunization;
    dose.status = 'not-done';
    await importBundle(testDb(), cli, testMeta, bundle, options);
    const given = await readChildRecord(testDb(), staffView, child.id);
    expect(given.immunizations.map((row) => row.sourceId)).not.toContain(`Immunization/${dose.id}`);
    const refused = await readRefusedImmunizations(testDb(), staffView, child.id);
    expect(refused.map((row) => row.sourceId)).toEqual([`Immunization/${dose.id}`]);
    const guardian: RecordViewer = {
      kind: 'guardian',
      userId: crypto.randomUUID(),
      today: '2025-01-01',
    };
    expect(await readRefusedImmunizations(testDb(), guardian, child.id)).toEqual([]);
  });
});
