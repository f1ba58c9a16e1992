'use server';

import { defineAction } from '@/lib/action';
import { createStaffUserSchema, setStaffRolesSchema, staffUserIdSchema } from '@/lib/staff/schemas';
import { issueStaffSetupLink } from '@/lib/staff/setup-links';
import {
  createStaffUser,
  disableStaffUser,
  enableStaffUser,
  setStaffRoles,
} from '@/lib/staff/users';

const admins = { kind: 'staff', roles: ['admin'] } as const;

export const createStaffAccount = defineAction(
  {
    name: 'staff.createUser',
    schema: createStaffUserSchema,
    access: admins,
    audit: 'staff.user_created',
  },
  async ({ input, tx, describeAudit, audit, sendMail }) => {
    const created = await createStaffUser(tx, input);
    describeAudit({ targetType: 'user', targetId: created.id, metadata: { roles: input.roles } });
    const { linkId, mail } = await issueStaffSetupLink(tx, created.id, { newAccount: true });
    await sendMail(mail);
    await audit({
      action: 'staff.setup_link_sent',
      targetType: 'user',
      targetId: created.id,
      metadata: { linkId, firstLink: true },
    });
    return { data: { id: created.id } };
  },
);

/** For a new member whose link expired or whose email went astray; older links stop working. */
export const resendStaffSetupLink = defineAction(
  {
    name: 'staff.resendSetupLink',
    schema: staffUserIdSchema,
    access: admins,
    audit: 'staff.setup_link_sent',
  },
  async ({ input, tx, describeAudit, sendMail }) => {
    const { linkId, mail } = await issueStaffSetupLink(tx, input.staffUserId);
    await sendMail(mail);
    describeAudit({
      targetType: 'user',
      targetId: input.staffUserId,
      metadata: { linkId, firstLink: false },
    });
    return { data: null };
  },
);

export const changeStaffRoles = defineAction(
  {
    name: 'staff.setRoles',
    schema: setStaffRolesSchema,
    access: admins,
    audit: 'staff.roles_changed',
  },
  async ({ input, tx, describeAudit }) => {
    const { added, removed } = await setStaffRoles(tx, input.staffUserId, input.roles);
    describeAudit({
      targetType: 'user',
      targetId: input.staffUserId,
      metadata: { added, removed },
    });
    return { data: { added, removed } };
  },
);

export const disableStaffAccount = defineAction(
  {
    name: 'staff.disableUser',
    schema: staffUserIdSchema,
    access: admins,
    audit: 'staff.user_disabled',
  },
  async ({ input, tx, describeAudit }) => {
    const { sessionsEnded } = await disableStaffUser(tx, input.staffUserId);
    describeAudit({ targetType: 'user', targetId: input.staffUserId, metadata: { sessionsEnded } });
    return { data: { sessionsEnded } };
  },
);

export const enableStaffAccount = defineAction(
  {
    name: 'staff.enableUser',
    schema: staffUserIdSchema,
    access: admins,
    audit: 'staff.user_enabled',
  },
  async ({ input, tx, describeAudit }) => {
    await enableStaffUser(tx, input.staffUserId);
    describeAudit({ targetType: 'user', targetId: input.staffUserId });
    return { data: null };
  },
);
