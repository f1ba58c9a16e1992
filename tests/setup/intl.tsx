import type { ReactNode } from 'react';

import { I18nProvider } from '@/components/i18n-provider';
import type { Locale } from '@/lib/i18n/locales';
import { clientMessages } from '@/lib/i18n/messages';

/**
 * What the root layout gives every page: the language and the client namespaces. Components
 * rendered on their own in tests need it around them, as they have it in the app.
 */
export function inLanguage(element: ReactNode, locale: Locale = 'en') {
  return (
    <I18nProvider locale={locale} messages={clientMessages(locale)} timeZone="America/New_York">
      {element}
    </I18nProvider>
  );
}
