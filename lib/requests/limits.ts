import type { RequestKind } from './vocabulary';

/**
 * Requests of one kind a parent may make in an hour: more than any family needs, a wall for a
 * script. Counted per kind, so a burst of one kind never blocks an urgent other one.
 */
export function parentRequestLimit(kind: RequestKind) {
  return {
    bucket: `parent-requests-${kind}`,
    limit: 10,
    windowSeconds: 3600,
    per: 'user',
    message: 'errors.requests.rateLimited',
  } as const;
}
