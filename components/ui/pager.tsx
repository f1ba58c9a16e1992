import Link from 'next/link';

/** "Previous / Next" links for a paginated list; nothing when everything fits on one page. */
export function Pager({
  page,
  hasMore,
  hrefFor,
  label,
  previousLabel = 'Previous page',
  nextLabel = 'Next page',
}: {
  page: number;
  hasMore: boolean;
  hrefFor: (page: number) => string;
  label: string;
  previousLabel?: string;
  nextLabel?: string;
}) {
  if (page <= 1 && !hasMore) return null;
  return (
    <nav aria-label={label} className="flex gap-4">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className="text-blue-700 underline">
          {previousLabel}
        </Link>
      ) : null}
      <span>Page {page}</span>
      {hasMore ? (
        <Link href={hrefFor(page + 1)} className="text-blue-700 underline">
          {nextLabel}
        </Link>
      ) : null}
    </nav>
  );
}
