import 'server-only';

import type {
  AllergyIntolerance,
  Bundle,
  BundleEntry,
  Condition,
  Encounter,
  Immunization,
  MedicationStatement,
  Observation,
  Patient,
  Resource,
} from '@medplum/fhirtypes';

import type { ChildRecord } from './read';
import { visitTypeLabels } from './schemas';

/**
 * The child's record as a FHIR R4 Bundle (type "collection") that another portal, an app or a
 * new practice can read. Built from a record already read through the viewer's rules, so it
 * holds exactly what the parent can see: never confidential items or unreleased results.
 */

const CVX = 'http://hl7.org/fhir/sid/cvx';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

const vitalSigns = {
  weightKg: { code: '29463-7', display: 'Body weight', unit: 'kg' },
  heightCm: { code: '8302-2', display: 'Body height', unit: 'cm' },
  headCircumferenceCm: {
    code: '9843-4',
    display: 'Head Occipital-frontal circumference',
    unit: 'cm',
  },
  bmi: { code: '39156-5', display: 'Body mass index (BMI) [Ratio]', unit: 'kg/m2' },
} as const;

export interface FhirChild {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  sex: 'female' | 'male' | null;
  /** The practice's medical record number: lets another system (or this one) match the child. */
  mrn?: string | null;
}

const urn = (id: string) => `urn:uuid:${id}`;

function vitalSign(
  id: string,
  patient: string,
  measuredOn: string,
  kind: keyof typeof vitalSigns,
  value: number,
): Observation {
  const sign = vitalSigns[kind];
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'vital-signs',
            display: 'Vital Signs',
          },
        ],
      },
    ],
    code: {
      coding: [{ system: LOINC, code: sign.code, display: sign.display }],
      text: sign.display,
    },
    subject: { reference: patient },
    effectiveDateTime: measuredOn,
    valueQuantity: { value, unit: sign.unit, system: UCUM, code: sign.unit },
  };
}

type Row<K extends keyof ChildRecord> = ChildRecord[K] extends readonly (infer R)[] ? R : never;

function patientResource(child: FhirChild): Patient {
  return {
    resourceType: 'Patient',
    id: child.id,
    ...(child.mrn
      ? {
          identifier: [
            {
              type: {
                coding: [
                  {
                    system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
                    code: 'MR',
                    display: 'Medical Record Number',
                  },
                ],
              },
              value: child.mrn,
            },
          ],
        }
      : {}),
    name: [
      { use: 'official', family: child.lastName, given: [child.firstName] },
      ...(child.preferredName
        ? [{ use: 'usual' as const, given: [child.preferredName], family: child.lastName }]
        : []),
    ],
    birthDate: child.dateOfBirth,
    gender: child.sex ?? 'unknown',
  };
}

function immunizationResource(row: Row<'immunizations'>, patient: string): Immunization {
  return {
    resourceType: 'Immunization',
    id: row.id,
    status: 'completed',
    vaccineCode: {
      coding: [{ system: CVX, code: row.cvx, display: row.vaccineName }],
      text: row.vaccineName,
    },
    patient: { reference: patient },
    occurrenceDateTime: row.administeredOn,
    primarySource: row.source === 'given_here',
    ...(row.lotNumber ? { lotNumber: row.lotNumber } : {}),
    ...(row.site ? { site: { text: row.site } } : {}),
    ...(row.doseNumber ? { protocolApplied: [{ doseNumberString: row.doseNumber }] } : {}),
  };
}

/** One measurement row holds several vital signs; each becomes its own Observation with its own id. */
function vitalSignsOf(row: Row<'measurements'>, patient: string): Observation[] {
  const signs: Observation[] = [];
  const add = (kind: keyof typeof vitalSigns, value: number) =>
    signs.push(vitalSign(crypto.randomUUID(), patient, row.measuredOn, kind, value));
  if (row.weightKg !== null) add('weightKg', row.weightKg);
  if (row.heightCm !== null) add('heightCm', row.heightCm);
  if (row.headCircumferenceCm !== null) add('headCircumferenceCm', row.headCircumferenceCm);
  if (row.weightKg !== null && row.heightCm !== null)
    add('bmi', Math.round((row.weightKg / (row.heightCm / 100) ** 2) * 10) / 10);
  return signs;
}

function labResult(row: Row<'results'>, patient: string): Observation {
  const numeric = /^-?\d+(\.\d+)?$/.test(row.value.trim());
  return {
    resourceType: 'Observation',
    id: row.id,
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'laboratory',
            display: 'Laboratory',
          },
        ],
      },
    ],
    code: { text: row.testName },
    subject: { reference: patient },
    ...(row.collectedOn ? { effectiveDateTime: row.collectedOn } : {}),
    ...(row.releasedAt ? { issued: row.releasedAt.toISOString() } : {}),
    ...(numeric
      ? { valueQuantity: { value: Number(row.value), ...(row.units ? { unit: row.units } : {}) } }
      : { valueString: row.units ? `${row.value} ${row.units}` : row.value }),
    ...(row.referenceRange ? { referenceRange: [{ text: row.referenceRange }] } : {}),
    interpretation: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
            code: row.flag === 'abnormal' ? 'A' : 'N',
            display: row.flag === 'abnormal' ? 'Abnormal' : 'Normal',
          },
        ],
      },
    ],
    ...(row.releaseComment ? { note: [{ text: row.releaseComment }] } : {}),
  };
}

function allergyResource(row: Row<'allergies'>, patient: string): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: row.id,
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
          code: row.status,
        },
      ],
    },
    code: { text: row.substance },
    patient: { reference: patient },
    ...(row.notedOn ? { recordedDate: row.notedOn } : {}),
    ...(row.reaction
      ? {
          reaction: [
            {
              manifestation: [{ text: row.reaction }],
              ...(row.severity !== 'unknown' ? { severity: row.severity } : {}),
            },
          ],
        }
      : {}),
  };
}

function medicationStatement(row: Row<'medications'>, patient: string): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: row.id,
    status: row.status,
    medicationCodeableConcept: { text: row.name },
    subject: { reference: patient },
    ...(row.startedOn || row.endedOn
      ? {
          effectivePeriod: {
            ...(row.startedOn ? { start: row.startedOn } : {}),
            ...(row.endedOn ? { end: row.endedOn } : {}),
          },
        }
      : {}),
    ...(row.instructions ? { dosage: [{ text: row.instructions }] } : {}),
  };
}

function conditionResource(row: Row<'problems'>, patient: string): Condition {
  return {
    resourceType: 'Condition',
    id: row.id,
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: row.status },
      ],
    },
    code: { text: row.name },
    subject: { reference: patient },
    ...(row.onsetOn ? { onsetDateTime: row.onsetOn } : {}),
  };
}

function encounterResource(row: Row<'visits'>, patient: string): Encounter {
  return {
    resourceType: 'Encounter',
    id: row.id,
    status: 'finished',
    class:
      row.type === 'telehealth'
        ? {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
            code: 'VR',
            display: 'virtual',
          }
        : {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
            code: 'AMB',
            display: 'ambulatory',
          },
    type: [{ text: visitTypeLabels[row.type] }],
    subject: { reference: patient },
    period: { start: row.visitOn, end: row.visitOn },
    ...(row.reason ? { reasonCode: [{ text: row.reason }] } : {}),
    ...(row.clinician ? { participant: [{ individual: { display: row.clinician } }] } : {}),
  };
}

export function childRecordBundle(
  child: FhirChild,
  record: ChildRecord,
  generatedAt = new Date(),
): Bundle {
  const patient = urn(child.id);
  const resources: Resource[] = [
    patientResource(child),
    ...record.immunizations.map((row) => immunizationResource(row, patient)),
    ...record.measurements.flatMap((row) => vitalSignsOf(row, patient)),
    ...record.results.map((row) => labResult(row, patient)),
    ...record.allergies.map((row) => allergyResource(row, patient)),
    ...record.medications.map((row) => medicationStatement(row, patient)),
    ...record.problems.map((row) => conditionResource(row, patient)),
    ...record.visits.map((row) => encounterResource(row, patient)),
  ];
  const entry: BundleEntry[] = resources.map((resource) => ({
    fullUrl: urn(resource.id!),
    resource,
  }));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: generatedAt.toISOString(),
    entry,
  };
}
