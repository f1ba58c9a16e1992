import 'server-only';

import { and, ilike, or, type SQL } from 'drizzle-orm';

import { children } from '@/db/schema';

/** A search box is read as its first three words: more would only slow the query down. */
const MAX_WORDS = 3;

/** The word inside a LIKE pattern, its %, _ and \ standing for themselves. */
function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The rows that match every word typed in a staff search box, each word by `matches`, which gets
 * the word as a LIKE pattern: found anywhere (`%word%`) or, with `prefix`, at the start
 * (`word%`). Nothing typed: no condition at all.
 */
export function matchEveryWord(
  search: string,
  matches: (pattern: string, word: string) => SQL,
  { prefix = false, separators = /\s+/ }: { prefix?: boolean; separators?: RegExp } = {},
): SQL | undefined {
  const words = search.trim().split(separators).filter(Boolean).slice(0, MAX_WORDS);
  if (!words.length) return undefined;
  return and(
    ...words.map((word) =>
      matches(prefix ? `${escapeLike(word)}%` : `%${escapeLike(word)}%`, word),
    ),
  );
}

/** The child's first, last or preferred name matches the LIKE pattern, in any case. */
export function childNameLike(pattern: string): SQL {
  return or(
    ilike(children.firstName, pattern),
    ilike(children.lastName, pattern),
    ilike(children.preferredName, pattern),
  )!;
}
