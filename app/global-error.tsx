'use client';

import { useSyncExternalStore } from 'react';

import type { Locale } from '@/lib/i18n/locales';
import { localeFromAcceptLanguage } from '@/lib/i18n/negotiate';

/**
 * The last resort, drawn instead of the root layout: no language provider and no catalog here,
 * so its few sentences are kept here in every language the portal speaks, chosen from the
 * page's own lang attribute, else the browser's languages.
 */
const texts: Record<Locale, { title: string; body: string; reference: string; emergency: string }> =
  {
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
  };

function readersLanguage(): Locale {
  return localeFromAcceptLanguage(
    [document.documentElement.lang, ...navigator.languages].filter(Boolean).join(','),
  );
}

const subscribe = () => () => {};

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const language = useSyncExternalStore<Locale>(subscribe, readersLanguage, () => 'en');
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
