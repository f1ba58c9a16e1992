import { formatDateTime } from '@/lib/dates';
import type { ShareListEntry } from '@/lib/records/shares';

import { ShareLinkList } from './share-link-list';

/** The child's share links with their state, times written on the practice's clock. */
export function ShareLinks({ shares }: { shares: ShareListEntry[] }) {
  return (
    <ShareLinkList
      shares={shares.map((share) => ({
        id: share.id,
        label: share.label,
        state: share.state,
        createdAt: formatDateTime(share.createdAt),
        expiresAt: formatDateTime(share.expiresAt),
        endedAt: share.revokedAt ? formatDateTime(share.revokedAt) : null,
        hasCode: share.hasCode,
        openCount: share.openCount,
        lastOpenedAt: share.lastOpenedAt ? formatDateTime(share.lastOpenedAt) : null,
        madeByYou: share.madeByYou,
      }))}
    />
  );
}
