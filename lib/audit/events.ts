import 'server-only';

import type { ActorKind, AuditOutcome } from '@/db/schema';

/**
 * Every audit action the portal can record. A typed union rather than free text, so a report
 * can group them and a typo is a compile error. Grouped by the prefix before the dot.
 */
export const auditActions = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.locked_out',
  'auth.sustained_attack',
  'auth.signed_out',
  'auth.session_expired',
  'auth.session_extended',
  'auth.password_reset_requested',
  'auth.password_reset_failed',
  'auth.password_reset',
  'auth.signed_out_everywhere',
  'auth.second_factor_required',
  'auth.second_factor_failed',
  'auth.recovery_code_used',
  'two_step.enrolment_started',
  'two_step.enabled',
  'two_step.disabled',
  'two_step.recovery_codes_replaced',
  'two_step.reset_by_staff',
  'account.created',
  'account.sign_up_email_taken',
  'account.verification_email_sent',
  'account.email_verified',
  'account.user_id_reminder_requested',
  'account.password_changed',
  'account.email_change_requested',
  'account.email_changed',
  'account.hint_changed',
  'account.language_changed',
  'staff.user_created',
  'staff.setup_link_sent',
  'staff.setup_completed',
  'staff.setup_link_refused',
  'staff.roles_changed',
  'staff.user_disabled',
  'staff.user_enabled',
  'staff.sessions_ended',
  'account.temporary_password_issued',
  'help_desk.temporary_password_requested',
  'help_desk.problem_reported',
  'help_desk.problem_status_changed',
  'account.unlocked',
  'account.disabled',
  'account.enabled',
  'child.created',
  'child.updated',
  'pin.issued',
  'pin.cancelled',
  'guardianship.linked',
  'guardianship.link_failed',
  'guardianship.revoked',
  'record.viewed',
  'record.printed',
  'record.exported',
  'record.entry_added',
  'record.entry_updated',
  'record.entry_removed',
  'record.result_released',
  'record.summary_released',
  'record.share_created',
  'record.share_revoked',
  'record.shared_view',
  'record.share_refused',
  'record.imported',
  'integration.client_registered',
  'integration.client_disabled',
  'integration.token_issued',
  'integration.token_refused',
  'integration.request_refused',
  'integration.bundle_received',
  'integration.bundle_refused',
  'message.sent',
  'message.replied',
  'message.read',
  'message.note_added',
  'conversation.assigned',
  'conversation.recategorized',
  'conversation.closed',
  'conversation.reopened',
  'request.created',
  'request.assigned',
  'request.status_changed',
  'request.note_added',
  'request.file_attached',
  'request.file_downloaded',
  'account.preferences_changed',
  'mail.retried',
  'audit.viewed',
  'audit.exported',
  'action.denied',
  'action.failed',
] as const;

export type AuditAction = (typeof auditActions)[number];

/** Who did it. `role` is the staff roles held at the time, or the account kind. */
export interface Actor {
  id: string | null;
  kind: ActorKind;
  role: string | null;
}

export const anonymousActor: Actor = { id: null, kind: 'anonymous', role: null };
export const systemActor: Actor = { id: null, kind: 'system', role: 'system' };

/** Where the request came from; domain code receives it, it never reads headers itself. */
export interface RequestMeta {
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string;
}

export interface AuditEventInput {
  action: AuditAction;
  outcome?: AuditOutcome;
  childId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  /** Ids and names of changed fields only: never passwords, tokens, hint answers or health data. */
  metadata?: Record<string, string | number | boolean | null | string[]>;
}
