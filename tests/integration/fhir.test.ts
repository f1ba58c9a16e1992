import type { Bundle, Immunization, Observation } from '@medplum/fhirtypes';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import { GET as downloadFhir } from '@/app/(portal)/children/[childId]/fhir/route';
import { auditEvents } from '@/db/schema';

import { actAs, createChildLinkedTo, createParent, openSession } from '../factories';
import { chartEntry, createChartScene, vaccineGiven } from '../factories/chart';
import { testDb } from '../setup/database';
import { redirectOf } from '../setup/next-mocks';

beforeEach(() => actAs(null));

async function download(childId: string): Promise<Response> {
  return downloadFhir(new Request('http://portal.test/x'), {
    params: Promise.resolve({ childId }),
  });
}

describe('the FHIR download', () => {
  it('is a FHIR R4 collection Bundle with the coded record a parent can see, and nothing confidential or unreleased', async () => {
    const db = testDb();
    const { parent, child } = await createChartScene(db);
    const add = (entry: Record<string, unknown>) => chartEntry(child.id, entry);
    await add(vaccineGiven('110', '2020-04-02', { lotNumber: 'LOT1', site: 'Thigh' }));
    await add(vaccineGiven('165', '2021-04-02', { confidential: true }));
    await add({
      section: 'measurements',
      measuredOn: '2021-02-02',
      weightKg: '11.2',
      heightCm: '80.5',
      headCircumferenceCm: '46',
    });
    await add({
      section: 'results',
      testName: 'Hemoglobin',
      value: '12.1',
      units: 'g/dL',
      referenceRange: '11.5–15.5',
      flag: 'normal',
      collectedOn: '2021-02-02',
      resultedOn: '2021-02-03',
    });
    await add({
      section: 'allergies',
      substance: 'Peanuts',
      reaction: 'Hives',
      severity: 'severe',
      status: 'active',
      notedOn: '2021-01-01',
    });
    await add({
      section: 'problems',
      name: 'Private matter',
      onsetOn: '',
      status: 'active',
      confidential: true,
    });
    await add({
      section: 'visits',
      visitOn: '2021-02-02',
      type: 'well_child',
      clinician: 'Dr. Shah',
      reason: '12 month visit',
      summary: 'Doing well',
    });

    actAs(await openSession(db, parent));
    const response = await download(child.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const bundle = (await response.json()) as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const resources = bundle.entry!.map((entry) => entry.resource!);
    const types = resources.map((resource) => resource.resourceType).sort();
    expect(types).toEqual([
      'AllergyIntolerance',
      'Encounter',
      'Immunization',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
      'Patient',
    ]);
    for (const entry of bundle.entry!) expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);

    const immunization = resources.find(
      (resource) => resource.resourceType === 'Immunization',
    ) as Immunization;
    expect(immunization.vaccineCode.coding).toEqual([
      { system: 'http://hl7.org/fhir/sid/cvx', code: '110', display: 'DTaP-Hep B-IPV' },
    ]);
    expect(immunization.patient.reference).toBe(`urn:uuid:${child.id}`);
    const loinc = resources
      .filter((resource): resource is Observation => resource.resourceType === 'Observation')
      .flatMap((observation) => observation.code.coding?.map((coding) => coding.code) ?? []);
    expect(loinc.sort()).toEqual(['29463-7', '39156-5', '8302-2', '9843-4']);

    // The lab result appears once released, never before.
    const text = JSON.stringify(bundle);
    expect(text).not.toMatch(/Hemoglobin|HPV|Private matter/);
    const [viewed] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'record.exported'), eq(auditEvents.childId, child.id)));
    expect(viewed?.metadata).toMatchObject({ section: 'fhir' });
  });

  it('is a 404 for a parent who is not linked', async () => {
    const db = testDb();
    const child = await createChildLinkedTo(db, (await createParent(db)).id);
    actAs(await openSession(db, await createParent(db)));
    expect(await redirectOf(download(child.id))).toBe('/__not-found');
  });
});
