import { notFound } from 'next/navigation';
import { connection } from 'next/server';

import { getDb } from '@/db';
import { env } from '@/lib/env';
import { portalPage } from '@/lib/page';
import { readReferenceRow } from '@/lib/reference-read';

/**
 * The floor for every page (issue #22): the root layout and one indexed row, nothing else.
 * `npm run bench` switches it on with BENCH_REFERENCE_ROUTE=1 and compares each page with it;
 * anywhere else it does not exist.
 */
export default portalPage(async function ReferencePage() {
  await connection();
  if (!env().BENCH_REFERENCE_ROUTE) notFound();
  const found = await readReferenceRow(await getDb());
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <p>{found ? 1 : 0}</p>
    </main>
  );
});
