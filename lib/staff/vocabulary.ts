/**
 * Client-safe: the staff roles and their names, used by the database tables, the server's
 * checks and the forms alike. Imports nothing, so any layer may depend on it.
 */
export const staffRoles = ['front_desk', 'clinical', 'billing', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staffRoleLabels: Record<StaffRole, string> = {
  front_desk: 'Front desk',
  clinical: 'Clinical',
  billing: 'Billing',
  admin: 'Administrator',
};
