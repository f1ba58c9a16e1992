import { z } from 'zod';

import { callerVerificationFields, requireTwoConfirmations } from '@/lib/staff/caller-verification';

/** Client-safe: the two-step verification forms. */

export const secondFactorSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Type the 6-digit code from your app, or one of your recovery codes.')
    .max(40, 'That is longer than any code we use.'),
  /** Only where to send someone whose sign-in has timed out. */
  portal: z.enum(['parent', 'staff']),
});

export const confirmEnrolmentSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/\s|-/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Type the 6 digits your app shows for this portal.')),
});

export const currentPasswordSchema = z.object({
  currentPassword: z
    .string()
    .min(1, 'Enter your current password.')
    .max(200, 'That is longer than any password we accept.'),
});

export const resetTwoStepSchema = z
  .object({ accountId: z.uuid(), ...callerVerificationFields })
  .superRefine(requireTwoConfirmations('twoStepReset'));
