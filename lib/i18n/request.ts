import 'server-only';

import { getRequestConfig } from 'next-intl/server';

import { messagesFor } from './messages';
import { getLocale } from './server';

/**
 * next-intl's per-request configuration (named in next.config.ts). The portal's own server code
 * translates through lib/i18n/server.ts, which also works in tests and scripts; this is what
 * next-intl's own server helpers would see.
 */
export default getRequestConfig(async () => {
  const locale = await getLocale();
  return { locale, messages: messagesFor(locale) };
});
