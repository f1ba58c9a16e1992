/**
 * The choices and limits of Patient Services requests, without zod: the tables, the forms and
 * the pages share them. Client-safe: imports nothing.
 */
export const requestKinds = ['appointment', 'renewal', 'form', 'records'] as const;
export type RequestKind = (typeof requestKinds)[number];

/**
 * One status machine for every kind: a request starts `received` and the office answers it with
 * one of its kind's outcomes. `call_us` waits for the parent's call and may still be answered.
 */
export const requestStatuses = [
  'received',
  'scheduled',
  'call_us',
  'sent_to_pharmacy',
  'needs_visit',
  'completed',
  'declined',
] as const;
type RequestStatus = (typeof requestStatuses)[number];

export const outcomesByKind: Record<RequestKind, readonly RequestStatus[]> = {
  appointment: ['scheduled', 'call_us', 'declined'],
  renewal: ['sent_to_pharmacy', 'needs_visit', 'declined'],
  form: ['completed', 'declined'],
  records: ['completed', 'declined'],
};

/** Statuses the office may still change; the others close the request. */
export const openStatuses: readonly RequestStatus[] = ['received', 'call_us'];

export function isOpenStatus(status: RequestStatus): boolean {
  return openStatuses.includes(status);
}

/** How long the office has to answer each kind; records follow HIPAA's 30-day right of access. */
export const responseDays: Record<RequestKind, number> = {
  appointment: 2,
  renewal: 2,
  form: 7,
  records: 30,
};

export const appointmentReasons = [
  'well_child',
  'sick_visit',
  'follow_up',
  'sports_physical',
  'other',
] as const;
export const formTypes = ['school', 'daycare', 'sports', 'camp', 'other'] as const;
export const recordsScopes = ['immunizations', 'visit_notes', 'full_record', 'other'] as const;
export const contactMethods = ['phone', 'portal'] as const;

export const NOTE_MAX = 1000;
export const SHORT_MAX = 200;
export const REASON_MAX = 500;

/** Files parents and the office attach: PDF, JPEG or PNG, told apart by their content. */
export const FILE_MAX_BYTES = 10 * 1024 * 1024;
export const fileMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type FileMediaType = (typeof fileMediaTypes)[number];
export const filePurposes = ['blank', 'completed'] as const;
export type FilePurpose = (typeof filePurposes)[number];

/** The queue each staff role works; admins work them all. */
const kindsByRole: Record<string, readonly RequestKind[]> = {
  front_desk: ['appointment', 'form', 'records'],
  clinical: ['renewal'],
  admin: requestKinds,
};

export function kindsFor(roles: readonly string[]): RequestKind[] {
  return requestKinds.filter((kind) => roles.some((role) => kindsByRole[role]?.includes(kind)));
}
