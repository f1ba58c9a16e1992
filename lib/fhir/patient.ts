import 'server-only';

import type { Patient } from '@medplum/fhirtypes';

import { fhirDate, FhirMappingError } from './common';

export interface MappedPatient {
  mrn: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  sex: 'female' | 'male' | null;
}

const MR_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/**
 * The practice's medical record number: the identifier in the configured system
 * (FHIR_MRN_SYSTEM), else the one typed MR. The MRN is how a child is matched; a Patient
 * without one could only be matched by name and birth date, which is how charts get mixed up.
 */
function medicalRecordNumber(patient: Patient, mrnSystem?: string): string | null {
  const identifiers = patient.identifier ?? [];
  const configured = mrnSystem
    ? identifiers.find((identifier) => identifier.system === mrnSystem && identifier.value)
    : undefined;
  const typed = identifiers.find(
    (identifier) =>
      identifier.value &&
      identifier.type?.coding?.some(
        (coding) => coding.code === 'MR' && (!coding.system || coding.system === MR_TYPE_SYSTEM),
      ),
  );
  const value = (configured ?? typed)?.value?.trim();
  return value ? value.slice(0, 64) : null;
}

export function mapPatient(patient: Patient, mrnSystem?: string): MappedPatient {
  const mrn = medicalRecordNumber(patient, mrnSystem);
  if (!mrn) throw new FhirMappingError('the Patient has no medical record number (MR identifier)');
  const names = patient.name ?? [];
  const official = names.find((name) => name.use === 'official') ?? names[0];
  const firstName = official?.given?.[0]?.trim();
  const lastName = official?.family?.trim();
  if (!firstName || !lastName)
    throw new FhirMappingError('the Patient has no given and family name');
  const usual = names.find((name) => name.use === 'usual' && name !== official)?.given?.[0]?.trim();
  return {
    mrn,
    firstName: firstName.slice(0, 100),
    lastName: lastName.slice(0, 100),
    preferredName: usual && usual !== firstName ? usual.slice(0, 100) : null,
    dateOfBirth: fhirDate(patient.birthDate, 'birthDate'),
    sex: patient.gender === 'female' || patient.gender === 'male' ? patient.gender : null,
  };
}
