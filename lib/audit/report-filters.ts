import { z } from 'zod';

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
  action: 'Action',
  outcome: 'Outcome',
  child: 'Child',
} as const;
export type SortColumn = keyof typeof sortColumns;

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date.');

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
    message: 'The end date is before the start date.',
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

export function filtersToQuery(
  filters: AuditFilters,
  overrides: Partial<AuditFilters> = {},
): string {
  const merged = { ...filters, ...overrides };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged))
    if (value !== '') params.set(key, String(value));
  return params.toString();
}
