import 'server-only';

import { cookies, headers } from 'next/headers';
import { cache } from 'react';

import {
  defaultLocale,
  isLocale,
  LOCALE_COOKIE,
  looksLikeMessageKey,
  type Locale,
} from './locales';
import { localeFromAcceptLanguage } from './negotiate';
import { translatorFor, type Namespace } from './translator';

export { translatorFor, type Namespace };

/**
 * The language of this request: the visitor's choice (the cookie, which sign-in also sets from
 * the account), else the browser's Accept-Language, else English. Read once per request.
 */
export const getLocale = cache(async (): Promise<Locale> => {
  try {
    const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
    if (isLocale(chosen)) return chosen;
    return localeFromAcceptLanguage((await headers()).get('accept-language'));
  } catch {
    // Outside a request (a script, a build-time render): English.
    return defaultLocale;
  }
});

/** The translator for this request's language: `const t = await getT('inbox'); t('title')`. */
export async function getT<NS extends Namespace = never>(namespace?: NS) {
  return translatorFor(await getLocale(), namespace);
}

/**
 * Messages that travel as catalog keys ("errors.rateLimited", "validation.emailRequired") from
 * domain code and zod schemas become sentences here; anything else is already a sentence.
 */
export function translateMessage(
  locale: Locale,
  message: string,
  values?: Record<string, string | number>,
): string {
  const t = translatorFor(locale);
  const key = message as Parameters<typeof t.has>[0];
  return looksLikeMessageKey(message) && t.has(key) ? t(key, values as never) : message;
}
