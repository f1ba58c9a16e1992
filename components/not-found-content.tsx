import { useTranslations } from 'next-intl';
import Link from 'next/link';

/**
 * What every "not found" page says, without a frame of its own: it is drawn inside the layout of
 * the section it belongs to (one header, one footer, one main), or inside the root one's.
 */
export function NotFoundContent({ homeHref }: { homeHref: string }) {
  const t = useTranslations('chrome');
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 py-8">
      <h1 className="text-2xl font-bold">{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <p>
        <Link href={homeHref} className="text-blue-700 underline">
          {homeHref === '/' ? t('goPortalHome') : t('goYourHome')}
        </Link>
      </p>
    </div>
  );
}
