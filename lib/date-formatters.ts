/**
 * Intl.DateTimeFormat objects, made once per set of options. Building one is costly (toLocale…
 * String builds a fresh one on every call): on a list of fifty dates it was a large part of a
 * page's time.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function dateFormatter(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}
