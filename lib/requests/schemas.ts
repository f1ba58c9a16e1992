import { z } from 'zod';

import {
  appointmentReasons,
  contactMethods,
  FILE_MAX_BYTES,
  formTypes,
  NOTE_MAX,
  REASON_MAX,
  recordsScopes,
  requestStatuses,
  SHORT_MAX,
} from './vocabulary';

/** Client-safe: the request forms' schemas, shared by the browser and the server actions. */

const idempotencyKey = z.uuid();
const childId = z
  .string()
  .min(1, 'validation.requests.child')
  .pipe(z.uuid('validation.requests.child'));
const note = z.string().trim().max(NOTE_MAX, 'validation.requests.noteTooLong').default('');
const short = (required: string) =>
  z.string().trim().min(1, required).max(SHORT_MAX, 'validation.requests.tooLong');
const isoDate = z
  .string()
  .trim()
  .refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value), 'validation.requests.date')
  .default('');

/** A file posted by a form or sent from the browser; an empty file input means "no file". */
const isBlob = (value: unknown): value is Blob =>
  typeof Blob !== 'undefined' && value instanceof Blob;
const fileField = z
  .custom<Blob>(isBlob, 'validation.requests.fileRequired')
  .refine((file) => file.size <= FILE_MAX_BYTES, 'validation.requests.fileTooLarge');
const optionalFile = z.preprocess(
  (value) => (isBlob(value) && value.size > 0 ? value : undefined),
  fileField.optional(),
);

export const appointmentRequestSchema = z.object({
  childId,
  reason: z.enum(appointmentReasons, { message: 'validation.requests.reason' }),
  availability: z
    .string()
    .trim()
    .min(1, 'validation.requests.availability')
    .max(REASON_MAX, 'validation.requests.tooLong'),
  contactMethod: z.enum(contactMethods, { message: 'validation.requests.contactMethod' }),
  contactPhone: z
    .string()
    .trim()
    .max(30, 'validation.requests.phone')
    .refine(
      (value) => value === '' || /^[0-9()+.\-\s]{7,30}$/.test(value),
      'validation.requests.phone',
    )
    .default(''),
  note,
  idempotencyKey,
});
export type AppointmentRequestInput = z.infer<typeof appointmentRequestSchema>;

/** Checkboxes arrive as one value, several, or none, depending on how the form was sent. */
const medicationIds = z.preprocess(
  (value) =>
    Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : [],
  z
    .array(z.uuid('validation.requests.medication'))
    .min(1, 'validation.requests.medication')
    .max(20),
);

export const renewalRequestSchema = z.object({
  childId,
  medicationIds,
  pharmacyName: short('validation.requests.pharmacyName'),
  pharmacyPhone: z
    .string()
    .trim()
    .regex(/^[0-9()+.\-\s]{7,30}$/, 'validation.requests.phone'),
  pharmacyAddress: short('validation.requests.pharmacyAddress'),
  note,
  idempotencyKey,
});
export type RenewalRequestInput = z.infer<typeof renewalRequestSchema>;

export const formRequestSchema = z.object({
  childId,
  formType: z.enum(formTypes, { message: 'validation.requests.formType' }),
  neededBy: isoDate,
  note,
  file: optionalFile,
  idempotencyKey,
});
export type FormRequestInput = z.infer<typeof formRequestSchema>;

export const recordsRequestSchema = z
  .object({
    childId,
    scope: z.enum(recordsScopes, { message: 'validation.requests.scope' }),
    periodFrom: isoDate,
    periodTo: isoDate,
    note,
    idempotencyKey,
  })
  .refine((input) => !input.periodFrom || !input.periodTo || input.periodFrom <= input.periodTo, {
    message: 'validation.requests.period',
    path: ['periodTo'],
  });
export type RecordsRequestInput = z.infer<typeof recordsRequestSchema>;

// ── The office ────────────────────────────────────────────────────────────────────────────

export const requestIdSchema = z.object({ requestId: z.uuid() });

export const requestStatusSchema = z
  .object({
    requestId: z.uuid(),
    status: z.enum(requestStatuses, { message: 'validation.requests.status' }),
    /** The date and time booked, as a datetime-local control sends it, in the practice's time zone. */
    scheduledFor: z.string().trim().default(''),
    reason: z.string().trim().max(REASON_MAX, 'validation.requests.tooLong').default(''),
  })
  .superRefine((input, context) => {
    if (input.status === 'scheduled' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(input.scheduledFor))
      context.addIssue({
        code: 'custom',
        path: ['scheduledFor'],
        message: 'validation.requests.scheduledFor',
      });
    if (input.status === 'declined' && input.reason === '')
      context.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'validation.requests.declineReason',
      });
  });
export type RequestStatusInput = z.infer<typeof requestStatusSchema>;

export const requestNoteSchema = z.object({
  requestId: z.uuid(),
  body: z
    .string()
    .trim()
    .min(1, 'validation.requests.noteRequired')
    .max(NOTE_MAX, 'validation.requests.noteTooLong'),
  idempotencyKey,
});
export type RequestNoteInput = z.infer<typeof requestNoteSchema>;

export const attachFileSchema = z.object({ requestId: z.uuid(), file: fileField });
