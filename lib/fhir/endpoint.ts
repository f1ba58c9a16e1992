import 'server-only';

import type { Bundle, BundleEntry, OperationOutcome } from '@medplum/fhirtypes';

import type { Database } from '@/db';
import type { RequestMeta } from '@/lib/audit/events';
import { recordAuditEvent } from '@/lib/audit/record';
import { todayInPractice } from '@/lib/dates';
import { integrationActor } from '@/lib/integrations/tokens';

import { importOffThread } from './import-threads';
import type { ImportError } from './prepare';

/** Larger than any one family's chart (the biggest sample is about 1 MB); a batch can be split. */
export const MAX_BUNDLE_BYTES = 10 * 1024 * 1024;

export interface FhirReply {
  status: number;
  body: Bundle | OperationOutcome;
}

export function outcome(
  code: string,
  diagnostics: string,
  severity: 'error' | 'information' = 'error',
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity, code: code as never, diagnostics }],
  };
}

const errorText = (error: ImportError) =>
  `entry ${error.entry} (${error.resourceType}${error.id ? `/${error.id}` : ''}): ${error.reason}`;

/**
 * POST /api/fhir after authentication: the same importer as the command line, answered the
 * FHIR way. A bundle refused as a whole is a 4xx OperationOutcome naming the problem, with
 * nothing written; otherwise a batch-response Bundle, one entry per entry sent.
 */
export async function receiveBundle(
  db: Database,
  input: {
    clientId: string;
    contentType: string | null;
    text: string;
    /** The PostgreSQL server `db` talks to (null for PGlite): the import thread connects to it. */
    databaseUrl: string | null;
    meta: RequestMeta;
    mrnSystem?: string;
    sensitiveTag?: string;
    now?: Date;
  },
): Promise<FhirReply> {
  const refuse = async (status: number, code: string, diagnostics: string, reason: string) => {
    await recordAuditEvent(db, integrationActor(input.clientId), input.meta, {
      action: 'integration.bundle_refused',
      outcome: 'denied',
      targetType: 'integration_client',
      targetId: input.clientId,
      metadata: { reason },
    });
    return { status, body: outcome(code, diagnostics) };
  };
  const mediaType = input.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/fhir+json' && mediaType !== 'application/json')
    return refuse(415, 'not-supported', 'Send the bundle as application/fhir+json.', 'media_type');
  // Depth check, parse, mapping and (on PostgreSQL) the writing run on a worker thread.
  const imported = await importOffThread(
    db,
    input.databaseUrl,
    input.text,
    {
      mrnSystem: input.mrnSystem,
      sensitiveTag: input.sensitiveTag,
      today: todayInPractice(input.now ?? new Date()),
    },
    { actor: integrationActor(input.clientId), meta: input.meta, source: 'ehr', now: input.now },
  );
  if ('refusal' in imported) {
    const { status, code, diagnostics, reason } = imported.refusal;
    return refuse(status, code, diagnostics, reason);
  }
  const result = imported.written;
  const { report, patients } = result;
  const succeeded = patients.filter((patient) => patient.outcome !== 'failed');
  if (report.errors.length > 0 && succeeded.length === 0)
    return refuse(
      422,
      'processing',
      `Nothing was imported. ${report.errors.map(errorText).join('; ').slice(0, 2000)}`,
      'all_failed',
    );

  await recordAuditEvent(db, integrationActor(input.clientId), input.meta, {
    action: 'integration.bundle_received',
    targetType: 'integration_client',
    targetId: input.clientId,
    metadata: { ...report.patients, errors: report.errors.length },
  });
  const { entryCount } = result;
  const patientOf = new Map<number, (typeof patients)[number]>();
  for (const patient of patients)
    for (const index of patient.entries) patientOf.set(index, patient);
  const errorsAt = new Map(report.errors.map((error) => [error.entry, error]));
  const entries: BundleEntry[] = Array.from({ length: entryCount }, (_, index) => {
    const error = errorsAt.get(index);
    const patient = patientOf.get(index);
    if (error)
      return {
        response: { status: '400 Bad Request', outcome: outcome('invalid', errorText(error)) },
      };
    if (patient?.outcome === 'failed')
      return {
        response: {
          status: '409 Conflict',
          outcome: outcome('conflict', 'Not imported: another entry of this patient was refused.'),
        },
      };
    if (patient && index === patient.entry)
      return {
        response: {
          status: patient.outcome === 'created' ? '201 Created' : '200 OK',
          location: `Patient/${patient.childId}`,
        },
      };
    return { response: { status: '200 OK' } };
  });
  const type = result.type === 'transaction' ? 'transaction-response' : 'batch-response';
  return { status: 200, body: { resourceType: 'Bundle', type, entry: entries } };
}
