import { formatDateTime } from '@/lib/dates';
import type { Locale } from '@/lib/i18n/locales';
import type { ShareListEntry } from '@/lib/records/shares';

import { ShareLinkList } from './share-link-list';

/** The child's share links with their state, times written on the practice's clock. */
export function ShareLinks({ shares, locale }: { shares: ShareListEntry[]; locale: Locale }) {
  return (
    <ShareLinkList
      shares={shares.map((share) => ({
        id: share.id,
        label: share.label,
        state: share.state,
        createdAt: formatDateTime(share.createdAt, locale),
        expiresAt: formatDateTime(share.expiresAt, locale),
        endedAt: share.revokedAt ? formatDateTime(share.revokedAt, locale) : null,
        hasCode: share.hasCode,
        openCount: share.openCount,
        lastOpenedAt: share.lastOpenedAt ? formatDateTime(share.lastOpenedAt, locale) : null,
        madeByYou: share.madeByYou,
      }))}
    />
  );
}
