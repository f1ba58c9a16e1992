import { useTranslations } from 'next-intl';
import Link from 'next/link';

import type { PracticeDetails } from '@/lib/practice';

/** The page's banner. Pure, so that the root error page (a client component) draws it too. */
export function PracticeHeaderView({
  practice,
  children,
  homeHref = '/',
}: {
  practice: PracticeDetails;
  children?: React.ReactNode;
  homeHref?: string;
}) {
  const t = useTranslations('chrome');
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <div>
          <Link
            href={homeHref}
            className="text-lg font-bold text-brand-800 no-underline sm:text-xl"
          >
            {practice.name}
          </Link>
          <p className="text-sm text-slate-700">
            {t('portalName')} ·{' '}
            <a
              href={`tel:${practice.phone.replace(/[^0-9+]/g, '')}`}
              className="text-brand-600 underline"
            >
              {practice.phone}
            </a>{' '}
            · {practice.hours}
          </p>
        </div>
        {children ? <div className="flex flex-wrap items-center gap-3">{children}</div> : null}
      </div>
    </header>
  );
}
