import { useTranslations } from 'next-intl';
import Link from 'next/link';

import type { PracticeDetails } from '@/lib/practice';

/** The page's footer. Pure, so that the root error page (a client component) draws it too. */
export function SiteFooterView({ practice }: { practice: PracticeDetails }) {
  const t = useTranslations('chrome');
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-col gap-3 px-4 py-6 text-sm text-slate-700">
        <nav aria-label={t('helpNav')}>
          <ul className="flex flex-wrap gap-x-5">
            <li>
              <Link href="/faq" className="inline-block py-3 text-blue-700 underline">
                {t('faq')}
              </Link>
            </li>
            <li>
              <Link href="/help/registration" className="inline-block py-3 text-blue-700 underline">
                {t('registrationHelp')}
              </Link>
            </li>
            <li>
              <Link href="/contact" className="inline-block py-3 text-blue-700 underline">
                {t('contact')}
              </Link>
            </li>
          </ul>
        </nav>
        <p>
          {practice.name} · {practice.phone}
        </p>
        <p>{t('emergencyLine')}</p>
      </div>
    </footer>
  );
}
