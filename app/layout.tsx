import type { Metadata, Viewport } from 'next';

import { I18nProvider } from '@/components/i18n-provider';
import { PracticeDetailsProvider } from '@/components/practice-details';
import { env } from '@/lib/env';
import { clientMessages } from '@/lib/i18n/messages';
import { getLocale, getT } from '@/lib/i18n/server';
import { practiceDetails } from '@/lib/practice';

import { LanguageSwitch } from './_components/language-switch';

import './globals.css';

import { portalPage } from '@/lib/page';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('metadata');
  const practice = env().PRACTICE_NAME;
  return {
    title: {
      default: t('title', { practice }),
      template: `%s · ${practice}`,
    },
    description: t('description', { practice }),
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default portalPage(async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = await getT('common');
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
        >
          {t('skipToMain')}
        </a>
        <I18nProvider
          locale={locale}
          messages={clientMessages(locale)}
          timeZone={env().PRACTICE_TIMEZONE}
        >
          <div className="mx-auto flex max-w-5xl justify-end px-4">
            <LanguageSwitch />
          </div>
          <PracticeDetailsProvider value={practiceDetails(locale)}>
            {children}
          </PracticeDetailsProvider>
        </I18nProvider>
      </body>
    </html>
  );
});
