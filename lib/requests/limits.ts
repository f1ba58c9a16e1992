/** Requests a parent may make in an hour: more than any family needs, a wall for a script. */
export const parentRequestLimit = {
  bucket: 'parent-requests',
  limit: 10,
  windowSeconds: 3600,
  per: 'user',
  message: 'errors.requests.rateLimited',
} as const;
