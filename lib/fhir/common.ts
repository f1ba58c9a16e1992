import 'server-only';

import { createHash } from 'node:crypto';
import type { CodeableConcept, Coding, Meta } from '@medplum/fhirtypes';

import type { RecordSection } from '@/lib/records/schemas';

/**
 * Shared pieces of the inbound FHIR mapping: one module per resource type turns a resource into
 * what the portal stores (a chart row, a vital sign, or a reason it is not shown), and throws a
 * FhirMappingError naming the problem when the resource cannot be taken in as it is.
 */

export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';
export const LOINC_SYSTEM = 'http://loinc.org';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

/** Entered-in-error takes an entry off every view, like a removal by hand, with this reason. */
export const ENTERED_IN_ERROR = 'Marked as entered in error in the health record system';

export class FhirMappingError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FhirMappingError';
  }
}

/** A chart row for one section, keyed by the resource it came from. */
export interface MappedRow {
  kind: 'row';
  section: Exclude<RecordSection, 'measurements'>;
  sourceId: string;
  confidential: boolean;
  /** Set when the EHR withdrew the entry (entered-in-error, refuted). */
  removalReason: string | null;
  columns: Record<string, string | number | boolean | null>;
}

export type VitalField = 'weightKg' | 'heightCm' | 'headCircumferenceCm';

/** One vital sign; the importer gathers a day's signs into one measurement row. */
export interface MappedVital {
  kind: 'vital';
  measuredOn: string;
  field: VitalField;
  value: number;
  sourceId: string;
  confidential: boolean;
}

export interface Skipped {
  kind: 'skip';
  reason: string;
}

export type Mapped = MappedRow | MappedVital | Skipped;

export interface MappingOptions {
  /** Extra sensitivity label ("system|code") that makes an item confidential (FHIR_SENSITIVE_TAG). */
  sensitiveTag?: string;
}

export const skip = (reason: string): Skipped => ({ kind: 'skip', reason });

/** The local calendar date a FHIR date or dateTime names: the date as the sender wrote it. */
export function fhirDate(value: string | undefined, what: string): string {
  if (value === undefined) throw new FhirMappingError(`${what} is missing`);
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!match || !match[2] || !match[3])
    throw new FhirMappingError(`${what} "${value.slice(0, 40)}" is not a full date`);
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    throw new FhirMappingError(`${what} "${value.slice(0, 40)}" is not a real date`);
  return date;
}

export function optionalDate(value: string | undefined, what: string): string | null {
  return value === undefined ? null : fhirDate(value, what);
}

export function codingIn(concept: CodeableConcept | undefined, system: string): Coding | undefined {
  return concept?.coding?.find((coding) => coding.system === system && coding.code);
}

export function hasCode(concept: CodeableConcept | undefined, system: string, code: string) {
  return concept?.coding?.some((coding) => coding.system === system && coding.code === code);
}

/** The words for a coded concept: its text, else the first coding's display, else its code. */
export function conceptText(concept: CodeableConcept | undefined): string | null {
  if (!concept) return null;
  const text =
    concept.text?.trim() ||
    concept.coding?.find((coding) => coding.display?.trim())?.display?.trim() ||
    concept.coding?.find((coding) => coding.code)?.code;
  return text ? text.slice(0, 500) : null;
}

export function statusCode(concept: CodeableConcept | undefined): string | undefined {
  return concept?.coding?.find((coding) => coding.code)?.code;
}

/**
 * Confidential, exactly like an item a clinician marks by hand: restricted (R) or very
 * restricted (V) in meta.security, or the practice's own sensitivity label.
 */
export function isConfidential(meta: Meta | undefined, options: MappingOptions): boolean {
  const labels = [...(meta?.security ?? []), ...(meta?.tag ?? [])];
  const [tagSystem, tagCode] = options.sensitiveTag?.split('|') ?? [];
  return labels.some(
    (label) =>
      (label.system === CONFIDENTIALITY_SYSTEM && (label.code === 'R' || label.code === 'V')) ||
      (tagCode !== undefined && label.system === tagSystem && label.code === tagCode),
  );
}

/** The resource's lasting key at its source: its first identifier, else its type and id. */
export function sourceIdOf(resource: {
  resourceType: string;
  id?: string;
  identifier?: { system?: string; value?: string }[];
}): string {
  const identifier = resource.identifier?.find((item) => item.value);
  if (identifier) return `${resource.resourceType}|${identifier.system ?? ''}|${identifier.value}`;
  if (resource.id) return `${resource.resourceType}/${resource.id}`;
  throw new FhirMappingError('the resource has neither an id nor an identifier');
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}
