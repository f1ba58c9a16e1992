import { z } from 'zod';

import {
  emailField,
  passwordContainsIdentity,
  passwordField,
  userIdField,
} from '@/lib/accounts/schemas';
import { staffRoles } from '@/lib/staff/vocabulary';

const rolesField = z.array(z.enum(staffRoles)).min(1, 'Choose at least one role.');

export const createStaffUserSchema = z
  .object({
    firstName: z.string().trim().min(1, 'Enter a first name.').max(80),
    lastName: z.string().trim().min(1, 'Enter a last name.').max(80),
    userId: userIdField,
    email: emailField,
    password: passwordField,
    roles: rolesField,
  })
  .superRefine((value, ctx) => {
    if (passwordContainsIdentity(value.password, value.userId, value.email)) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'The password must not contain the User ID or email.',
      });
    }
  });
export type CreateStaffUserInput = z.infer<typeof createStaffUserSchema>;

export const setStaffRolesSchema = z.object({ staffUserId: z.uuid(), roles: rolesField });

export const staffUserIdSchema = z.object({ staffUserId: z.uuid() });
