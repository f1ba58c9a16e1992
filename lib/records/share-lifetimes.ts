/**
 * The choices of the share-link form. Client-safe and free of zod, so the form can show them
 * without loading the schema library first (lib/records/share-schemas.ts checks them).
 */

/** How long a link works: from an hour (a nurse waiting at the desk) to a week (camp paperwork). */
// Their names are in the catalog (shareLinks.lifetime.<key>).
export const shareLifetimes = {
  '1h': { hours: 1 },
  '4h': { hours: 4 },
  '1d': { hours: 24 },
  '3d': { hours: 72 },
  '7d': { hours: 168 },
} as const;
export type ShareLifetime = keyof typeof shareLifetimes;

export const SHARE_LABEL_MAX = 60;
