import 'server-only';

import { cookies } from 'next/headers';

import { env } from '@/lib/env';

import { LOCALE_COOKIE, type Locale } from './locales';

/** Remembers a language in this browser for a year (sign-in sets it again from the account). */
export async function rememberLocale(locale: Locale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    secure: new URL(env().PUBLIC_URL).protocol === 'https:',
  });
}
