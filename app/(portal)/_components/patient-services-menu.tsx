import Link from 'next/link';

import { getT } from '@/lib/i18n/server';

import { RequestMenuItems } from './request-menu-items';

/** The "Patient Services" menu: a native disclosure, so it works with a keyboard and without JavaScript. */
export async function PatientServicesMenu() {
  const t = await getT('portalNav');
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-1 px-3 py-3 font-medium text-white hover:bg-brand-700">
        {t('services')} <span aria-hidden="true">▾</span>
      </summary>
      <ul className="absolute left-0 z-40 mt-0 w-64 rounded-b-md border border-slate-200 bg-white py-1 shadow-lg">
        <li>
          <Link
            href="/services/message"
            className="block px-4 py-3 text-slate-900 hover:bg-brand-50"
          >
            {t('sendMessage')}
          </Link>
        </li>
        <RequestMenuItems />
      </ul>
    </details>
  );
}
