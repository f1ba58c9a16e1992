import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type {
  AllergyIntolerance,
  Bundle,
  Condition,
  DiagnosticReport,
  Encounter,
  Immunization,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';

import { mapAllergyIntolerance } from '@/lib/fhir/allergy-intolerance';
import { FhirBundleError, parseBundle } from '@/lib/fhir/bundle';
import { ENTERED_IN_ERROR, FhirMappingError, isConfidential } from '@/lib/fhir/common';
import { mapCondition } from '@/lib/fhir/condition';
import { mapEncounter } from '@/lib/fhir/encounter';
import { mapImmunization } from '@/lib/fhir/immunization';
import { mapMedicationRequest, mapMedicationStatement } from '@/lib/fhir/medication';
import { mapDiagnosticReport, mapLabObservation } from '@/lib/fhir/observation-lab';
import { mapVitalSign } from '@/lib/fhir/observation-vitals';
import { mapPatient } from '@/lib/fhir/patient';

const samples = path.resolve('tests/fixtures/fhir-samples');
const bundles = readdirSync(samples)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({
    name,
    bundle: JSON.parse(readFileSync(path.join(samples, name), 'utf8')) as Bundle,
  }));
const resourcesOf = <T extends Resource>(type: T['resourceType'], prefix = '') =>
  bundles
    .filter(({ name }) => name.startsWith(prefix))
    .flatMap(({ bundle }) => bundle.entry!.map((entry) => entry.resource!))
    .filter((resource): resource is T => resource.resourceType === type);
const noMedications = () => undefined;
const withCode = (code: string) => (observation: Observation) =>
  observation.code.coding?.some((coding) => coding.code === code);

describe('Patient', () => {
  it('maps every sample child, matched on the MR identifier', () => {
    const patients = resourcesOf<Patient>('Patient');
    expect(patients).toHaveLength(8);
    const junita = mapPatient(patients.find((p) => p.name?.[0]?.family === 'Labadie')!);
    expect(junita).toEqual({
      mrn: 'e9782bd2-ab34-4e18-945c-446bb8ee7d82',
      firstName: 'Junita',
      lastName: 'Labadie',
      preferredName: null,
      dateOfBirth: '2019-10-23',
      sex: 'female',
    });
  });

  it('prefers the configured MRN system, and refuses a Patient without an MRN', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      name: [{ family: 'Doe', given: ['Sam'] }],
      birthDate: '2020-01-01',
      identifier: [
        { type: { coding: [{ code: 'MR' }] }, value: 'typed' },
        { system: 'urn:practice:mrn', value: 'configured' },
      ],
    };
    expect(mapPatient(patient).mrn).toBe('typed');
    expect(mapPatient(patient, 'urn:practice:mrn').mrn).toBe('configured');
    expect(() => mapPatient({ ...patient, identifier: [{ value: 'x' }] })).toThrow(
      /no medical record number/,
    );
  });
});

describe('Immunization', () => {
  it('maps every sample dose, CVX codes with their leading zeros', () => {
    const doses = resourcesOf<Immunization>('Immunization');
    expect(doses).toHaveLength(180);
    const mapped = doses.map((dose) => mapImmunization(dose));
    expect(mapped.every((row) => row.kind === 'row')).toBe(true);
    const mmr = mapped.find((row) => row.kind === 'row' && row.columns.cvx === '03');
    expect(mmr).toMatchObject({
      section: 'immunizations',
      confidential: false,
      removalReason: null,
      columns: { vaccineName: 'MMR', source: 'given_here', refused: false },
    });
  });

  const dose: Immunization = {
    resourceType: 'Immunization',
    id: 'dose-1',
    status: 'completed',
    vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '08' }] },
    patient: { reference: 'Patient/p' },
    occurrenceDateTime: '2021-03-04T23:30:00-05:00',
  };

  it('keeps the date as the sender wrote it, not moved to UTC', () => {
    expect(mapImmunization(dose)).toMatchObject({ columns: { administeredOn: '2021-03-04' } });
  });

  it('keeps a not-done dose as refused and withdraws an entered-in-error one', () => {
    expect(mapImmunization({ ...dose, status: 'not-done' })).toMatchObject({
      columns: { refused: true },
    });
    expect(mapImmunization({ ...dose, status: 'entered-in-error' })).toMatchObject({
      removalReason: ENTERED_IN_ERROR,
    });
  });

  it('names an unknown CVX code', () => {
    const unknown = {
      ...dose,
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '99999' }] },
    };
    expect(() => mapImmunization(unknown)).toThrow(
      new FhirMappingError('unknown CVX code "99999"'),
    );
  });

  it('is confidential when labelled R or V, or with the configured tag', () => {
    const security = (code: string) => ({
      ...dose,
      meta: {
        security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code }],
      },
    });
    expect(mapImmunization(security('R'))).toMatchObject({ confidential: true });
    expect(mapImmunization(security('V'))).toMatchObject({ confidential: true });
    expect(mapImmunization(security('N'))).toMatchObject({ confidential: false });
    const tagged = { ...dose, meta: { tag: [{ system: 'urn:practice', code: 'teen' }] } };
    expect(isConfidential(tagged.meta, {})).toBe(false);
    expect(mapImmunization(tagged, { sensitiveTag: 'urn:practice|teen' })).toMatchObject({
      confidential: true,
    });
  });
});

describe('vital-sign Observations', () => {
  const observations = resourcesOf<Observation>('Observation');

  it('maps every sample weight, height and head circumference', () => {
    for (const [code, field, count] of [
      ['29463-7', 'weightKg', 89],
      ['8302-2', 'heightCm', 89],
      ['9843-4', 'headCircumferenceCm', 22],
    ] as const) {
      const mapped = observations.filter(withCode(code)).map((o) => mapVitalSign(o));
      expect(mapped).toHaveLength(count);
      expect(mapped.every((vital) => vital.kind === 'vital' && vital.field === field)).toBe(true);
    }
    // BMI is checked, then left to the growth chart to work out.
    const bmi = observations.filter(withCode('39156-5')).map((o) => mapVitalSign(o));
    expect(bmi).toHaveLength(49);
    expect(bmi.every((item) => item.kind === 'skip')).toBe(true);
  });

  const weight = (value: number, code: string): Observation => ({
    resourceType: 'Observation',
    id: 'w',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
    effectiveDateTime: '2021-01-02',
    valueQuantity: { value, code, system: 'http://unitsofmeasure.org' },
  });

  it('converts grams, pounds and inches', () => {
    expect(mapVitalSign(weight(3500, 'g'))).toMatchObject({ field: 'weightKg', value: 3.5 });
    expect(mapVitalSign(weight(22, '[lb_av]'))).toMatchObject({ value: 9.979 });
    const height: Observation = {
      ...weight(30, '[in_i]'),
      code: { coding: [{ system: 'http://loinc.org', code: '8302-2' }] },
    };
    expect(mapVitalSign(height)).toMatchObject({ field: 'heightCm', value: 76.2 });
  });

  it('names an unknown unit and an implausible value', () => {
    expect(() => mapVitalSign(weight(20, 'stone'))).toThrow(/unknown unit "stone" for weight/);
    expect(() => mapVitalSign(weight(2000, 'kg'))).toThrow(/not plausible/);
  });
});

describe('laboratory results', () => {
  it('maps the sample lab Observations, never released', () => {
    const labs = resourcesOf<Observation>('Observation').filter((o) =>
      o.category?.some((c) => c.coding?.some((coding) => coding.code === 'laboratory')),
    );
    expect(labs.length).toBeGreaterThan(100);
    const hemoglobin = mapLabObservation(labs.find(withCode('718-7'))!);
    expect(hemoglobin).toMatchObject({
      section: 'results',
      columns: { units: 'g/dL', flag: 'normal' },
    });
    expect(hemoglobin.kind === 'row' && 'releasedAt' in hemoglobin.columns).toBe(false);
  });

  it('flags a high result and leaves a panel report to its Observations', () => {
    const high: Observation = {
      resourceType: 'Observation',
      id: 'lead',
      status: 'final',
      code: { text: 'Lead' },
      valueQuantity: { value: 7, unit: 'ug/dL' },
      interpretation: [{ coding: [{ code: 'H' }] }],
    };
    expect(mapLabObservation(high)).toMatchObject({ columns: { value: '7', flag: 'abnormal' } });
    const panels = resourcesOf<DiagnosticReport>('DiagnosticReport');
    expect(panels.map((report) => mapDiagnosticReport(report).kind)).not.toContain('row');
  });
});

describe('allergies, medicines, problems and visits', () => {
  it('maps the sample allergies', () => {
    const allergies = resourcesOf<AllergyIntolerance>('AllergyIntolerance').map((a) =>
      mapAllergyIntolerance(a),
    );
    expect(allergies).toHaveLength(11);
    expect(allergies[0]).toMatchObject({ section: 'allergies', columns: { status: 'active' } });
  });

  it('maps the sample prescriptions, by code or by a Medication in the bundle', () => {
    const requests = resourcesOf<MedicationRequest>('MedicationRequest');
    expect(requests).toHaveLength(28);
    const medications = new Map(
      bundles.flatMap(({ bundle }) =>
        bundle
          .entry!.filter((entry) => entry.resource?.resourceType === 'Medication')
          .map((entry) => [entry.fullUrl!, entry.resource as never]),
      ),
    );
    const mapped = requests.map((r) => mapMedicationRequest(r, (ref) => medications.get(ref)));
    expect(mapped.every((row) => row.kind === 'row' && typeof row.columns.name === 'string')).toBe(
      true,
    );
    const stopped = requests.findIndex((r) => r.status === 'stopped');
    expect(mapped[stopped]).toMatchObject({ columns: { status: 'stopped' } });
  });

  it('maps a MedicationStatement and skips one not taken', () => {
    const statement: MedicationStatement = {
      resourceType: 'MedicationStatement',
      id: 's',
      status: 'active',
      subject: { reference: 'Patient/p' },
      medicationCodeableConcept: { text: 'Amoxicillin' },
      effectivePeriod: { start: '2021-01-01' },
      dosage: [{ text: 'Twice a day' }],
    };
    expect(mapMedicationStatement(statement, noMedications)).toMatchObject({
      columns: { name: 'Amoxicillin', instructions: 'Twice a day', startedOn: '2021-01-01' },
    });
    expect(mapMedicationStatement({ ...statement, status: 'not-taken' }, noMedications).kind).toBe(
      'skip',
    );
  });

  it('maps the sample conditions with their clinical status', () => {
    const conditions = resourcesOf<Condition>('Condition').map((c) => mapCondition(c));
    expect(conditions).toHaveLength(44);
    const statuses = new Set(conditions.map((c) => c.kind === 'row' && c.columns.status));
    expect(statuses).toEqual(new Set(['active', 'resolved']));
  });

  it('recognises well-child visits among the sample encounters', () => {
    const visits = resourcesOf<Encounter>('Encounter').map((e) => mapEncounter(e));
    expect(visits).toHaveLength(128);
    const types = visits.map((visit) => visit.kind === 'row' && visit.columns.type);
    expect(types.filter((type) => type === 'well_child').length).toBeGreaterThanOrEqual(90);
    expect(types).toContain('sick');
  });
});

describe('parseBundle', () => {
  it('names what is wrong with a body that is not a bundle it takes', () => {
    expect(() => parseBundle('text')).toThrow(FhirBundleError);
    expect(() => parseBundle({ resourceType: 'Patient' })).toThrow(
      /expected resourceType "Bundle"/,
    );
    expect(() => parseBundle({ resourceType: 'Bundle', type: 'document' })).toThrow(
      /must be transaction, batch or collection/,
    );
    expect(() => parseBundle({ resourceType: 'Bundle', type: 'batch', entry: [{}] })).toThrow(
      /entry 0 has no resource/,
    );
    expect(parseBundle({ resourceType: 'Bundle', type: 'collection' }).entries).toEqual([]);
  });
});
