import 'server-only';

import type { Actor } from '@/lib/audit/events';

import type { SignedInUser } from './sessions';

export function actorFor(user: Pick<SignedInUser, 'id' | 'kind' | 'roles'>): Actor {
  return {
    id: user.id,
    kind: user.kind,
    role: user.kind === 'staff' ? user.roles.join(',') || null : 'parent',
  };
}
