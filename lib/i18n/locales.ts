/**
 * The languages the portal speaks. Client-safe: imports nothing.
 *
 * To add a language: copy messages/en.json to messages/<code>.json, translate every value, and
 * add the code here with its own name for itself (tests/unit/i18n-catalogs.test.ts fails until
 * both are done and the new catalog has every key and placeholder of the English one).
 */
export const locales = ['en', 'es'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** Each language's name in that language: the switch says "Español", not "Spanish". */
export const localeNames: Record<Locale, string> = { en: 'English', es: 'Español' };

/** US English and US Spanish: month names in the reader's language, the practice's conventions. */
const intlLocale: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

/** The BCP 47 tag to give Intl for one of our languages (numbers, lists, plural rules). */
export function intlLocaleFor(locale: Locale): string {
  return intlLocale[locale];
}

/** A visitor's choice, kept for a year; a signed-in person's choice is also saved on the account. */
export const LOCALE_COOKIE = 'portal_locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The catalog namespaces client components read (useTranslations in a 'use client' file). Only
 * these are sent to the browser with each page; long texts (the FAQ, help pages, letters) stay
 * on the server. tests/unit/i18n-catalogs.test.ts checks every client file's namespaces are here.
 */
// One per line, so that areas added at the same time merge without a conflict.
// prettier-ignore
export const clientNamespaces = [
  'common',
  'validation',
  'forms',
  'immunizationRecord',
  'shareLinks',
  'relationships',
  'linkChild',
  'portalNav',
  'resendVerification',
  'chrome',
  'auth',
  'password',
  'hintQuestions',
  'session',
  'twoStep',
  'messageForms',
  'accountForms',
  'letterControls',
  'staffForms',
  'staffChart',
  'helpDeskForms',
  'staffSignInProblems',
  'requestForms',
  'staffRequestForms',
] as const;

/**
 * Domain code and zod schemas say what went wrong as a catalog key ("validation.emailRequired",
 * "errors.rateLimited"); the form or the action pipeline turns it into a sentence.
 */
export function looksLikeMessageKey(message: string): boolean {
  return /^[a-z][A-Za-z]*(\.[A-Za-z0-9_]+)+$/.test(message);
}
