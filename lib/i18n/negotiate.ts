import { defaultLocale, isLocale, type Locale } from './locales';

/**
 * The best of our languages for an Accept-Language header ("es-MX,es;q=0.9,en;q=0.8"): the
 * highest-weighted tag whose language we speak, or English. Only the primary subtag matters:
 * Mexican, Puerto Rican and Castilian readers all get the one Spanish catalog.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { language: tag.split('-')[0]!.toLowerCase(), weight, index };
    })
    .filter(({ weight }) => Number.isFinite(weight) && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { language } of ranked) {
    if (isLocale(language)) return language;
    if (language === '*') return defaultLocale;
  }
  return defaultLocale;
}
