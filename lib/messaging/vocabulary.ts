/**
 * The message forms' choices and limits, without zod: client components import these, and the
 * schemas (lib/messaging/schemas.ts) load only when a form is first checked.
 */
export const messageCategoryIds = ['clinical', 'general', 'billing'] as const;
export type Category = (typeof messageCategoryIds)[number];
// Their names are in the catalogs: messageForms.categories.<id>.

export const SUBJECT_MAX = 120;
export const BODY_MAX = 5000;
