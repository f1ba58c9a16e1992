/**
 * Client-safe: the staff roles, used by the database tables, the server's checks and the forms
 * alike. Imports nothing, so any layer may depend on it. Their names, in each language, are in
 * the catalogs under staffForms.roles, keyed by role.
 */
export const staffRoles = ['front_desk', 'clinical', 'billing', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];
