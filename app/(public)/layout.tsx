import { connection } from 'next/server';

import { PracticeHeader } from '@/components/practice-header';
import { SiteFooter } from '@/components/site-footer';
import { portalPage } from '@/lib/page';

export default portalPage(async function PublicLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request: the CSP nonce is per request, and some pages check the session.
  await connection();
  return (
    <>
      <PracticeHeader />
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
      <SiteFooter />
    </>
  );
});
