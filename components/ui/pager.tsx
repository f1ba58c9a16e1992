import { useTranslations } from 'next-intl';
import Link from 'next/link';

/** "Previous / Next" links for a paginated list; nothing when everything fits on one page. */
export function Pager({
  page,
  hasMore,
  hrefFor,
  label,
  previousLabel,
  nextLabel,
}: {
  page: number;
  hasMore: boolean;
  hrefFor: (page: number) => string;
  label: string;
  previousLabel?: string;
  nextLabel?: string;
}) {
  const t = useTranslations('common.pager');
  if (page <= 1 && !hasMore) return null;
  return (
    <nav aria-label={label} className="flex gap-4">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className="text-blue-700 underline">
          {previousLabel ?? t('previous')}
        </Link>
      ) : null}
      <span>{t('page', { page })}</span>
      {hasMore ? (
        <Link href={hrefFor(page + 1)} className="text-blue-700 underline">
          {nextLabel ?? t('next')}
        </Link>
      ) : null}
    </nav>
  );
}
