import 'server-only';

import type { ActiveSession } from './sessions';

/** Where "home" is for whoever is looking: a parent's dashboard, the office home, or the front page. */
export function homePathFor(
  session: Pick<ActiveSession, 'user'> | null,
): '/' | '/dashboard' | '/staff' {
  if (!session) return '/';
  return session.user.kind === 'staff' ? '/staff' : '/dashboard';
}
