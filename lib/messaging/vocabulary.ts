/**
 * The message forms' choices and limits, without zod: client components import these, and the
 * schemas (lib/messaging/schemas.ts) load only when a form is first checked.
 */
export const messageCategoryIds = ['clinical', 'general', 'billing'] as const;
export type Category = (typeof messageCategoryIds)[number];
// Their names are in the catalogs: messageForms.categories.<id>.

/**
 * English names, still read by the office's message pages until they move to the catalog (#20,
 * staff pages); delete this once nothing imports it. Parent pages read messageForms.categories.
 */
export const categoryLabels: Record<Category, string> = {
  clinical: 'Clinical question',
  general: 'General office question',
  billing: 'Billing question',
};

export const SUBJECT_MAX = 120;
export const BODY_MAX = 5000;
