'use server';

import { z } from 'zod';

import { defineAction, defineSelfAuditedAction } from '@/lib/action';
import { createChild, updateChild } from '@/lib/children/registry';
import {
  cancelPinSchema,
  childSchema,
  issuePinSchema,
  revokeGuardianSchema,
  updateChildSchema,
} from '@/lib/children/schemas';
import { revokeGuardianship } from '@/lib/guardianship/revoke';
import { cancelPin, issuePin } from '@/lib/pins/issue';
import { verificationMethod } from '@/lib/staff/caller-verification';
import { rememberSearch, searchTerm } from '@/lib/staff/remembered-search';

/** Registering children, PINs and guardian access: the front desk and administrators. */
const frontDesk = { kind: 'staff', roles: ['front_desk', 'admin'] } as const;

export const registerChild = defineAction(
  { name: 'children.create', schema: childSchema, access: frontDesk, audit: 'child.created' },
  async ({ input, tx, describeAudit }) => {
    const { id } = await createChild(tx, input);
    describeAudit({ childId: id, targetType: 'child', targetId: id });
    return { data: { id }, redirectTo: `/staff/patients/${id}?notice=created` };
  },
);

export const editChild = defineAction(
  { name: 'children.update', schema: updateChildSchema, access: frontDesk, audit: 'child.updated' },
  async ({ input, tx, describeAudit }) => {
    const { childId, ...fields } = input;
    const changedFields = await updateChild(tx, childId, fields);
    describeAudit({ childId, targetType: 'child', targetId: childId, metadata: { changedFields } });
    return { data: { changedFields }, redirectTo: `/staff/patients/${childId}?notice=updated` };
  },
);

export const issueGuardianPin = defineAction(
  { name: 'pins.issue', schema: issuePinSchema, access: frontDesk, audit: 'pin.issued' },
  async ({ input, tx, session, describeAudit }) => {
    const issued = await issuePin(tx, session.user.id, input);
    describeAudit({
      childId: input.childId,
      targetType: 'pin',
      targetId: issued.pinId,
      metadata: { ...verificationMethod(input), cancelledOlderPins: issued.cancelledOlderPins },
    });
    return { data: issued };
  },
);

export const cancelGuardianPin = defineAction(
  { name: 'pins.cancel', schema: cancelPinSchema, access: frontDesk, audit: 'pin.cancelled' },
  async ({ input, tx, session, describeAudit }) => {
    const { childId } = await cancelPin(tx, session.user.id, input.pinId);
    describeAudit({ childId, targetType: 'pin', targetId: input.pinId });
    return { data: null };
  },
);

export const revokeGuardianAccess = defineAction(
  {
    name: 'guardianship.revoke',
    schema: revokeGuardianSchema,
    access: frontDesk,
    audit: 'guardianship.revoked',
  },
  async ({ input, tx, session, describeAudit }) => {
    const { childId, sharesTurnedOff } = await revokeGuardianship(
      tx,
      session.user.id,
      input.guardianshipId,
      input.reason,
    );
    describeAudit({
      childId,
      targetType: 'guardianship',
      targetId: input.guardianshipId,
      metadata: { sharesTurnedOff },
    });
    return { data: null };
  },
);

/**
 * A search changes nothing, so it is not audited; it posts so that a child's name and date of
 * birth never reach the address (see lib/staff/remembered-search.ts).
 */
export const searchPatients = defineSelfAuditedAction(
  {
    name: 'children.search',
    schema: z.object({ q: searchTerm, dob: searchTerm }),
    access: { kind: 'staff', roles: ['front_desk', 'admin', 'clinical'] },
  },
  async ({ input }) => {
    await rememberSearch('patients', { q: input.q, dob: input.dob });
    return { data: null, redirectTo: '/staff/patients' };
  },
);
