/**
 * Client-safe: finding a vaccine in the staff picker as the clinician types, by common name
 * ("DTaP"), CVX code ("20") or disease ("measles", "whooping cough"). The options come from the
 * server (lib/records/vaccine-picker.ts) with their search words, so the 60 KB CVX table stays
 * out of the browser. The same word rules as searchVaccines in lib/records/cvx.ts.
 */

export interface VaccineOption {
  code: string;
  name: string;
  /** Full name, CDC groups and the diseases it protects against, for searching. */
  search: string;
}

/** "DTaP-Hep B-IPV" → dtap, hep, b, ipv; "PCV20" → pcv, 20. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/([a-z])(?=\d)|(\d)(?=[a-z])/g, '$1$2 ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Every word and every run of words written together, so "hepb" finds "Hep B". */
function wordStarts(words: readonly string[]): string[] {
  return words.map((_, index) => words.slice(index).join(''));
}

/** What the field shows once a vaccine is chosen, and what the server reads the code from. */
export function vaccineOptionLabel(option: Pick<VaccineOption, 'code' | 'name'>): string {
  return `${option.code} – ${option.name}`;
}

/** "20 – DTaP" (chosen from the list) or "3" → the code typed or chosen, with CDC's leading zero. */
function codeOf(query: string): string {
  const code = query.split(/\s+[–-]\s+/)[0]!.trim();
  return /^\d$/.test(code) ? `0${code}` : code;
}

/**
 * The options matching a query, best first: an exact code, then names that start with the
 * query, names with every query word, other search words (full name, disease), then codes that
 * start with the digits typed. Ties keep the server's order (pediatric vaccines first).
 */
export function matchVaccineOptions(
  options: readonly VaccineOption[],
  query: string,
  limit = 20,
): VaccineOption[] {
  const trimmed = query.trim().toLowerCase();
  if (trimmed === '') return options.slice(0, limit);
  const exactCode = codeOf(trimmed);
  const chosen = options.find((option) => vaccineOptionLabel(option).toLowerCase() === trimmed);
  if (chosen) return [chosen];
  const queryWords = wordsOf(trimmed);
  const startsOneOf = (starts: readonly string[], word: string) =>
    starts.some((start) => start.startsWith(word));
  const quality = (option: VaccineOption): number | null => {
    if (option.code === exactCode) return 0;
    if (queryWords.length === 0) return null;
    const nameStarts = wordStarts(wordsOf(option.name));
    if (queryWords.every((word) => startsOneOf(nameStarts, word)))
      return option.name.toLowerCase().startsWith(trimmed) ? 1 : 2;
    const allStarts = [...nameStarts, ...wordStarts(wordsOf(option.search))];
    if (queryWords.every((word) => startsOneOf(allStarts, word))) return 3;
    if (/^\d+$/.test(trimmed) && option.code.startsWith(trimmed)) return 4;
    return null;
  };
  return options
    .map((option, index) => ({ option, index, quality: quality(option) }))
    .filter((match): match is { option: VaccineOption; index: number; quality: number } =>
      Boolean(match.quality !== null),
    )
    .sort((a, b) => a.quality - b.quality || a.index - b.index)
    .slice(0, limit)
    .map((match) => match.option);
}
