'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

/** "Inbox (2)": the count comes with the page, then refreshes on every navigation. */
export function InboxLink({ initialUnread }: { initialUnread: number }) {
  const t = useTranslations('portalNav');
  const pathname = usePathname();
  const [unread, setUnread] = useState(initialUnread);
  // The page that rendered this badge already counted; ask again only after a navigation.
  const countedFor = useRef(pathname);
  useEffect(() => {
    if (countedFor.current === pathname) return;
    countedFor.current = pathname;
    let cancelled = false;
    fetch('/api/inbox/unread', { cache: 'no-store' })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { unread?: number } | null) => {
        if (!cancelled && typeof body?.unread === 'number') setUnread(body.unread);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [pathname]);
  return (
    <Link
      href="/inbox"
      className="inline-flex items-center gap-2 px-3 py-3 font-medium text-white hover:bg-brand-700"
    >
      {t('inbox')}
      {unread > 0 ? (
        <span className="rounded-full bg-amber-400 px-2 text-sm font-bold text-slate-900">
          {unread}
          <span className="sr-only">{t('unread')}</span>
        </span>
      ) : null}
    </Link>
  );
}
