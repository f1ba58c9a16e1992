import 'server-only';

import type {
  AllergyIntolerance,
  Condition,
  DiagnosticReport,
  Encounter,
  Immunization,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Resource,
} from '@medplum/fhirtypes';

import { mapAllergyIntolerance } from './allergy-intolerance';
import { skip, type Mapped, type MappingOptions } from './common';
import { mapCondition } from './condition';
import { mapEncounter } from './encounter';
import { mapImmunization } from './immunization';
import { mapMedicationRequest, mapMedicationStatement, type MedicationLookup } from './medication';
import { isLaboratory, mapDiagnosticReport, mapLabObservation } from './observation-lab';
import { isGrowthVitalSign, mapVitalSign } from './observation-vitals';

/** The resource types that belong to one patient's chart, and where each finds its patient. */
export const patientReference: Partial<Record<string, (resource: Resource) => string | undefined>> =
  {
    Immunization: (r) => (r as Immunization).patient?.reference,
    Observation: (r) => (r as Observation).subject?.reference,
    DiagnosticReport: (r) => (r as DiagnosticReport).subject?.reference,
    AllergyIntolerance: (r) => (r as AllergyIntolerance).patient?.reference,
    MedicationRequest: (r) => (r as MedicationRequest).subject?.reference,
    MedicationStatement: (r) => (r as MedicationStatement).subject?.reference,
    Condition: (r) => (r as Condition).subject?.reference,
    Encounter: (r) => (r as Encounter).subject?.reference,
  };

/** Turns one resource of a patient's chart into what the portal keeps, or says why not. */
export function mapResource(
  resource: Resource,
  lookup: MedicationLookup,
  options: MappingOptions,
): Mapped {
  switch (resource.resourceType) {
    case 'Immunization':
      return mapImmunization(resource, options);
    case 'Observation':
      if (isGrowthVitalSign(resource)) return mapVitalSign(resource, options);
      if (isLaboratory(resource)) return mapLabObservation(resource, options);
      return skip('an observation the portal does not show');
    case 'DiagnosticReport':
      return mapDiagnosticReport(resource, options);
    case 'AllergyIntolerance':
      return mapAllergyIntolerance(resource, options);
    case 'MedicationRequest':
      return mapMedicationRequest(resource, lookup, options);
    case 'MedicationStatement':
      return mapMedicationStatement(resource, lookup, options);
    case 'Condition':
      return mapCondition(resource, options);
    case 'Encounter':
      return mapEncounter(resource, options);
    default:
      return skip('a resource type the portal does not show');
  }
}
