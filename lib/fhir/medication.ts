import 'server-only';

import type { Medication, MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';

import {
  conceptText,
  ENTERED_IN_ERROR,
  FhirMappingError,
  isConfidential,
  optionalDate,
  skip,
  sourceIdOf,
  type Mapped,
  type MappingOptions,
} from './common';

/** Medication resources in the same bundle, for `medicationReference`. */
export type MedicationLookup = (reference: string) => Medication | undefined;

const statusFor: Record<string, 'active' | 'stopped' | 'completed' | undefined> = {
  active: 'active',
  'on-hold': 'active',
  intended: 'active',
  unknown: 'active',
  completed: 'completed',
  stopped: 'stopped',
  cancelled: 'stopped',
};

function medicationName(
  resource: MedicationRequest | MedicationStatement,
  lookup: MedicationLookup,
): string {
  const name =
    conceptText(resource.medicationCodeableConcept) ??
    (resource.medicationReference?.reference
      ? conceptText(lookup(resource.medicationReference.reference)?.code)
      : null) ??
    resource.medicationReference?.display;
  if (!name) throw new FhirMappingError('the medicine has no name');
  return name.slice(0, 200);
}

function mapped(
  resource: MedicationRequest | MedicationStatement,
  options: MappingOptions,
  columns: Record<string, string | null>,
): Mapped {
  return {
    kind: 'row',
    section: 'medications',
    sourceId: sourceIdOf(resource),
    confidential: isConfidential(resource.meta, options),
    removalReason: resource.status === 'entered-in-error' ? ENTERED_IN_ERROR : null,
    columns: {
      ...columns,
      status: statusFor[resource.status] ?? 'stopped',
    },
  };
}

export function mapMedicationRequest(
  resource: MedicationRequest,
  lookup: MedicationLookup,
  options: MappingOptions = {},
): Mapped {
  if (resource.status === 'draft') return skip('a draft prescription');
  if (
    resource.intent &&
    !['order', 'original-order', 'instance-order', 'reflex-order', 'filler-order'].includes(
      resource.intent,
    )
  )
    return skip(`intent ${resource.intent}`);
  const instructions = resource.dosageInstruction
    ?.map((dosage) => dosage.text?.trim())
    .filter(Boolean)
    .join('; ');
  return mapped(resource, options, {
    name: medicationName(resource, lookup),
    instructions: instructions ? instructions.slice(0, 500) : null,
    startedOn: optionalDate(resource.authoredOn, 'authoredOn'),
    endedOn: optionalDate(resource.dispenseRequest?.validityPeriod?.end, 'validityPeriod.end'),
  });
}

export function mapMedicationStatement(
  resource: MedicationStatement,
  lookup: MedicationLookup,
  options: MappingOptions = {},
): Mapped {
  if (resource.status === 'not-taken') return skip('a medicine not taken');
  const instructions = resource.dosage
    ?.map((dosage) => dosage.text?.trim())
    .filter(Boolean)
    .join('; ');
  return mapped(resource, options, {
    name: medicationName(resource, lookup),
    instructions: instructions ? instructions.slice(0, 500) : null,
    startedOn: optionalDate(
      resource.effectivePeriod?.start ?? resource.effectiveDateTime,
      'effectivePeriod.start',
    ),
    endedOn: optionalDate(resource.effectivePeriod?.end, 'effectivePeriod.end'),
  });
}
