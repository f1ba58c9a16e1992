'use server';

import type { Transaction } from '@/db';
import { defineAction, type TransactionalHandlerArgs } from '@/lib/action';
import type { ActiveSession } from '@/lib/auth/sessions';
import { todayInPractice } from '@/lib/dates';
import { getLocale } from '@/lib/i18n/server';
import { createRequest, type NewRequest } from '@/lib/requests/create';
import { parentRequestLimit } from '@/lib/requests/limits';
import {
  appointmentRequestSchema,
  formRequestSchema,
  recordsRequestSchema,
  renewalRequestSchema,
} from '@/lib/requests/schemas';
import type { RequestKind } from '@/lib/requests/vocabulary';

/** One path for every kind: the live link, the request, its thread and file, one audit event. */
async function make(
  request: NewRequest,
  {
    tx,
    session,
    describeAudit,
  }: { tx: Transaction; session: ActiveSession } & Pick<
    TransactionalHandlerArgs<unknown>,
    'describeAudit'
  >,
) {
  const made = await createRequest(
    tx,
    { id: session.user.id, locale: await getLocale() },
    request,
    todayInPractice(),
  );
  describeAudit({
    childId: request.input.childId,
    targetType: 'service_request',
    targetId: made.requestId,
    metadata: { kind: request.kind, duplicate: made.duplicate },
  });
  return {
    data: { requestId: made.requestId },
    redirectTo: `/services/requests/${made.requestId}?sent=1`,
  };
}

const parentRequest = (kind: RequestKind) =>
  ({
    access: { kind: 'parent' },
    audit: 'request.created',
    rateLimit: parentRequestLimit(kind),
  }) as const;

export const requestAppointment = defineAction(
  {
    ...parentRequest('appointment'),
    name: 'requests.appointment',
    schema: appointmentRequestSchema,
  },
  async (args) => make({ kind: 'appointment', input: args.input }, args),
);

export const requestRenewal = defineAction(
  { ...parentRequest('renewal'), name: 'requests.renewal', schema: renewalRequestSchema },
  async (args) => make({ kind: 'renewal', input: args.input }, args),
);

export const requestForm = defineAction(
  { ...parentRequest('form'), name: 'requests.form', schema: formRequestSchema },
  async (args) => make({ kind: 'form', input: args.input }, args),
);

export const requestRecords = defineAction(
  { ...parentRequest('records'), name: 'requests.records', schema: recordsRequestSchema },
  async (args) => make({ kind: 'records', input: args.input }, args),
);
