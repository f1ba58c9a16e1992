'use client';

import { createTranslator, useTranslations } from 'next-intl';
import { useId, useState } from 'react';

import type { LetterWording } from '@/lib/i18n/letters';
import { isLocale, localeNames, locales, type Locale } from '@/lib/i18n/locales';

/** The translator a letter is written with: its own language, whatever the staff page's. */
export function letterTranslator(locale: Locale, wording: Record<Locale, LetterWording>) {
  return createTranslator({
    locale,
    messages: { letters: wording[locale] },
    namespace: 'letters',
  });
}

export type LetterT = ReturnType<typeof letterTranslator>;

/**
 * "Letter language: English / Español" above a printable letter, in the staff member's
 * language; the letter below follows the choice. Hidden when printing.
 */
export function LetterLanguage({
  initial,
  children,
}: {
  initial: Locale;
  children: (locale: Locale) => React.ReactNode;
}) {
  const t = useTranslations('letterControls');
  const id = useId();
  const [locale, setLocale] = useState<Locale>(initial);
  return (
    <>
      <p className="flex flex-wrap items-center gap-2 p-3 print:hidden">
        <label htmlFor={id} className="font-medium">
          {t('language')}
        </label>
        <select
          id={id}
          value={locale}
          onChange={(event) => {
            if (isLocale(event.target.value)) setLocale(event.target.value);
          }}
          className="min-h-11 rounded-md border border-slate-400 bg-white px-2"
        >
          {locales.map((code) => (
            <option key={code} value={code} lang={code}>
              {localeNames[code]}
            </option>
          ))}
        </select>
      </p>
      {children(locale)}
    </>
  );
}
