import { intlLocaleFor, type Locale } from '@/lib/i18n/locales';

/**
 * Client-safe: a percentile as people say it in each language. English says "the 58th" ("1st",
 * "below the 0.1st"); Spanish says "percentil 58" around a plain number ("58", "menos de 0,1"),
 * so the sentence in the catalog carries the word "percentil". The tails are not pretended
 * precise: below 0.1 and above 99.9 are said as such, and only under 1 or over 99 keeps a decimal.
 */
export function ordinal(percentile: number, locale: Locale): string {
  const words = wordsOf[locale];
  const number = new Intl.NumberFormat(intlLocaleFor(locale), { maximumFractionDigits: 1 });
  if (percentile < 0.1) return words.below(number.format(0.1));
  if (percentile > 99.9) return words.above(number.format(99.9));
  const rounded =
    percentile < 1 || percentile > 99 ? Math.round(percentile * 10) / 10 : Math.round(percentile);
  return words.value(rounded, number.format(rounded));
}

const englishSuffix = (n: number) =>
  !Number.isInteger(n) || (n % 100 >= 11 && n % 100 <= 13)
    ? 'th'
    : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');

const wordsOf: Record<
  Locale,
  {
    value: (n: number, formatted: string) => string;
    below: (formatted: string) => string;
    above: (formatted: string) => string;
  }
> = {
  en: {
    value: (n, formatted) => `${formatted}${englishSuffix(n)}`,
    below: (formatted) => `below the ${formatted}st`,
    above: (formatted) => `above the ${formatted}th`,
  },
  es: {
    value: (_n, formatted) => formatted,
    below: (formatted) => `menos de ${formatted}`,
    above: (formatted) => `más de ${formatted}`,
  },
};
