import 'server-only';

import type { Medication, Patient } from '@medplum/fhirtypes';

import { FhirBundleError, parseBundle, type ParsedBundle, type ParsedEntry } from './bundle';
import {
  contentHash,
  FhirMappingError,
  type MappedRow,
  type MappedVital,
  type MappingOptions,
} from './common';
import { mapResource, patientReference } from './map-resource';
import { mapPatient, type MappedPatient } from './patient';

/**
 * The importer's first half, with no database: a bundle's text or JSON in, each patient's chart
 * rows out (mapped, checked, hashed), or the reason it is refused. It is all CPU (~25 ms a
 * patient), so the endpoint runs it on a worker thread (./import-threads.ts) and keeps the
 * request thread for pages; the result is plain data that crosses threads as it is.
 */

export interface ImportError {
  file: string | null;
  entry: number;
  resourceType: string;
  id: string | null;
  reason: string;
}

export interface PrepareOptions extends MappingOptions {
  mrnSystem?: string;
  /** File name for error reports (the command line); null for a posted bundle. */
  file?: string | null;
  /** The practice's today (YYYY-MM-DD): no date may lie after it. */
  today: string;
}

/** One chart row, ready to write: the section's columns and the hash that keys a resend. */
export interface PreparedRow {
  section: MappedRow['section'] | 'measurements';
  sourceId: string;
  confidential: boolean;
  removalReason: string | null;
  columns: MappedRow['columns'];
  hash: string;
}

export type PreparedPatient = {
  /** Index of the Patient entry in its bundle, and of every entry of its chart. */
  entry: number;
  entries: number[];
  /** The Patient resource's id, for an error report. */
  id: string | null;
} & (
  | {
      ok: true;
      patient: MappedPatient;
      rows: PreparedRow[];
      imported: Record<string, number>;
      skipped: Record<string, number>;
    }
  | { ok: false; error: ImportError }
);

export interface PreparedBundle {
  type: ParsedBundle['type'];
  entryCount: number;
  /** Entries outside any chart: skipped types, and references to no Patient of the bundle. */
  skipped: Record<string, number>;
  errors: ImportError[];
  patients: PreparedPatient[];
}

/** A body refused as a whole, before anything is written. */
export interface BundleRefusal {
  status: number;
  code: string;
  diagnostics: string;
  reason: string;
}

/** FHIR JSON of a real chart nests a dozen levels; far deeper is an attack on the parser. */
const MAX_DEPTH = 64;

/** Date columns per section: none may lie after today, nor before the child was born. */
const dateColumns: Record<string, string[]> = {
  allergies: ['notedOn'],
  medications: ['startedOn'],
  problems: ['onsetOn'],
  immunizations: ['administeredOn'],
  visits: ['visitOn'],
  measurements: ['measuredOn'],
  results: ['collectedOn', 'resultedOn'],
};

interface PatientWork {
  patientEntry: ParsedEntry;
  entries: ParsedEntry[];
}

interface PlannedRow {
  row: Omit<MappedRow, 'kind' | 'section'> & { section: PreparedRow['section'] };
  entry: ParsedEntry;
}

class EntryError extends Error {
  constructor(
    readonly entry: ParsedEntry,
    reason: string,
  ) {
    super(reason);
  }
}

const bump = (counts: Record<string, number>, type: string) => {
  counts[type] = (counts[type] ?? 0) + 1;
};

function errorFor(entry: ParsedEntry, reason: string, file: string | null): ImportError {
  return {
    file,
    entry: entry.index,
    resourceType: entry.resource.resourceType,
    id: typeof entry.resource.id === 'string' ? entry.resource.id.slice(0, 64) : null,
    reason,
  };
}

/** The deepest nesting of arrays and objects, counted without parsing (strings skipped). */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92)
        i += 1; // backslash: skip the escaped character
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === 125 || char === 93) depth -= 1;
  }
  return deepest;
}

/** A posted body's text: refused (too deep, not JSON, not a bundle) or prepared. */
export function prepareText(
  text: string,
  options: PrepareOptions,
): { refusal: BundleRefusal } | { prepared: PreparedBundle } {
  if (jsonDepth(text) > MAX_DEPTH)
    return {
      refusal: {
        status: 400,
        code: 'structure',
        diagnostics: `The JSON is nested more than ${MAX_DEPTH} levels deep.`,
        reason: 'too_deep',
      },
    };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {
      refusal: {
        status: 400,
        code: 'structure',
        diagnostics: 'The body is not valid JSON.',
        reason: 'not_json',
      },
    };
  }
  try {
    return { prepared: prepareBundle(body, options) };
  } catch (error) {
    if (error instanceof FhirBundleError)
      return {
        refusal: {
          status: 400,
          code: 'structure',
          diagnostics: error.message,
          reason: 'not_a_bundle',
        },
      };
    throw error;
  }
}

/** Maps a parsed bundle, patient by patient; throws FhirBundleError for a body that is no bundle. */
export function prepareBundle(body: unknown, options: PrepareOptions): PreparedBundle {
  const file = options.file ?? null;
  const bundle = parseBundle(body);
  const prepared: PreparedBundle = {
    type: bundle.type,
    entryCount: bundle.entries.length,
    skipped: {},
    errors: [],
    patients: [],
  };
  const { patients, lookup } = groupByPatient(bundle.entries, prepared, file);
  for (const work of patients) {
    const entries = [work.patientEntry.index, ...work.entries.map((entry) => entry.index)];
    const { id } = errorFor(work.patientEntry, '', file);
    const imported: Record<string, number> = {};
    const skipped: Record<string, number> = {};
    try {
      const patient = preparePatient(work.patientEntry, options);
      const planned = mapEntries(work, lookup, options, { imported, skipped });
      checkDates(planned, patient.dateOfBirth, options.today);
      const rows = planned.map(({ row }) => ({
        section: row.section,
        sourceId: row.sourceId,
        confidential: row.confidential,
        removalReason: row.removalReason,
        columns: row.columns,
        hash: contentHash([row.columns, row.confidential, row.removalReason]),
      }));
      prepared.patients.push({
        entry: work.patientEntry.index,
        entries,
        id,
        ok: true,
        patient,
        rows,
        imported,
        skipped,
      });
    } catch (error) {
      if (!(error instanceof EntryError)) throw error;
      prepared.patients.push({
        entry: work.patientEntry.index,
        entries,
        id,
        ok: false,
        error: errorFor(error.entry, error.message, file),
      });
    }
  }
  return prepared;
}

function preparePatient(entry: ParsedEntry, options: PrepareOptions): MappedPatient {
  let patient: MappedPatient;
  try {
    patient = mapPatient(entry.resource as Patient, options.mrnSystem);
  } catch (error) {
    if (error instanceof FhirMappingError) throw new EntryError(entry, error.message);
    throw error;
  }
  if (patient.dateOfBirth > options.today)
    throw new EntryError(entry, `birthDate ${patient.dateOfBirth} is in the future`);
  return patient;
}

/** Sorts a bundle's entries by patient; resources outside any chart are counted as skipped. */
function groupByPatient(
  entries: ParsedEntry[],
  prepared: Pick<PreparedBundle, 'skipped' | 'errors'>,
  file: string | null,
) {
  const patients: PatientWork[] = [];
  const byReference = new Map<string, PatientWork>();
  const medications = new Map<string, Medication>();
  for (const entry of entries) {
    const { resource } = entry;
    if (resource.resourceType === 'Patient') {
      const work: PatientWork = { patientEntry: entry, entries: [] };
      patients.push(work);
      if (entry.fullUrl) byReference.set(entry.fullUrl, work);
      if (resource.id) {
        byReference.set(`Patient/${resource.id}`, work);
        byReference.set(`urn:uuid:${resource.id}`, work);
      }
    }
    if (resource.resourceType === 'Medication') {
      if (entry.fullUrl) medications.set(entry.fullUrl, resource);
      if (resource.id) medications.set(`Medication/${resource.id}`, resource);
    }
  }
  for (const entry of entries) {
    const { resource } = entry;
    if (resource.resourceType === 'Patient') continue;
    const referenceOf = patientReference[resource.resourceType];
    if (!referenceOf) {
      bump(prepared.skipped, resource.resourceType);
      continue;
    }
    const reference = referenceOf(resource);
    const work = reference ? byReference.get(reference) : undefined;
    if (!work) {
      prepared.errors.push(errorFor(entry, 'it refers to no Patient in this bundle', file));
      continue;
    }
    work.entries.push(entry);
  }
  return { patients, lookup: (reference: string) => medications.get(reference) };
}

function mapEntries(
  work: PatientWork,
  lookup: (reference: string) => Medication | undefined,
  options: MappingOptions,
  counts: { imported: Record<string, number>; skipped: Record<string, number> },
): PlannedRow[] {
  const planned: PlannedRow[] = [];
  const vitalsByDay = new Map<string, { vitals: MappedVital[]; entry: ParsedEntry }>();
  for (const entry of work.entries) {
    let mapped;
    try {
      mapped = mapResource(entry.resource, lookup, options);
    } catch (error) {
      if (error instanceof FhirMappingError) throw new EntryError(entry, error.message);
      throw error;
    }
    if (mapped.kind === 'skip') {
      bump(counts.skipped, entry.resource.resourceType);
      continue;
    }
    bump(counts.imported, entry.resource.resourceType);
    if (mapped.kind === 'row') {
      planned.push({ row: mapped, entry });
      continue;
    }
    const day = vitalsByDay.get(mapped.measuredOn) ?? { vitals: [], entry };
    day.vitals.push(mapped);
    vitalsByDay.set(mapped.measuredOn, day);
  }
  // A day's weight, length and head circumference are one measurement row on the growth chart.
  for (const [measuredOn, { vitals, entry }] of vitalsByDay) {
    const columns: MappedRow['columns'] = {
      measuredOn,
      weightKg: null,
      heightCm: null,
      headCircumferenceCm: null,
    };
    for (const vital of vitals) columns[vital.field] = vital.value;
    planned.push({
      entry,
      row: {
        section: 'measurements',
        sourceId: `vital-signs/${measuredOn}`,
        confidential: vitals.some((vital) => vital.confidential),
        removalReason: null,
        columns,
      },
    });
  }
  return planned;
}

function checkDates(planned: PlannedRow[], dateOfBirth: string, today: string) {
  for (const { row, entry } of planned) {
    for (const column of dateColumns[row.section] ?? []) {
      const value = row.columns[column];
      if (typeof value !== 'string') continue;
      if (value > today) throw new EntryError(entry, `${column} ${value} is in the future`);
      if (value < dateOfBirth)
        throw new EntryError(entry, `${column} ${value} is before the child was born`);
    }
  }
}
