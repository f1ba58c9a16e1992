import { z } from 'zod';

import { emailField, passwordField, userIdField } from '@/lib/accounts/schemas';
import { staffRoles } from '@/lib/staff/vocabulary';

/** How long a new staff member's set-up link works. */
export const SETUP_LINK_HOURS = 72;

const rolesField = z.array(z.enum(staffRoles)).min(1, 'validation.staffRolesRequired');

export const createStaffUserSchema = z.object({
  firstName: z.string().trim().min(1, 'validation.staffFirstNameRequired').max(80),
  lastName: z.string().trim().min(1, 'validation.staffLastNameRequired').max(80),
  userId: userIdField,
  email: emailField,
  roles: rolesField,
});
export type CreateStaffUserInput = z.infer<typeof createStaffUserSchema>;

export const setStaffRolesSchema = z.object({ staffUserId: z.uuid(), roles: rolesField });

export const staffUserIdSchema = z.object({ staffUserId: z.uuid() });

/** The welcome email's link: the new staff member's own password, typed twice. */
export const staffSetupSchema = z
  .object({
    token: z.string().min(20).max(200),
    newPassword: passwordField,
    confirmPassword: z.string().min(1, 'validation.staffConfirmPasswordRequired'),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'validation.staffPasswordsDiffer',
  });
export type StaffSetupInput = z.infer<typeof staffSetupSchema>;
