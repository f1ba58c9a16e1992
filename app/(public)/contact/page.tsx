import type { Metadata } from 'next';
import Link from 'next/link';

import { env } from '@/lib/env';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { practiceTexts } from '@/lib/practice';

import { EmergencyNotice } from '../_components/emergency-notice';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('contact');
  return { title: t('metaTitle'), description: t('metaDescription') };
}

export default portalPage(async function ContactPage() {
  const { PRACTICE_NAME, PRACTICE_PHONE, PRACTICE_ADDRESS } = env();
  const t = await getT('contact');
  const { hours, afterHours } = practiceTexts(await getLocale());
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('title', { practice: PRACTICE_NAME })}</h1>
      <EmergencyNotice />
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <dt className="font-medium text-slate-700">{t('phone')}</dt>
        <dd>
          <a
            href={`tel:${PRACTICE_PHONE.replace(/[^0-9+]/g, '')}`}
            className="inline-block min-h-11 py-2 text-lg font-semibold text-blue-700 underline"
          >
            {PRACTICE_PHONE}
          </a>
        </dd>
        <dt className="font-medium text-slate-700">{t('hours')}</dt>
        <dd>{hours}</dd>
        <dt className="font-medium text-slate-700">{t('address')}</dt>
        <dd>{PRACTICE_ADDRESS}</dd>
      </dl>
      <section aria-labelledby="after-hours-heading">
        <h2 id="after-hours-heading" className="text-lg font-semibold">
          {t('afterHours')}
        </h2>
        <p>{afterHours}</p>
      </section>
      <p className="text-slate-700">{t('canWait')}</p>
      <p className="text-slate-700">
        {t.rich('helpDesk', {
          link: (chunks) => (
            <Link href="/help-desk" className="text-blue-700 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
});
