import { z } from 'zod';

/** Client-safe: the Help Desk's forms check these in the browser, and the actions again. */

export const newTemporaryPasswordSchema = z.object({
  identifier: z
    .string()
    .trim()
    .min(1, 'validation.helpDeskIdentifierRequired')
    .max(254, 'validation.helpDeskIdentifierTooLong'),
});

export const signInProblemSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'validation.helpDeskNameRequired')
    .max(100, 'validation.helpDeskNameTooLong'),
  contact: z
    .string()
    .trim()
    .min(1, 'validation.helpDeskContactRequired')
    .max(254, 'validation.helpDeskContactTooLong')
    .refine(
      (value) => /^\S+@\S+\.\S+$/.test(value) || value.replace(/\D/g, '').length >= 7,
      'validation.helpDeskContactFormat',
    ),
  description: z
    .string()
    .trim()
    .min(10, 'validation.helpDeskDescriptionTooShort')
    .max(2000, 'validation.helpDeskDescriptionTooLong'),
});

/** An email address to acknowledge the report at, when the contact given is one. */
export function contactEmail(contact: string): string | null {
  const trimmed = contact.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) ? trimmed : null;
}

/** Staff move a report on: called back, or closed. */
export const signInProblemStatusSchema = z.object({
  problemId: z.uuid(),
  status: z.enum(['called_back', 'closed']),
});
