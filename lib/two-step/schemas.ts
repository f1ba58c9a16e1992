import { z } from 'zod';

import { callerVerificationFields, requireTwoConfirmations } from '@/lib/staff/caller-verification';

/** Client-safe: the two-step verification forms. */

export const secondFactorSchema = z.object({
  code: z.string().trim().min(1, 'validation.codeRequired').max(40, 'validation.codeTooLong'),
  /** Only where to send someone whose sign-in has timed out. */
  portal: z.enum(['parent', 'staff']),
});

export const confirmEnrolmentSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/\s|-/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'validation.codeSixDigits')),
});

export const currentPasswordSchema = z.object({
  currentPassword: z
    .string()
    .min(1, 'validation.currentPasswordRequired')
    .max(200, 'validation.currentPasswordTooLong'),
});

export const resetTwoStepSchema = z
  .object({ accountId: z.uuid(), ...callerVerificationFields })
  .superRefine(requireTwoConfirmations('twoStepReset'));
