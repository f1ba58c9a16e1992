/**
 * What a share link's state is called on screen. Kept apart from share-schemas.ts so the
 * link list, a client component on the child's page, does not bring zod to the browser.
 */
export const shareStateLabels = {
  active: 'Works now',
  expired: 'Expired',
  revoked: 'Turned off',
  locked: 'Locked after wrong codes',
} as const;
