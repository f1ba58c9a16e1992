import Link from 'next/link';

/**
 * What every "not found" page says, without a frame of its own: it is drawn inside the layout of
 * the section it belongs to (one header, one footer, one main), or inside the root one's.
 */
export function NotFoundContent({ homeHref }: { homeHref: string }) {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 py-8">
      <h1 className="text-2xl font-bold">We could not find that page</h1>
      <p>The address may be mistyped, or the page may have moved.</p>
      <p>
        <Link href={homeHref} className="text-blue-700 underline">
          {homeHref === '/' ? 'Go to the portal’s home page' : 'Go to your home page'}
        </Link>
      </p>
    </div>
  );
}
