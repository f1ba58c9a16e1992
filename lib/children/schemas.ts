import { z } from 'zod';

import { guardianRelationships } from '@/lib/children/relationships';
import { PIN_ALPHABET, PIN_LENGTH } from '@/lib/pins/pin-format';
import { callerVerificationFields, requireTwoConfirmations } from '@/lib/staff/caller-verification';

/** Client-safe form schemas for children, PINs and guardian links (shared by forms and actions). */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.childDateFormat');

const dateOfBirthField = isoDate.refine((value) => {
  const date = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === value &&
    value >= '1900-01-01' &&
    date.getTime() <= Date.now() + 86_400_000
  );
}, 'validation.childDateOfBirth');

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .default(null);

const childSexes = ['female', 'male'] as const;

export const childSchema = z.object({
  firstName: z
    .string()
    .trim()
    .min(1, 'validation.childFirstNameRequired')
    .max(80, 'validation.childNameTooLong'),
  lastName: z
    .string()
    .trim()
    .min(1, 'validation.childLastNameRequired')
    .max(80, 'validation.childNameTooLong'),
  preferredName: optionalText(80, 'validation.childNameTooLong'),
  dateOfBirth: dateOfBirthField,
  sex: z.enum([...childSexes, '']).transform((value) => (value === '' ? null : value)),
  mrn: optionalText(32, 'validation.mrnTooLong').refine(
    (value) => value === null || /^[A-Za-z0-9-]+$/.test(value),
    'validation.mrnCharacters',
  ),
});
export type ChildInput = z.infer<typeof childSchema>;

export const updateChildSchema = childSchema.extend({ childId: z.uuid() });

export const childSearchSchema = z.object({
  q: z.string().trim().max(80).optional().default(''),
  dob: z
    .union([isoDate, z.literal('')])
    .optional()
    .default(''),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
export type ChildSearch = z.infer<typeof childSearchSchema>;

export const issuePinSchema = z
  .object({
    childId: z.uuid(),
    ...callerVerificationFields,
    guardianName: z.string().trim().min(2, 'validation.pinGuardianNameRequired').max(120),
    relationship: z.string().trim().min(2, 'validation.pinRelationshipRequired').max(60),
  })
  .superRefine(requireTwoConfirmations('pin'));
export type IssuePinInput = z.infer<typeof issuePinSchema>;

export const cancelPinSchema = z.object({ pinId: z.uuid() });

export const revokeGuardianSchema = z.object({
  guardianshipId: z.uuid(),
  reason: z
    .string()
    .trim()
    .min(3, 'validation.revokeReasonRequired')
    .max(300, 'validation.revokeReasonTooLong'),
});

export const linkChildSchema = z
  .object({
    pin: z
      .string()
      .transform((value) => value.toUpperCase().replace(/[\s-]+/g, ''))
      .pipe(
        z
          .string()
          .length(PIN_LENGTH, 'validation.pinLength')
          .refine(
            (value) => [...value].every((char) => PIN_ALPHABET.includes(char)),
            'validation.pinAlphabet',
          ),
      ),
    dateOfBirth: dateOfBirthField,
    relationship: z.enum(guardianRelationships, { message: 'validation.relationshipChoose' }),
    relationshipOther: z.string().trim().max(60, 'validation.relationshipMax').default(''),
  })
  .superRefine((value, ctx) => {
    if (value.relationship === 'other' && value.relationshipOther.length < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['relationshipOther'],
        message: 'validation.relationshipOther',
      });
    }
  });
export type LinkChildInput = z.infer<typeof linkChildSchema>;
