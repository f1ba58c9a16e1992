import type { Metadata } from 'next';
import Link from 'next/link';

import { requireParent } from '@/lib/authz';
import { env } from '@/lib/env';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { LinkChildForm } from './_components/deferred-link-child-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('linkChildPage'))('metaTitle') };
}

export default portalPage(async function LinkChildPage() {
  await requireParent();
  const t = await getT('linkChildPage');
  const { PRACTICE_PHONE, PIN_TTL_DAYS } = env();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5">
      <p>
        <Link href="/dashboard" className="text-blue-700 underline">
          {t('back')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p>{t('intro', { days: PIN_TTL_DAYS })}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <LinkChildForm />
      </div>
      <p className="text-sm text-slate-700">{t('noPin', { phone: PRACTICE_PHONE })}</p>
    </div>
  );
});
