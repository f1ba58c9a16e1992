import { z } from 'zod';

/**
 * How the office checked who is calling before handing out a PIN or a temporary password.
 * Client-safe: the same rule runs in the form and in the action.
 */
export const callerVerificationFields = {
  confirmedDateOfBirth: z.boolean(),
  confirmedAddressOrPhone: z.boolean(),
  otherVerification: z.string().trim().max(200, 'validation.callerVerificationTooLong').default(''),
};

/** What the office is about to hand out: the catalog has one sentence for each. */
const confirmationMessages = {
  pin: 'validation.confirmCallerForPin',
  temporaryPassword: 'validation.confirmCallerForTemporaryPassword',
  twoStepReset: 'validation.confirmCallerForTwoStepReset',
} as const;

export function requireTwoConfirmations(what: keyof typeof confirmationMessages) {
  return (
    value: {
      confirmedDateOfBirth: boolean;
      confirmedAddressOrPhone: boolean;
      otherVerification: string;
    },
    ctx: z.RefinementCtx,
  ) => {
    const confirmations = [
      value.confirmedDateOfBirth,
      value.confirmedAddressOrPhone,
      value.otherVerification.length > 0,
    ].filter(Boolean).length;
    if (confirmations < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['_form'],
        message: confirmationMessages[what],
      });
    }
  };
}

/** For audit metadata: which checks were made, never what was said. */
export function verificationMethod(value: {
  confirmedDateOfBirth: boolean;
  confirmedAddressOrPhone: boolean;
  otherVerification: string;
}) {
  return {
    confirmedDateOfBirth: value.confirmedDateOfBirth,
    confirmedAddressOrPhone: value.confirmedAddressOrPhone,
    otherVerification: value.otherVerification.length > 0,
  };
}
