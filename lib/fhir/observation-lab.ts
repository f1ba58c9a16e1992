import 'server-only';

import type { DiagnosticReport, Observation } from '@medplum/fhirtypes';

import {
  conceptText,
  ENTERED_IN_ERROR,
  FhirMappingError,
  isConfidential,
  optionalDate,
  skip,
  sourceIdOf,
  statusCode,
  type Mapped,
  type MappingOptions,
} from './common';

const LAB_CATEGORY = 'laboratory';
const abnormalInterpretations = new Set([
  'A',
  'AA',
  'H',
  'HH',
  'L',
  'LL',
  'HU',
  'LU',
  '<',
  '>',
  'POS',
  'DET',
  'R',
]);
const reportableStatuses = new Set(['final', 'amended', 'corrected', 'appended']);

export function isLaboratory(resource: Observation): boolean {
  return (
    resource.category?.some((category) =>
      category.coding?.some((coding) => coding.code === LAB_CATEGORY),
    ) ?? false
  );
}

function valueText(resource: Observation): { value: string; units: string | null } | null {
  if (resource.valueQuantity?.value !== undefined) {
    const quantity = resource.valueQuantity;
    return {
      value: String(quantity.comparator ?? '') + String(quantity.value),
      units: (quantity.unit ?? quantity.code)?.slice(0, 40) ?? null,
    };
  }
  if (resource.valueString !== undefined) return { value: resource.valueString, units: null };
  const concept = conceptText(resource.valueCodeableConcept);
  if (concept) return { value: concept, units: null };
  if (resource.valueBoolean !== undefined)
    return { value: resource.valueBoolean ? 'Yes' : 'No', units: null };
  if (resource.valueInteger !== undefined)
    return { value: String(resource.valueInteger), units: null };
  return null;
}

function referenceRangeText(resource: Observation): string | null {
  const range = resource.referenceRange?.[0];
  if (!range) return null;
  if (range.text) return range.text.slice(0, 100);
  const low = range.low?.value;
  const high = range.high?.value;
  if (low === undefined && high === undefined) return null;
  return `${low ?? ''}–${high ?? ''}`;
}

/**
 * A lab result goes on the chart unreleased, whatever the EHR says: parents see it only once a
 * clinician here releases it, as for a result typed in by hand.
 */
export function mapLabObservation(resource: Observation, options: MappingOptions = {}): Mapped {
  if (resource.status !== 'entered-in-error' && !reportableStatuses.has(resource.status))
    return skip(`status ${resource.status}`);
  const testName = conceptText(resource.code);
  if (!testName) throw new FhirMappingError('the result has no test name');
  const value = valueText(resource);
  if (!value) return skip('a result without a value (a panel)');
  const interpretation = resource.interpretation?.map(statusCode) ?? [];
  return {
    kind: 'row',
    section: 'results',
    sourceId: sourceIdOf(resource),
    confidential: isConfidential(resource.meta, options),
    removalReason: resource.status === 'entered-in-error' ? ENTERED_IN_ERROR : null,
    columns: {
      testName: testName.slice(0, 200),
      value: value.value.slice(0, 500),
      units: value.units,
      referenceRange: referenceRangeText(resource),
      flag: interpretation.some((code) => code && abnormalInterpretations.has(code))
        ? 'abnormal'
        : 'normal',
      collectedOn: optionalDate(
        resource.effectiveDateTime ?? resource.effectivePeriod?.start,
        'effectiveDateTime',
      ),
      resultedOn: optionalDate(resource.issued, 'issued'),
    },
  };
}

/**
 * A lab report's numbers arrive as its Observations; the report itself becomes a result only
 * when it carries a written conclusion and no Observations. Notes and imaging are not shown.
 */
export function mapDiagnosticReport(
  resource: DiagnosticReport,
  options: MappingOptions = {},
): Mapped {
  const lab = resource.category?.some((category) =>
    category.coding?.some((coding) => coding.code === 'LAB' || coding.code === LAB_CATEGORY),
  );
  if (!lab) return skip('not a laboratory report');
  if ((resource.result?.length ?? 0) > 0) return skip('its results arrive as Observations');
  if (!resource.conclusion?.trim()) return skip('a report without a conclusion');
  if (resource.status !== 'entered-in-error' && !reportableStatuses.has(resource.status))
    return skip(`status ${resource.status}`);
  const testName = conceptText(resource.code);
  if (!testName) throw new FhirMappingError('the report has no test name');
  return {
    kind: 'row',
    section: 'results',
    sourceId: sourceIdOf(resource),
    confidential: isConfidential(resource.meta, options),
    removalReason: resource.status === 'entered-in-error' ? ENTERED_IN_ERROR : null,
    columns: {
      testName: testName.slice(0, 200),
      value: resource.conclusion.trim().slice(0, 500),
      units: null,
      referenceRange: null,
      flag: 'normal',
      collectedOn: optionalDate(
        resource.effectiveDateTime ?? resource.effectivePeriod?.start,
        'effectiveDateTime',
      ),
      resultedOn: optionalDate(resource.issued, 'issued'),
    },
  };
}
