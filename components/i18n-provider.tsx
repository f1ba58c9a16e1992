'use client';

/**
 * next-intl's client provider, imported from a client module: the root layout hands it the
 * locale and only the client namespaces of that one language (lib/i18n/messages.ts), so the
 * browser never downloads the FAQ, the letters or the other language.
 */
export { NextIntlClientProvider as I18nProvider } from 'next-intl';
