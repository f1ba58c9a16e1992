import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { env } from '@/lib/env';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { requestKinds, requestStatuses, responseDays } from '@/lib/requests/vocabulary';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('requestsHelp');
  return { title: t('metaTitle'), description: t('metaDescription') };
}

const link = 'text-blue-700 underline';

/**
 * How Patient Services requests work, for a parent before or after making one: what each kind
 * is for, what happens next, what each status means, and that a request is never for today.
 * The number of days comes from lib/requests/vocabulary.ts, so the help cannot drift from the
 * office's clock.
 */
export default portalPage(async function RequestsHelpPage() {
  const { PRACTICE_PHONE } = env();
  const [t, words] = await Promise.all([getT('requestsHelp'), getT('requests')]);
  const tags = {
    requests: (chunks: ReactNode) => (
      <Link href="/services/requests" className={link}>
        {chunks}
      </Link>
    ),
    inbox: (chunks: ReactNode) => (
      <Link href="/inbox" className={link}>
        {chunks}
      </Link>
    ),
    faq: (chunks: ReactNode) => (
      <Link href="/faq#faq-requests" className={link}>
        {chunks}
      </Link>
    ),
    contact: (chunks: ReactNode) => (
      <Link href="/contact" className={link}>
        {chunks}
      </Link>
    ),
    strong: (chunks: ReactNode) => <strong>{chunks}</strong>,
  };
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p>{t('intro')}</p>
      <div className="flex flex-col gap-2">
        <p
          role="note"
          className="rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-lg font-bold text-red-900"
        >
          {t('notToday.emergency')}
        </p>
        <p className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-4 text-amber-950">
          {t('notToday.sick', { phone: PRACTICE_PHONE })}
        </p>
      </div>

      <section aria-labelledby="kinds" className="flex scroll-mt-4 flex-col gap-4">
        <h2 id="kinds" className="text-xl font-semibold">
          {t('kindsHeading')}
        </h2>
        {requestKinds.map((kind) => (
          <section
            key={kind}
            id={`kind-${kind}`}
            aria-labelledby={`kind-${kind}-heading`}
            className="flex scroll-mt-4 flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4"
          >
            <h3 id={`kind-${kind}-heading`} className="text-lg font-semibold">
              {words(`kinds.${kind}`)}
            </h3>
            <p>{t(`kinds.${kind}.what`)}</p>
            <p>{t(`kinds.${kind}.when`, { days: responseDays[kind] })}</p>
          </section>
        ))}
      </section>

      <section aria-labelledby="next" className="flex scroll-mt-4 flex-col gap-3">
        <h2 id="next" className="text-xl font-semibold">
          {t('nextHeading')}
        </h2>
        <ol className="flex list-decimal flex-col gap-2 pl-6">
          {(['sent', 'email', 'follow', 'answer'] as const).map((step) => (
            <li key={step}>{t.rich(`next.${step}`, tags)}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="statuses" className="flex scroll-mt-4 flex-col gap-3">
        <h2 id="statuses" className="text-xl font-semibold">
          {t('statusesHeading')}
        </h2>
        <dl className="flex flex-col gap-3">
          {requestStatuses.map((status) => (
            <div key={status} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="font-semibold">{words(`statuses.${status}`)}</dt>
              <dd>{t(`statuses.${status}`, { phone: PRACTICE_PHONE })}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="files" className="flex scroll-mt-4 flex-col gap-2">
        <h2 id="files" className="text-xl font-semibold">
          {t('filesHeading')}
        </h2>
        <p>{t('files')}</p>
      </section>

      <p>{t.rich('more', { ...tags, phone: PRACTICE_PHONE })}</p>
    </div>
  );
});
