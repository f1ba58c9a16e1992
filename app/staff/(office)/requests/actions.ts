'use server';

import { z } from 'zod';

import { defineAction, defineSelfAuditedAction } from '@/lib/action';
import { checkFile } from '@/lib/files/storage';
import {
  attachFileSchema,
  requestIdSchema,
  requestNoteSchema,
  requestStatusSchema,
} from '@/lib/requests/schemas';
import {
  addRequestNote,
  assignRequestToSelf,
  attachCompletedFile,
  requestTabs,
  updateRequestStatus,
} from '@/lib/requests/staff';
import { requestKinds } from '@/lib/requests/vocabulary';
import { rememberSearch, searchTerm } from '@/lib/staff/remembered-search';

/**
 * Front desk works appointments, forms and records; clinical staff renewals; admins all. Each
 * domain function checks the request is in one of this person's queues (else 404).
 */
const requestStaff = { kind: 'staff', roles: ['front_desk', 'clinical', 'admin'] } as const;

export const assignRequestToMe = defineAction(
  {
    name: 'requests.assign',
    schema: requestIdSchema,
    access: requestStaff,
    audit: 'request.assigned',
  },
  async ({ input, tx, session, describeAudit }) => {
    const assigned = await assignRequestToSelf(tx, session.user, input.requestId);
    describeAudit({
      childId: assigned.childId,
      targetType: 'service_request',
      targetId: input.requestId,
    });
    return { data: null };
  },
);

export const setRequestStatus = defineAction(
  {
    name: 'requests.status',
    schema: requestStatusSchema,
    access: requestStaff,
    audit: 'request.status_changed',
  },
  async ({ input, tx, session, describeAudit, sendMail }) => {
    const changed = await updateRequestStatus(tx, session.user, input);
    if (changed.notice) await sendMail(changed.notice);
    describeAudit({
      childId: changed.childId,
      targetType: 'service_request',
      targetId: input.requestId,
      metadata: { from: changed.from, to: input.status, emailed: Boolean(changed.notice) },
    });
    return { data: null };
  },
);

export const addRequestInternalNote = defineAction(
  {
    name: 'requests.note',
    schema: requestNoteSchema,
    access: requestStaff,
    audit: 'request.note_added',
  },
  async ({ input, tx, session, describeAudit }) => {
    const added = await addRequestNote(tx, session.user, input);
    describeAudit({
      childId: added.childId,
      targetType: 'service_request',
      targetId: input.requestId,
      metadata: { noteId: added.noteId },
    });
    return { data: null };
  },
);

export const attachRequestFile = defineAction(
  {
    name: 'requests.attach',
    schema: attachFileSchema,
    access: requestStaff,
    audit: 'request.file_attached',
  },
  async ({ input, tx, session, describeAudit }) => {
    const bytes = new Uint8Array(await input.file.arrayBuffer());
    checkFile(bytes);
    const attached = await attachCompletedFile(tx, session.user, input.requestId, bytes);
    describeAudit({
      childId: attached.childId,
      targetType: 'service_request',
      targetId: input.requestId,
      metadata: { fileId: attached.fileId },
    });
    return { data: null };
  },
);

/** Posts so that a child's name never reaches the address; a search changes nothing, so it is not audited. */
export const searchRequests = defineSelfAuditedAction(
  {
    name: 'requests.search',
    schema: z.object({
      q: searchTerm,
      kind: z.enum(['all', ...requestKinds]).catch('all'),
      tab: z.enum(requestTabs).catch('open'),
    }),
    access: requestStaff,
  },
  async ({ input }) => {
    await rememberSearch('requests', { q: input.q });
    return { data: null, redirectTo: `/staff/requests?kind=${input.kind}&tab=${input.tab}` };
  },
);
