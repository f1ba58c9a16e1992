import 'server-only';

import type { ImportReport } from './import';

const listCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `${type} ${n}`)
    .join(', ') || 'none';

/** The command line's readable account of an import, for the person who ran it. */
export function summarizeReport(report: ImportReport): string[] {
  const { created, updated, unchanged, failed } = report.patients;
  const lines = [
    `Patients: ${created} new, ${updated} updated, ${unchanged} unchanged, ${failed} failed.`,
    `Taken in: ${listCounts(report.imported)}.`,
    `Not shown in the portal (skipped): ${listCounts(report.skipped)}.`,
  ];
  for (const error of report.errors)
    lines.push(
      `Problem in ${error.file ?? 'the bundle'}, entry ${error.entry} (${error.resourceType}${error.id ? ` ${error.id}` : ''}): ${error.reason}.`,
    );
  if (failed > 0)
    lines.push('Patients with a problem were not imported at all; fix the entry and run again.');
  return lines;
}
