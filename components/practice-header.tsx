import Link from 'next/link';

import { env } from '@/lib/env';

export function PracticeHeader({
  children,
  homeHref = '/',
}: {
  children?: React.ReactNode;
  homeHref?: string;
}) {
  const { PRACTICE_NAME, PRACTICE_PHONE, PRACTICE_HOURS } = env();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <div>
          <Link
            href={homeHref}
            className="text-lg font-bold text-brand-800 no-underline sm:text-xl"
          >
            {PRACTICE_NAME}
          </Link>
          <p className="text-sm text-slate-700">
            Patient Portal ·{' '}
            <a
              href={`tel:${PRACTICE_PHONE.replace(/[^0-9+]/g, '')}`}
              className="text-brand-600 underline"
            >
              {PRACTICE_PHONE}
            </a>{' '}
            · {PRACTICE_HOURS}
          </p>
        </div>
        {children ? <div className="flex flex-wrap items-center gap-3">{children}</div> : null}
      </div>
    </header>
  );
}
