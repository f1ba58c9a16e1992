import { connection } from 'next/server';

import { NotFoundContent } from '@/components/not-found-content';
import { PracticeHeader } from '@/components/practice-header';
import { SiteFooter } from '@/components/site-footer';
import { getCurrentSession } from '@/lib/auth/current';
import { homePathFor } from '@/lib/auth/home';

/**
 * Addresses that match no page, and "not found" from a section's own layout (a parent opening
 * /staff): drawn in the root layout alone, so it brings the one header, main and footer.
 */
export default async function NotFound() {
  // Rendered per request so that it carries the request's CSP nonce like every other page.
  await connection();
  const home = homePathFor(await getCurrentSession());
  return (
    <>
      <PracticeHeader homeHref={home} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        <NotFoundContent homeHref={home} />
      </main>
      <SiteFooter />
    </>
  );
}
