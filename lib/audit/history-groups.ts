import 'server-only';

import { describeAuditEvent, type AuditWords } from './words';

/** What grouping needs of a report row (lib/audit/report.ts AuditReportRow has all of it). */
export interface GroupableEvent {
  id: number;
  occurredAt: Date;
  action: string;
  outcome: string;
  actorKind: string;
  actorUserId: string | null;
  actorName: string | null;
  childId: string | null;
  metadata: Record<string, unknown>;
}

interface HistoryRun<R extends GroupableEvent> {
  /** The plain words of the run's events, each once, in order of first appearance (newest first). */
  whats: string[];
  /** In the report's order: newest first on the default sort. */
  events: R[];
}

export interface HistoryDay<R extends GroupableEvent> {
  day: string;
  runs: HistoryRun<R>[];
}

/**
 * A child's history as the office reads it: by day, and with a run of the same thing done by
 * the same person in a row (a nurse opening the chart twelve times while charting) shown once.
 * Opening a chart is audited on every page load (the patient page and its chart, two events),
 * so ungrouped the first screen of a child's history is a wall of views that hides the messages,
 * changes and PINs around them. Views of different parts of the record by one person in a row
 * make one run; any other action must match in its words.
 */
export function groupChildHistory<R extends GroupableEvent>(
  events: R[],
  dayOf: (moment: Date) => string,
  words: AuditWords,
): HistoryDay<R>[] {
  const days: HistoryDay<R>[] = [];
  let lastKey: string | null = null;
  for (const event of events) {
    const day = dayOf(event.occurredAt);
    const what = describeAuditEvent(words, event.action, event.metadata);
    const key = JSON.stringify([
      day,
      event.actorUserId ?? event.actorKind,
      event.action === 'record.viewed' ? event.action : what,
      event.outcome,
      event.childId,
    ]);
    let current = days.at(-1);
    if (!current || current.day !== day) {
      current = { day, runs: [] };
      days.push(current);
    }
    const run = current.runs.at(-1);
    if (run && key === lastKey) {
      run.events.push(event);
      if (!run.whats.includes(what)) run.whats.push(what);
    } else current.runs.push({ whats: [what], events: [event] });
    lastKey = key;
  }
  return days;
}
