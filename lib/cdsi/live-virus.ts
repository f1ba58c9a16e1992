import 'server-only';

/**
 * Live-virus conflicts (ScheduleSupportingData.xml): two live vaccines given less than the conflict
 * interval apart (28 days for MMR, varicella, MMRV…), where the later dose does not count. CDSi
 * gives no grace period here: the conflict ends at the full interval.
 */
import { cdsiSupportingData } from './data';
import { addSpan, span, type Day } from './dates';
import type { DoseEvaluation, PatientDose } from './series';

type Conflict = {
  begin: ReturnType<typeof span>;
  minEnd: ReturnType<typeof span>;
  end: ReturnType<typeof span>;
};

/** previous CVX → current CVX → the conflict window. */
const conflicts = new Map<string, Map<string, Conflict>>();
/** Every CVX that can be the later dose of a conflict: the others need no search. */
const laterCodes = new Set<string>();
for (const conflict of cdsiSupportingData.liveVirusConflicts) {
  laterCodes.add(conflict.currentCvx);
  let byCurrent = conflicts.get(conflict.previousCvx);
  if (!byCurrent) conflicts.set(conflict.previousCvx, (byCurrent = new Map()));
  byCurrent.set(conflict.currentCvx, {
    begin: span(conflict.conflictBeginInterval),
    minEnd: span(conflict.minConflictEndInterval),
    end: span(conflict.conflictEndInterval),
  });
}

export function liveVirusConflictsFor(
  dose: PatientDose,
  allDoses: readonly PatientDose[],
  evaluations: readonly DoseEvaluation[],
): boolean {
  if (!laterCodes.has(dose.cvx)) return false;
  for (const previous of allDoses) {
    if (previous.date >= dose.date) break;
    const conflict = conflicts.get(previous.cvx)?.get(dose.cvx);
    if (!conflict) continue;
    // The earlier dose's evaluation is known when it was of this antigen; otherwise it is taken as valid.
    const notValid = evaluations.some((e) => e.dose === previous && e.status === 'not_valid');
    const end = addSpan(previous.date, notValid ? conflict.end : conflict.minEnd);
    if (dose.date >= addSpan(previous.date, conflict.begin) && dose.date < end) return true;
  }
  return false;
}

/** The day the last conflict with any of `cvxCodes` ends, when one is still running on `from`. */
export function liveVirusConflictEnd(
  cvxCodes: readonly string[],
  allDoses: readonly PatientDose[],
): Day | null {
  let live = false;
  for (const cvx of cvxCodes) if (laterCodes.has(cvx)) live = true;
  if (!live) return null;
  let end: Day | null = null;
  for (const previous of allDoses) {
    const byCurrent = conflicts.get(previous.cvx);
    if (!byCurrent) continue;
    for (const cvx of cvxCodes) {
      const conflict = byCurrent.get(cvx);
      if (!conflict) continue;
      const conflictEnd = addSpan(previous.date, conflict.minEnd);
      if (end === null || conflictEnd > end) end = conflictEnd;
    }
  }
  return end;
}
