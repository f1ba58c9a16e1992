import Link from 'next/link';
import { connection } from 'next/server';

import { PracticeHeader } from '@/components/practice-header';
import { SiteFooter } from '@/components/site-footer';

export default async function NotFound() {
  // Rendered per request so that it carries the request's CSP nonce like every other page.
  await connection();
  return (
    <>
      <PracticeHeader />
      <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-16">
        <h1 className="text-2xl font-bold">We could not find that page</h1>
        <p>The address may be mistyped, or the page may have moved.</p>
        <p>
          <Link href="/" className="text-blue-700 underline">
            Go to the portal’s home page
          </Link>
        </p>
      </main>
      <SiteFooter />
    </>
  );
}
