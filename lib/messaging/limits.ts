import 'server-only';

/** New messages and replies a parent may send in an hour: generous for a family, a wall for a script. */
export const parentMessageLimit = {
  bucket: 'parent-messages',
  limit: 20,
  windowSeconds: 3600,
  per: 'user',
  message: 'errors.tooManyMessages',
} as const;
