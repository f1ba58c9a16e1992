'use client';

import { useLocale, useTranslations } from 'next-intl';
import { usePathname } from 'next/navigation';
import { Fragment, useActionState } from 'react';

import { localeNames, locales, type Locale } from '@/lib/i18n/locales';

import { chooseLanguage } from '../language/actions';

/**
 * "English · Español" at the top of every page. Each language is named in itself (and marked
 * with its lang, so a screen reader says "Español" in Spanish). The server action is the form's
 * action, so switching works before the page's JavaScript has run, and comes back to this page.
 */
export function LanguageSwitch() {
  const t = useTranslations('common.language');
  const current = useLocale() as Locale;
  const pathname = usePathname() ?? '/';
  const [, formAction] = useActionState(
    // A server action built by defineSelfAuditedAction also takes (previous answer, FormData).
    chooseLanguage as unknown as (previous: unknown, formData: FormData) => Promise<unknown>,
    null,
  );
  return (
    <nav aria-label={t('label')} className="text-sm">
      <ul className="flex items-center gap-1">
        {locales.map((locale, index) => (
          <Fragment key={locale}>
            {index > 0 ? (
              <li aria-hidden="true" className="text-slate-400">
                ·
              </li>
            ) : null}
            <li lang={locale}>
              {locale === current ? (
                <span aria-current="true" className="inline-block px-2 py-2 font-semibold">
                  {localeNames[locale]}
                </span>
              ) : (
                <form action={formAction}>
                  <input type="hidden" name="locale" value={locale} />
                  <input type="hidden" name="returnTo" value={pathname} />
                  <button
                    type="submit"
                    className="inline-block px-2 py-2 text-blue-700 underline hover:text-blue-900"
                  >
                    {localeNames[locale]}
                  </button>
                </form>
              )}
            </li>
          </Fragment>
        ))}
      </ul>
    </nav>
  );
}
