'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';

/** Unexpected errors: a plain sentence, a reference the office can pass on, and a way home. Never the error itself. */
export function ErrorContent({
  digest,
  reset,
  homeHref = '/',
}: {
  digest?: string;
  reset: () => void;
  homeHref?: string;
}) {
  const t = useTranslations('chrome');
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 py-8">
      <h1 className="text-2xl font-bold">{t('errorTitle')}</h1>
      <p>{digest ? t('errorBodyReference', { reference: digest }) : t('errorBody')}</p>
      <p>{t('emergency')}</p>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={reset}
          className="min-h-11 rounded-md bg-blue-700 px-4 py-2 font-semibold text-white"
        >
          {t('tryAgain')}
        </button>
        <Link
          href={homeHref}
          className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold"
        >
          {t('goHome')}
        </Link>
      </div>
    </div>
  );
}
