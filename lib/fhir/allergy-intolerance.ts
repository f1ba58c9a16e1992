import 'server-only';

import type { AllergyIntolerance } from '@medplum/fhirtypes';

import {
  conceptText,
  ENTERED_IN_ERROR,
  FhirMappingError,
  isConfidential,
  optionalDate,
  sourceIdOf,
  statusCode,
  type Mapped,
  type MappingOptions,
} from './common';

const severityOrder = ['mild', 'moderate', 'severe'] as const;

export function mapAllergyIntolerance(
  resource: AllergyIntolerance,
  options: MappingOptions = {},
): Mapped {
  const substance = conceptText(resource.code);
  if (!substance) throw new FhirMappingError('the allergy names no substance');
  const verification = statusCode(resource.verificationStatus);
  const clinical = statusCode(resource.clinicalStatus) ?? 'active';
  const reactions = resource.reaction ?? [];
  const manifestations = reactions
    .flatMap((reaction) => reaction.manifestation ?? [])
    .map(conceptText)
    .filter((text): text is string => Boolean(text));
  // The worst reaction on record is the one a parent and a school must plan for.
  const severity =
    [...severityOrder].reverse().find((level) => reactions.some((r) => r.severity === level)) ??
    'unknown';
  return {
    kind: 'row',
    section: 'allergies',
    sourceId: sourceIdOf(resource),
    confidential: isConfidential(resource.meta, options),
    removalReason:
      verification === 'entered-in-error' || verification === 'refuted' ? ENTERED_IN_ERROR : null,
    columns: {
      substance: substance.slice(0, 200),
      reaction: manifestations.length
        ? [...new Set(manifestations)].join(', ').slice(0, 500)
        : null,
      severity,
      status: clinical === 'active' ? 'active' : 'resolved',
      notedOn: optionalDate(
        resource.onsetDateTime ?? resource.recordedDate ?? resource.onsetPeriod?.start,
        'recordedDate',
      ),
    },
  };
}
