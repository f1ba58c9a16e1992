import type { Metadata } from 'next';
import Link from 'next/link';

import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { SignUpForm } from './_components/sign-up-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('signup'))('title') };
}

export default portalPage(async function SignUpPage() {
  const t = await getT('signup');
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="mt-2 text-slate-700">{t('intro')}</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <SignUpForm />
      </div>
      <p>
        {t.rich('haveAccount', {
          link: (chunks) => (
            <Link href="/login" className="font-medium text-blue-700 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
});
