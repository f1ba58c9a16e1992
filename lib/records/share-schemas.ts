import { z } from 'zod';

/** Client-safe schemas for the immunization-record share links (shared by the forms and the actions). */

/** How long a link works: from an hour (a nurse waiting at the desk) to a week (camp paperwork). */
export const shareLifetimes = {
  '1h': { hours: 1, label: '1 hour' },
  '4h': { hours: 4, label: '4 hours' },
  '1d': { hours: 24, label: '1 day' },
  '3d': { hours: 72, label: '3 days' },
  '7d': { hours: 168, label: '7 days' },
} as const;
export type ShareLifetime = keyof typeof shareLifetimes;
const lifetimeKeys = Object.keys(shareLifetimes) as [ShareLifetime, ...ShareLifetime[]];

export const SHARE_LABEL_MAX = 60;

export const createShareSchema = z.object({
  childId: z.uuid(),
  label: z
    .string()
    .trim()
    .max(SHARE_LABEL_MAX, `Use at most ${SHARE_LABEL_MAX} characters.`)
    // A label is shown back to the guardian on one line; line breaks and control characters have no place in it.
    .refine((value) => !/[\p{Cc}\p{Cf}]/u.test(value), 'Use letters, numbers and punctuation only.')
    .transform((value) => (value === '' ? null : value)),
  validFor: z.enum(lifetimeKeys, { message: 'Choose how long the link should work.' }),
  // A checkbox: "on"/true when ticked, absent or false when not.
  protectWithCode: z
    .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false')])
    .optional()
    .transform((value) => value === true || value === 'on' || value === 'true'),
});

export const revokeShareSchema = z.object({ shareId: z.uuid() });

export const SHARE_TOKEN_MAX = 100;

/** The "Show the record" form on a share link; the code only when the guardian set one. */
export const openShareSchema = z.object({
  token: z.string().min(1).max(SHARE_TOKEN_MAX),
  code: z
    .string()
    .trim()
    .regex(/^(\d{4})?$/, 'Enter the 4 numbers the parent or guardian gave you.')
    .optional()
    .default(''),
});

/** What a visitor is told when a link no longer opens. None of it names the child or the family. */
export const shareEndedMessages = {
  not_found:
    'This link does not work. Check that the whole link was copied, or ask the parent or guardian to send it again.',
  expired: 'This link has expired. Ask the parent or guardian who sent it for a new one.',
  revoked: 'This link has been turned off. Ask the parent or guardian who sent it for a new one.',
  locked:
    'This link stopped working after too many wrong codes. Ask the parent or guardian who sent it for a new one.',
} as const;
