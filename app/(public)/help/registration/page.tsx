import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { env } from '@/lib/env';
import { defaultLocale, type Locale } from '@/lib/i18n/locales';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { RegistrationVideo } from './_components/registration-video';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('registrationHelp');
  return { title: t('metaTitle'), description: t('metaDescription') };
}

// The pictures are taken from the real pages, in each language, by
// tests/e2e/help-screenshots.spec.ts (npm run docs:screenshots): English ones in
// public/help-images/, the others in public/help-images/<locale>/.
const steps = [
  { id: 'get-a-pin', key: 'getAPin', image: 'step-1-pin-letter' },
  {
    id: 'create-account',
    key: 'createAccount',
    image: 'step-2-create-account',
    link: '/signup',
  },
  { id: 'welcome', key: 'welcome', image: 'step-3-welcome', wideImage: 'step-3-welcome-wide' },
  { id: 'link-child', key: 'linkChild', image: 'step-4-link-child' },
  { id: 'child-on-home-page', key: 'childOnHomePage', image: 'step-5-child-on-home-page' },
  { id: 'sign-in', key: 'signIn', image: 'step-6-sign-in', link: '/login' },
] as const;

/**
 * The picture in the reader's language; until that language's pictures have been taken, the
 * English one (a picture of the right screen beats a broken image).
 */
function imageFor(locale: Locale, name: string): string {
  if (locale !== defaultLocale) {
    const file = path.join('help-images', locale, `${name}.png`);
    if (existsSync(path.join(process.cwd(), 'public', file))) return `/${file}`;
  }
  return `/help-images/${name}.png`;
}

export default portalPage(async function RegistrationHelpPage() {
  const { PRACTICE_PHONE, PIN_TTL_DAYS } = env();
  const t = await getT('registrationHelp');
  const locale = await getLocale();
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <RegistrationVideo />
      <ol className="flex flex-col gap-8">
        {steps.map((step, index) => {
          const wide = 'wideImage' in step ? step.wideImage : undefined;
          return (
            <li key={step.id} id={step.id} className="flex scroll-mt-4 flex-col gap-3">
              <h2 className="text-lg font-semibold">
                {t('stepTitle', { number: index + 1, title: t(`steps.${step.key}.title`) })}
              </h2>
              <p>{t(`steps.${step.key}.text`, { phone: PRACTICE_PHONE, pinDays: PIN_TTL_DAYS })}</p>
              {'link' in step ? (
                <p>
                  <Link href={step.link} className="text-blue-700 underline">
                    {t(`steps.${step.key}.link`)}
                  </Link>
                </p>
              ) : null}
              <picture>
                {wide ? (
                  <source media="(min-width: 1024px)" srcSet={imageFor(locale, wide)} />
                ) : null}
                <img
                  src={imageFor(locale, step.image)}
                  alt={t(`steps.${step.key}.alt`)}
                  className={`max-w-full rounded-lg border border-slate-300 shadow-sm ${wide ? '' : 'sm:max-w-sm'}`}
                  loading="lazy"
                />
              </picture>
            </li>
          );
        })}
      </ol>
      <section
        aria-labelledby="another-child"
        className="rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="another-child" className="mb-2 text-lg font-semibold">
          {t('anotherChild.title')}
        </h2>
        <p>{t('anotherChild.text')}</p>
      </section>
      <p>
        {t.rich('stuck', {
          phone: PRACTICE_PHONE,
          faq: (chunks: ReactNode) => (
            <Link href="/faq" className="text-blue-700 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
});
