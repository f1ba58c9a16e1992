import 'server-only';

import { z } from 'zod';

import { isStorableText } from '@/lib/storable-text';

import { auditActions, type AuditAction } from './events';

/** Client-safe: the staff audit report's filters, shared by the form, the page and the CSV export. */

export const actionGroups = {
  sign_in: { label: 'Sign-in and sessions', prefixes: ['auth.'] },
  pin: { label: 'PINs', prefixes: ['pin.'] },
  guardian: { label: 'Parents and guardians', prefixes: ['guardianship.'] },
  message: { label: 'Messages', prefixes: ['message.', 'conversation.'] },
  record_view: {
    label: 'Record views, prints and downloads',
    prefixes: ['record.viewed', 'record.printed', 'record.exported'],
  },
  record_change: {
    label: 'Record changes',
    prefixes: ['record.entry_', 'record.result_released', 'record.summary_released', 'child.'],
  },
  account: { label: 'Parent accounts', prefixes: ['account.', 'two_step.'] },
  staff_admin: {
    label: 'Staff administration and audit',
    prefixes: ['staff.', 'audit.', 'action.'],
  },
} as const;
export type ActionGroup = keyof typeof actionGroups;

/** The exact action names of a group: an index can use `action = any(…)`, not a LIKE prefix. */
export function actionsInGroup(group: ActionGroup): AuditAction[] {
  return auditActions.filter((action) =>
    actionGroups[group].prefixes.some((prefix) => action.startsWith(prefix)),
  );
}

export const sortColumns = {
  when: 'When',
  actor: 'Who',
  role: 'Role',
  action: 'What',
  outcome: 'Outcome',
  child: 'Child',
} as const;
export type SortColumn = keyof typeof sortColumns;

/**
 * The report reads dates as UTC midnights; a date the calendar does not have, or one far enough
 * away that the day after it has no ISO form (9999-12-31), must be refused here, at the form,
 * not by the database in the middle of the page.
 */
const EARLIEST_REPORT_DATE = '2000-01-01';
const LATEST_REPORT_DATE = '2999-12-31';

function isCalendarDate(text: string): boolean {
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.auditFilterDate')
  .refine(isCalendarDate, 'errors.auditFilterRealDate')
  .refine(
    (text) => text >= EARLIEST_REPORT_DATE && text <= LATEST_REPORT_DATE,
    'errors.auditFilterDateRange',
  );

/**
 * Where the next page starts: the last row's sort value and event id, as base64url JSON
 * in the address. It comes back from the browser, so it is read as hostile: anything but a
 * cursor of this sort's shape is refused, never handed to the database to fail on.
 */
export type ReportCursor = [value: string, id: number];

const timestampText = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

export function encodeReportCursor(cursor: ReportCursor): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(cursor)))
    binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeReportCursor(text: string, sort: SortColumn): ReportCursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(binary, (char) => char.charCodeAt(0)),
    );
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [sortValue, seq] = value as unknown[];
    if (typeof sortValue !== 'string' || !Number.isSafeInteger(seq) || (seq as number) < 0)
      return null;
    if (!isStorableText(sortValue) || sortValue.length > 300) return null;
    if (sort === 'when' && !timestampText.test(sortValue)) return null;
    return [sortValue, seq as number];
  } catch {
    return null;
  }
}

const auditFilterSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    actor: z.string().trim().max(100).default(''),
    child: z.string().trim().max(100).default(''),
    group: z
      .union([z.enum(Object.keys(actionGroups) as [ActionGroup, ...ActionGroup[]]), z.literal('')])
      .default(''),
    outcome: z.enum(['', 'success', 'denied', 'error']).default(''),
    sort: z.enum(Object.keys(sortColumns) as [SortColumn, ...SortColumn[]]).default('when'),
    dir: z.enum(['asc', 'desc']).default('desc'),
    after: z.string().max(400).default(''),
  })
  .refine((value) => value.from <= value.to, {
    path: ['to'],
    message: 'errors.auditFilterEndBeforeStart',
  })
  .refine((value) => !value.after || decodeReportCursor(value.after, value.sort) !== null, {
    path: ['after'],
    message: 'errors.auditFilterPageGone',
  });
export type AuditFilters = z.output<typeof auditFilterSchema>;

/** The default report: the last 7 days, newest first. */
export function defaultAuditFilters(today: string): AuditFilters {
  const start = new Date(`${today}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - 6);
  return {
    from: start.toISOString().slice(0, 10),
    to: today,
    actor: '',
    child: '',
    group: '',
    outcome: '',
    sort: 'when',
    dir: 'desc',
    after: '',
  };
}

/** Reads filters from a query string; anything unreadable falls back to the default, with the problems to show. */
export function parseAuditFilters(
  params: Record<string, string | string[] | undefined>,
  today: string,
): { filters: AuditFilters; problems: Record<string, string> } {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])
      .filter(([, value]) => value !== undefined),
  );
  const defaults = defaultAuditFilters(today);
  const parsed = auditFilterSchema.safeParse({ ...defaults, ...flat });
  if (parsed.success) return { filters: parsed.data, problems: {} };
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues)
    problems[String(issue.path[0] ?? '_form')] ??= issue.message;
  return { filters: defaults, problems };
}

/**
 * Who and which child name people; they travel in the search cookie
 * (lib/staff/remembered-search.ts), never in an address. The rest are dates and choices.
 */
export const rememberedAuditFilters = ['actor', 'child'] as const;

export function filtersToQuery(
  filters: AuditFilters,
  overrides: Partial<AuditFilters> = {},
): string {
  const merged = { ...filters, ...overrides };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged))
    if (value !== '' && !(rememberedAuditFilters as readonly string[]).includes(key))
      params.set(key, String(value));
  return params.toString();
}
