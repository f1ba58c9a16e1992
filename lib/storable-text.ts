import 'server-only';

/**
 * Text PostgreSQL can take exactly as it was sent. Two things a browser form never sends but a
 * forged request can: NUL, which a `text` or `jsonb` value cannot hold at all (the query fails),
 * and half of a UTF-16 surrogate pair, which has no UTF-8 form (the driver either fails or
 * quietly stores U+FFFD instead). Refusing them keeps "stored as typed" true for every field.
 * Client-safe.
 */

/** A catalog key: the form shows it in the reader's language. */
export const UNSTORABLE_TEXT_MESSAGE = 'errors.unstorableText';

export function isStorableText(value: string): boolean {
  return value.isWellFormed() && !value.includes('\u0000');
}

/**
 * The fields of a form's input (dotted paths, like zod's) holding text that could not be
 * stored. Deep inputs are not forms; past a few levels nothing is looked at, and the schema
 * refuses them anyway.
 */
export function unstorableTextFields(input: unknown, path: string[] = [], depth = 0): string[] {
  if (typeof input === 'string') return isStorableText(input) ? [] : [path.join('.') || '_form'];
  if (depth >= 4 || input === null || typeof input !== 'object') return [];
  const entries = Array.isArray(input)
    ? input.map((value, index) => [String(index), value] as const)
    : Object.entries(input);
  return entries.flatMap(([key, value]) => unstorableTextFields(value, [...path, key], depth + 1));
}
