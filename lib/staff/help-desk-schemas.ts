import { z } from 'zod';

/** Client-safe: the help desk's forms. */
export const accountIdSchema = z.object({ accountId: z.uuid() });

export const temporaryPasswordSchema = z
  .object({
    accountId: z.uuid(),
    confirmedDateOfBirth: z.boolean(),
    confirmedAddressOrPhone: z.boolean(),
    otherVerification: z.string().trim().max(200, 'Keep it under 200 characters.').default(''),
  })
  .superRefine((value, ctx) => {
    const confirmations = [value.confirmedDateOfBirth, value.confirmedAddressOrPhone, value.otherVerification.length > 0].filter(Boolean).length;
    if (confirmations < 2) ctx.addIssue({ code: 'custom', path: ['_form'], message: 'Confirm at least two things about the caller before sending a temporary password.' });
  });
