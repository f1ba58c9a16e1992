import 'server-only';

import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';

/** A bundle the importer refuses as a whole, before anything is written. */
export class FhirBundleError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FhirBundleError';
  }
}

const acceptedBundleTypes = ['transaction', 'batch', 'collection'] as const;

export interface ParsedEntry {
  index: number;
  fullUrl: string | undefined;
  resource: Resource;
}

export interface ParsedBundle {
  type: (typeof acceptedBundleTypes)[number];
  entries: ParsedEntry[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the outer shape only; each resource is checked by its own mapping. */
export function parseBundle(value: unknown): ParsedBundle {
  if (!isObject(value)) throw new FhirBundleError('the body is not a FHIR resource (JSON object)');
  if (value.resourceType !== 'Bundle')
    throw new FhirBundleError(
      `expected resourceType "Bundle", got ${JSON.stringify(String(value.resourceType ?? '')).slice(0, 40)}`,
    );
  const bundle = value as unknown as Bundle;
  if (!acceptedBundleTypes.includes(bundle.type as never))
    throw new FhirBundleError(
      `Bundle.type must be transaction, batch or collection, not "${String(bundle.type).slice(0, 30)}"`,
    );
  if (bundle.entry !== undefined && !Array.isArray(bundle.entry))
    throw new FhirBundleError('Bundle.entry must be an array');
  const entries = (bundle.entry ?? []).map((entry: BundleEntry, index) => {
    if (!isObject(entry) || !isObject(entry.resource))
      throw new FhirBundleError(`entry ${index} has no resource`);
    if (typeof entry.resource.resourceType !== 'string')
      throw new FhirBundleError(`entry ${index} has no resourceType`);
    return {
      index,
      fullUrl: typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined,
      resource: entry.resource as unknown as Resource,
    };
  });
  return { type: bundle.type as ParsedBundle['type'], entries };
}
