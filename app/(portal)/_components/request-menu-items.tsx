import Link from 'next/link';

import { getT } from '@/lib/i18n/server';
import { requestKinds } from '@/lib/requests/vocabulary';

/** The Patient Services menu's request entries: one per kind, and the list of one's requests. */
export async function RequestMenuItems() {
  const t = await getT('requests');
  const itemClass = 'block px-4 py-3 text-slate-900 hover:bg-brand-50';
  return (
    <>
      {requestKinds.map((kind) => (
        <li key={kind}>
          <Link href={`/services/requests/new/${kind}`} className={itemClass}>
            {t(`kinds.${kind}`)}
          </Link>
        </li>
      ))}
      <li>
        <Link href="/services/requests" className={itemClass}>
          {t('menu.all')}
        </Link>
      </li>
    </>
  );
}
