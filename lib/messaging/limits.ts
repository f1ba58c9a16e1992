import 'server-only';

/** New messages and replies a parent may send in an hour: generous for a family, a wall for a script. */
export const parentMessageLimit = {
  bucket: 'parent-messages',
  limit: 20,
  windowSeconds: 3600,
  per: 'user',
  message:
    'You have sent 20 messages in the last hour, which is as many as the portal takes. Please wait an hour, or call the office if it cannot wait.',
} as const;
