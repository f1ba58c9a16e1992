'use server';

import { z } from 'zod';

import { defineAction, defineSelfAuditedAction } from '@/lib/action';
import { setSignInProblemStatus } from '@/lib/help-desk/problems';
import { signInProblemStatusSchema } from '@/lib/help-desk/schemas';
import { verificationMethod } from '@/lib/staff/caller-verification';
import {
  issueTemporaryPassword,
  resendParentVerificationEmail,
  setParentAccountDisabled,
  unlockAccount,
} from '@/lib/staff/help-desk';
import { accountIdSchema, temporaryPasswordSchema } from '@/lib/staff/help-desk-schemas';
import { rememberSearch, searchTerm } from '@/lib/staff/remembered-search';
import { resetTwoStepByStaff } from '@/lib/two-step/enrolment';
import { resetTwoStepSchema } from '@/lib/two-step/schemas';

/** The office help desk: the front desk and administrators. */
const helpDesk = { kind: 'staff', roles: ['front_desk', 'admin'] } as const;

export const sendTemporaryPassword = defineAction(
  {
    name: 'helpDesk.temporaryPassword',
    schema: temporaryPasswordSchema,
    access: helpDesk,
    audit: 'account.temporary_password_issued',
  },
  async ({ input, tx, sendMail, describeAudit }) => {
    const issued = await issueTemporaryPassword(tx, input.accountId);
    await sendMail(issued.mail);
    describeAudit({
      targetType: 'user',
      targetId: input.accountId,
      metadata: { ...verificationMethod(input), sessionsEnded: issued.sessionsEnded },
    });
    return { data: issued.letter };
  },
);

export const unlockParentAccount = defineAction(
  { name: 'helpDesk.unlock', schema: accountIdSchema, access: helpDesk, audit: 'account.unlocked' },
  async ({ input, tx, describeAudit }) => {
    const { kind } = await unlockAccount(tx, input.accountId);
    describeAudit({ targetType: 'user', targetId: input.accountId, metadata: { kind } });
    return { data: null };
  },
);

export const resendParentVerification = defineAction(
  {
    name: 'helpDesk.resendVerification',
    schema: accountIdSchema,
    access: helpDesk,
    audit: 'account.verification_email_sent',
  },
  async ({ input, tx, sendMail, describeAudit }) => {
    const mail = await resendParentVerificationEmail(tx, input.accountId);
    if (mail) await sendMail(mail);
    describeAudit({
      targetType: 'user',
      targetId: input.accountId,
      metadata: { alreadyVerified: !mail, byStaff: true },
    });
    return { data: { sent: Boolean(mail) } };
  },
);

export const disableParentAccount = defineAction(
  {
    name: 'helpDesk.disable',
    schema: accountIdSchema,
    access: helpDesk,
    audit: 'account.disabled',
  },
  async ({ input, tx, describeAudit }) => {
    const { sessionsEnded } = await setParentAccountDisabled(tx, input.accountId, true);
    describeAudit({ targetType: 'user', targetId: input.accountId, metadata: { sessionsEnded } });
    return { data: null };
  },
);

export const enableParentAccount = defineAction(
  { name: 'helpDesk.enable', schema: accountIdSchema, access: helpDesk, audit: 'account.enabled' },
  async ({ input, tx, describeAudit }) => {
    await setParentAccountDisabled(tx, input.accountId, false);
    describeAudit({ targetType: 'user', targetId: input.accountId });
    return { data: null };
  },
);

/**
 * For a lost phone with no recovery codes, parents' and staff's alike. Administrators only,
 * after checking who is asking; the person sets it up again (staff must, parents may).
 */
export const resetTwoStepVerification = defineAction(
  {
    name: 'helpDesk.resetTwoStep',
    schema: resetTwoStepSchema,
    access: { kind: 'staff', roles: ['admin'] },
    audit: 'two_step.reset_by_staff',
  },
  async ({ input, tx, sendMail, describeAudit }) => {
    const reset = await resetTwoStepByStaff(tx, input.accountId);
    await sendMail(reset.mail);
    describeAudit({
      targetType: 'user',
      targetId: input.accountId,
      metadata: {
        ...verificationMethod(input),
        accountKind: reset.kind,
        wasOn: reset.wasOn,
        sessionsEnded: reset.sessionsEnded,
      },
    });
    return { data: { wasOn: reset.wasOn } };
  },
);

/** Posts so that a parent's name or email never reaches the address; a search changes nothing, so it is not audited. */
export const searchAccounts = defineSelfAuditedAction(
  {
    name: 'helpDesk.search',
    schema: z.object({ q: searchTerm }),
    access: helpDesk,
  },
  async ({ input }) => {
    await rememberSearch('accounts', { q: input.q });
    return { data: null, redirectTo: '/staff/accounts' };
  },
);

/** A report from the public Help Desk: the office called back, or it is done. */
export const markSignInProblem = defineAction(
  {
    name: 'helpDesk.markProblem',
    schema: signInProblemStatusSchema,
    access: helpDesk,
    audit: 'help_desk.problem_status_changed',
  },
  async ({ input, tx, session, describeAudit }) => {
    const { from } = await setSignInProblemStatus(
      tx,
      input.problemId,
      input.status,
      session.user.id,
    );
    describeAudit({
      targetType: 'sign_in_problem',
      targetId: input.problemId,
      metadata: { from, to: input.status },
    });
    return { data: null };
  },
);
