'use client';

import { useSyncExternalStore } from 'react';

/**
 * The last resort, drawn instead of the root layout: no language provider and no catalog here,
 * so its few sentences are kept in every language the portal speaks (lib/i18n/locales.ts) and
 * chosen from the page's own lang attribute, else the browser's language.
 */
const texts = {
  en: {
    title: 'Something went wrong on our side',
    body: 'Please try again in a few minutes. If it keeps happening, call the office.',
    reference: 'Reference:',
    emergency: 'In an emergency, call 911 or go to the nearest emergency room.',
  },
  es: {
    title: 'Algo falló de nuestro lado',
    body: 'Intente de nuevo en unos minutos. Si vuelve a pasar, llame al consultorio.',
    reference: 'Referencia:',
    emergency: 'En una emergencia, llame al 911 o vaya a la sala de emergencias más cercana.',
  },
} as const;

type Language = keyof typeof texts;

export function readerLanguage(documentLang: string, browserLanguage: string): Language {
  for (const tag of [documentLang, browserLanguage]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base && base in texts) return base as Language;
  }
  return 'en';
}

const subscribe = () => () => {};

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const language = useSyncExternalStore(
    subscribe,
    () => readerLanguage(document.documentElement.lang, navigator.language),
    () => 'en' as Language,
  );
  const t = texts[language];
  return (
    <html lang={language}>
      <body
        style={{
          fontFamily: 'system-ui, sans-serif',
          maxWidth: '36rem',
          margin: '2rem auto',
          padding: '0 1rem',
        }}
      >
        <main>
          <h1>{t.title}</h1>
          <p>{t.body}</p>
          {error.digest ? (
            <p>
              {t.reference} {error.digest}
            </p>
          ) : null}
          <p>
            <strong>{t.emergency}</strong>
          </p>
        </main>
      </body>
    </html>
  );
}
