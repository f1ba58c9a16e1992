import 'server-only';

import type { Condition } from '@medplum/fhirtypes';

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

const activeStatuses = new Set(['active', 'recurrence', 'relapse']);

/** The problem list: a Condition with its clinical status, active or resolved. */
export function mapCondition(resource: Condition, options: MappingOptions = {}): Mapped {
  const name = conceptText(resource.code);
  if (!name) throw new FhirMappingError('the condition has no name');
  const verification = statusCode(resource.verificationStatus);
  const clinical = statusCode(resource.clinicalStatus);
  return {
    kind: 'row',
    section: 'problems',
    sourceId: sourceIdOf(resource),
    confidential: isConfidential(resource.meta, options),
    removalReason:
      verification === 'entered-in-error' || verification === 'refuted' ? ENTERED_IN_ERROR : null,
    columns: {
      name: name.slice(0, 200),
      onsetOn: optionalDate(
        resource.onsetDateTime ?? resource.onsetPeriod?.start ?? resource.recordedDate,
        'onsetDateTime',
      ),
      status: !clinical || activeStatuses.has(clinical) ? 'active' : 'resolved',
    },
  };
}
