import 'server-only';

import type { Immunization } from '@medplum/fhirtypes';

import { getVaccine } from '@/lib/records/cvx';

import {
  codingIn,
  conceptText,
  CVX_SYSTEM,
  ENTERED_IN_ERROR,
  fhirDate,
  FhirMappingError,
  isConfidential,
  sourceIdOf,
  type Mapped,
  type MappingOptions,
} from './common';

/** Completed doses count; not-done ones are kept for staff as refused; entered-in-error ones leave every view. */
export function mapImmunization(resource: Immunization, options: MappingOptions = {}): Mapped {
  const coding = codingIn(resource.vaccineCode, CVX_SYSTEM);
  if (!coding?.code) throw new FhirMappingError('the vaccine has no CVX code');
  const vaccine = getVaccine(coding.code);
  if (!vaccine) throw new FhirMappingError(`unknown CVX code "${coding.code.slice(0, 20)}"`);
  if (!['completed', 'not-done', 'entered-in-error'].includes(resource.status))
    throw new FhirMappingError(`unknown Immunization status "${String(resource.status)}"`);
  const doseNumber =
    resource.protocolApplied?.[0]?.doseNumberPositiveInt ??
    resource.protocolApplied?.[0]?.doseNumberString;
  return {
    kind: 'row',
    section: 'immunizations',
    sourceId: sourceIdOf(resource),
    confidential: isConfidential(resource.meta, options),
    removalReason: resource.status === 'entered-in-error' ? ENTERED_IN_ERROR : null,
    columns: {
      cvx: vaccine.code,
      vaccineName: vaccine.shortDescription,
      administeredOn: fhirDate(
        resource.occurrenceDateTime ?? resource.occurrenceString,
        'occurrenceDateTime',
      ),
      doseNumber: doseNumber === undefined ? null : String(doseNumber).slice(0, 20),
      lotNumber: resource.lotNumber?.slice(0, 100) ?? null,
      site: conceptText(resource.site)?.slice(0, 100) ?? null,
      source: resource.primarySource === false ? 'reported' : 'given_here',
      refused: resource.status === 'not-done',
    },
  };
}
