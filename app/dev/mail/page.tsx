import { notFound } from 'next/navigation';
import { connection } from 'next/server';

import { getDb } from '@/db';
import { isProduction } from '@/lib/env';
import { listRecentMail } from '@/lib/mail/outbox';
import { portalPage } from '@/lib/page';

/** The local outbox, for developers. It does not exist in production. */
export default portalPage(async function DevMailPage() {
  await connection();
  if (isProduction()) notFound();
  const mail = await listRecentMail(await getDb(), 50);
  return (
    <main id="main" className="mx-auto max-w-4xl p-4">
      <h1 className="mb-4 text-2xl font-bold">Local mail outbox (development only)</h1>
      {mail.length === 0 ? <p>No email yet.</p> : null}
      <ul className="flex flex-col gap-4">
        {mail.map((item) => (
          <li key={item.id} className="rounded border border-slate-300 bg-white p-4">
            <p className="text-sm text-slate-700">
              {item.createdAt.toISOString()} · {item.status} · to {item.toAddress}
            </p>
            <h2 className="font-semibold">{item.subject}</h2>
            <pre className="mt-2 whitespace-pre-wrap text-sm">{item.textBody}</pre>
          </li>
        ))}
      </ul>
    </main>
  );
});
