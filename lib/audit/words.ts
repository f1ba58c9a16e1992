import { sectionLabels, type RecordSection } from '@/lib/records/schemas';

import type { AuditAction } from './events';

/**
 * Audit events in plain words: one vocabulary for the parent's activity page and the staff
 * audit trail, so the office reads what the parent reads. The raw action code stays in the
 * event's detail page and the CSV export. A Record over every action: a new action without
 * words is a compile error.
 */
const actionWords: Record<AuditAction, string> = {
  'auth.signed_in': 'Signed in',
  'auth.sign_in_failed': 'Tried to sign in, but it failed',
  'auth.locked_out': 'Sign-in paused after too many wrong passwords',
  'auth.sustained_attack': 'Many wrong passwords in a row for one account',
  'auth.signed_out': 'Signed out',
  'auth.session_expired': 'Signed out for inactivity',
  'auth.session_extended': 'Stayed signed in',
  'auth.password_reset_requested': 'Asked for a password reset link',
  'auth.password_reset_failed': 'Tried a password reset link, but it failed',
  'auth.password_reset': 'Reset the password',
  'auth.signed_out_everywhere': 'Signed out on every device',
  'auth.second_factor_required': 'Was asked for a two-step code',
  'auth.second_factor_failed': 'Entered a two-step code that did not work',
  'auth.recovery_code_used': 'Signed in with a recovery code',
  'two_step.enrolment_started': 'Started setting up two-step verification',
  'two_step.enabled': 'Turned on two-step verification',
  'two_step.disabled': 'Turned off two-step verification',
  'two_step.recovery_codes_replaced': 'Made new recovery codes',
  'two_step.reset_by_staff': 'Reset someone’s two-step verification',
  'account.created': 'Created a parent account',
  'account.sign_up_email_taken': 'Tried to sign up with an email already in use',
  'account.verification_email_sent': 'Was sent an email to confirm the address',
  'account.email_verified': 'Confirmed the email address',
  'account.user_id_reminder_requested': 'Asked for a User ID reminder',
  'account.password_changed': 'Changed the password',
  'account.email_change_requested': 'Asked to change the email address',
  'account.email_changed': 'Changed the email address',
  'account.hint_changed': 'Changed the hint question',
  'account.language_changed': 'Changed the language of the portal and its emails',
  'staff.user_created': 'Added a staff user',
  'staff.setup_link_sent': 'Emailed a staff account set-up link',
  'staff.setup_completed': 'Chose a password with a staff set-up link',
  'staff.setup_link_refused': 'Tried a staff set-up link, but it failed',
  'staff.roles_changed': 'Changed a staff user’s roles',
  'staff.user_disabled': 'Disabled a staff user',
  'staff.user_enabled': 'Enabled a staff user',
  'staff.sessions_ended': 'Signed someone out on every device',
  'account.temporary_password_issued': 'Sent a temporary password',
  'account.unlocked': 'Unlocked an account',
  'account.disabled': 'Disabled a parent account',
  'account.enabled': 'Enabled a parent account',
  'child.created': 'Registered the child with the practice',
  'child.updated': 'Updated the child’s details',
  'pin.issued': 'Issued a PIN so a parent or guardian can link this child',
  'pin.cancelled': 'Cancelled a PIN',
  'guardianship.linked': 'Linked this child to their account',
  'guardianship.link_failed': 'Tried to link a child with a PIN, but it failed',
  'guardianship.revoked': 'Removed a parent or guardian’s access',
  'record.viewed': 'Viewed the health record',
  'record.printed': 'Printed the immunization record',
  'record.exported': 'Downloaded the immunization record (PDF)',
  'record.entry_added': 'Added to the health record',
  'record.entry_updated': 'Changed an entry in the health record',
  'record.entry_removed': 'Removed an entry from the health record',
  'record.result_released': 'Released a test result to the portal',
  'record.summary_released': 'Released a visit summary to the portal',
  'record.share_created': 'Made a share link to the immunization record',
  'record.share_revoked': 'Turned off a share link',
  'record.shared_view': 'Opened the immunization record through a share link',
  'record.share_refused': 'Tried a share link, but it failed',
  'record.imported': 'Added from the office’s health record system',
  'integration.client_registered': 'Connected a health record system',
  'integration.client_disabled': 'Turned off a health record system’s connection',
  'integration.token_issued': 'A health record system signed in',
  'integration.token_refused': 'A health record system could not sign in',
  'integration.request_refused': 'Refused a request from a health record system',
  'integration.bundle_received': 'Received records from a health record system',
  'integration.bundle_refused': 'Refused records from a health record system',
  'message.sent': 'Sent a message',
  'message.replied': 'Replied to a message',
  'message.read': 'Read a message',
  'message.note_added': 'Added an office note to a conversation',
  'conversation.assigned': 'Assigned a conversation',
  'conversation.recategorized': 'Moved a conversation to another queue',
  'conversation.closed': 'Closed a conversation',
  'conversation.reopened': 'Reopened a conversation',
  'request.created': 'Made a Patient Services request',
  'request.assigned': 'Assigned a request',
  'request.status_changed': 'Answered a request',
  'request.note_added': 'Added an office note to a request',
  'request.file_attached': 'Attached a file to a request',
  'request.file_downloaded': 'Downloaded a file from a request',
  'account.preferences_changed': 'Changed email preferences',
  'mail.retried': 'Sent an undelivered email again',
  'audit.viewed': 'Looked at the audit trail',
  'audit.exported': 'Exported the audit trail',
  'action.denied': 'Was refused',
  'action.failed': 'Something went wrong and nothing was changed',
};

/** Every section a page records a view of has its own words (a test finds them in the code). */
export const viewedSections: Record<string, string> = {
  record: 'Viewed the health record',
  summary: 'Viewed the health record',
  immunizations: 'Viewed the immunizations',
  chart: 'Opened the chart',
  staff_summary: 'Opened the patient page',
  staff_compose: 'Started a message to a parent or guardian',
  staff_edit: 'Opened the child’s details to change them',
  conversation: 'Viewed a message',
  activity: 'Viewed this list of activity',
  growth: 'Viewed the growth charts',
  shares: 'Viewed the share links',
  request: 'Viewed a request',
  staff_request: 'Opened a request',
  request_form: 'Started a request',
};

function sectionWords(metadata: Record<string, unknown>): string {
  const section = metadata.section as RecordSection | undefined;
  return section && sectionLabels[section]
    ? sectionLabels[section].toLowerCase()
    : 'the health record';
}

/** The parent reads about "your child"; the office about "the child". */
const guardianWords: Partial<Record<AuditAction, string>> = {
  'child.created': 'Registered your child with the practice',
  'child.updated': 'Updated your child’s details',
};

/** What happened, in plain words. An unknown code (an old event) is shown as it is. */
export function describeAuditEvent(
  action: string,
  metadata: Record<string, unknown>,
  audience: 'guardian' | 'staff' = 'staff',
): string {
  switch (action) {
    // A page without words of its own is not claimed to be the health record.
    case 'record.viewed': {
      const words = viewedSections[String(metadata.section)] ?? 'Opened the child’s information';
      return audience === 'guardian' ? words.replace('the child’s', 'your child’s') : words;
    }
    case 'record.exported':
      return metadata.section === 'fhir'
        ? 'Downloaded the health record (FHIR file)'
        : actionWords['record.exported'];
    case 'record.entry_added':
      return `Added to ${sectionWords(metadata)}`;
    case 'record.entry_updated':
      return `Changed an entry in ${sectionWords(metadata)}`;
    case 'record.entry_removed':
      return `Removed an entry from ${sectionWords(metadata)}`;
    case 'audit.viewed':
      return metadata.eventId !== undefined
        ? 'Opened an event in the audit trail'
        : actionWords['audit.viewed'];
  }
  const known = action as AuditAction;
  if (audience === 'guardian' && guardianWords[known]) return guardianWords[known];
  return actionWords[known] ?? action;
}
