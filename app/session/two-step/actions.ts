'use server';

import { z } from 'zod';

import { defineAction, defineSelfAuditedAction } from '@/lib/action';
import { completeSecondFactor } from '@/lib/auth/complete-sign-in';
import {
  confirmEnrolment,
  renewRecoveryCodes,
  startEnrolment,
  turnOffTwoStep,
} from '@/lib/two-step/enrolment';
import {
  confirmEnrolmentSchema,
  currentPasswordSchema,
  secondFactorSchema,
} from '@/lib/two-step/schemas';

/** The code page after the password (parents and staff alike; the session says whose it is). */
export const submitSecondFactor = defineSelfAuditedAction(
  {
    name: 'auth.secondFactor',
    schema: secondFactorSchema,
    access: { kind: 'anyone' },
    rateLimit: {
      bucket: 'second-factor',
      limit: 60,
      windowSeconds: 900,
      per: 'ip',
      message: 'errors.tooManyCodesFromNetwork',
    },
  },
  async ({ input, db, meta }) =>
    completeSecondFactor(
      db,
      input.code,
      meta,
      input.portal === 'staff' ? '/staff/login' : '/login',
    ),
);

/**
 * Set-up is open to staff who have not finished it (they can do nothing else) and to parents
 * from their account page.
 */
export const startTwoStepSetup = defineAction(
  {
    name: 'twoStep.start',
    schema: z.object({}),
    access: { kind: 'signed-in' },
    audit: 'two_step.enrolment_started',
    allowDuringAccountSetup: true,
  },
  async ({ tx, session, describeAudit }) => {
    describeAudit({ targetType: 'user', targetId: session.user.id });
    return { data: await startEnrolment(tx, session.user.id) };
  },
);

export const confirmTwoStepSetup = defineAction(
  {
    name: 'twoStep.confirm',
    schema: confirmEnrolmentSchema,
    access: { kind: 'signed-in' },
    audit: 'two_step.enabled',
    allowDuringAccountSetup: true,
    rateLimit: {
      bucket: 'two-step-confirm',
      limit: 10,
      windowSeconds: 900,
      per: 'user',
      message: 'errors.tooManyCodesTried',
    },
  },
  async ({ input, tx, session, describeAudit }) => {
    const { recoveryCodes } = await confirmEnrolment(tx, session.user.id, input.code);
    describeAudit({
      targetType: 'user',
      targetId: session.user.id,
      metadata: { recoveryCodesIssued: recoveryCodes.length },
    });
    return { data: { recoveryCodes } };
  },
);

export const replaceMyRecoveryCodes = defineAction(
  {
    name: 'twoStep.renewCodes',
    schema: currentPasswordSchema,
    access: { kind: 'signed-in' },
    audit: 'two_step.recovery_codes_replaced',
    rateLimit: { bucket: 'two-step-renew', limit: 10, windowSeconds: 900, per: 'user' },
  },
  async ({ input, tx, session, describeAudit }) => {
    const { recoveryCodes } = await renewRecoveryCodes(tx, session.user.id, input.currentPassword);
    describeAudit({
      targetType: 'user',
      targetId: session.user.id,
      metadata: { recoveryCodesIssued: recoveryCodes.length },
    });
    return { data: { recoveryCodes } };
  },
);

/** Parents only: for staff two-step verification is required. */
export const turnOffMyTwoStep = defineAction(
  {
    name: 'twoStep.turnOff',
    schema: currentPasswordSchema,
    access: { kind: 'parent' },
    audit: 'two_step.disabled',
    rateLimit: { bucket: 'two-step-off', limit: 10, windowSeconds: 900, per: 'user' },
  },
  async ({ input, tx, session, describeAudit, sendMail }) => {
    const { mail } = await turnOffTwoStep(tx, session.user.id, input.currentPassword);
    await sendMail(mail);
    describeAudit({ targetType: 'user', targetId: session.user.id });
    return { data: null, redirectTo: '/account/two-step?notice=off' };
  },
);
