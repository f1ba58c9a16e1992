import { z } from 'zod';

import { SHARE_LABEL_MAX, shareLifetimes, type ShareLifetime } from './share-lifetimes';

/** Client-safe schemas for the immunization-record share links (shared by the forms and the actions). */

const lifetimeKeys = Object.keys(shareLifetimes) as [ShareLifetime, ...ShareLifetime[]];

export const createShareSchema = z.object({
  childId: z.uuid(),
  label: z
    .string()
    .trim()
    .max(SHARE_LABEL_MAX, 'validation.shareLabelMax')
    // A label is shown back to the guardian on one line; line breaks and control characters have no place in it.
    .refine((value) => !/[\p{Cc}\p{Cf}]/u.test(value), 'validation.shareLabelCharacters')
    .transform((value) => (value === '' ? null : value)),
  validFor: z.enum(lifetimeKeys, { message: 'validation.shareLifetime' }),
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
    .regex(/^(\d{4})?$/, 'validation.shareCode')
    .optional()
    .default(''),
});

/**
 * What a visitor is told when a link no longer opens (catalog keys). None of it names the child
 * or the family.
 */
export const shareEndedMessages = {
  not_found: 'errors.shareEnded_not_found',
  expired: 'errors.shareEnded_expired',
  revoked: 'errors.shareEnded_revoked',
  locked: 'errors.shareEnded_locked',
} as const;
