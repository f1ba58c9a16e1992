import { addChartEntry } from '@/app/staff/(office)/patients/[childId]/actions';
import type { Database } from '@/db';

import { actAs, createChildLinkedTo, createParent, createStaffMember, openSession } from './index';

/** A parent, their child and a clinician signed in as the next action's caller. */
export async function createChartScene(db: Database) {
  const parent = await createParent(db);
  const child = await createChildLinkedTo(db, parent.id);
  const clinician = await createStaffMember(db, ['clinical']);
  actAs(await openSession(db, clinician));
  return { parent, child, clinician };
}

/** Charts an entry through the staff action, as whoever is signed in; a refusal fails the test. */
export async function chartEntry(childId: string, entry: Record<string, unknown>): Promise<void> {
  const result = await addChartEntry({ childId, ...entry } as never);
  if (!result.ok) throw new Error(JSON.stringify(result));
}

/** The immunization form's fields for a first dose given here, with no lot or site unless given. */
export function vaccineGiven(
  vaccine: string,
  administeredOn: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    section: 'immunizations',
    vaccine,
    administeredOn,
    doseNumber: '1',
    lotNumber: '',
    site: '',
    source: 'given_here',
    ...overrides,
  };
}
