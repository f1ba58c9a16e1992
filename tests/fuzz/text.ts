import fc from 'fast-check';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect } from 'vitest';

import { inLanguage } from '../setup/intl';
import { MARKUP } from './inputs';

/**
 * Text a form accepts: printable Unicode with markup, quotes, ampersands, emoji, right-to-left
 * scripts and combining marks, with whitespace around it (which the schemas trim) and, where the
 * field takes several lines, line breaks and tabs inside it.
 */
const printablePiece = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      MARKUP,
      '<b>bold</b>',
      '</p><p>',
      '<!--',
      '-->',
      ']]>',
      '"',
      "'",
      '`',
      '&',
      '&amp;',
      '&lt;',
      '&#0;',
      '<',
      '>',
      '\\',
      '😀',
      '👩‍👩‍👧‍👦',
      '🏳️‍🌈',
      'مرحبا',
      'שלום',
      'می‌خواهم',
      '\u202eabc\u202c',
      '\u200f',
      'e\u0301',
      'ǅ',
      'ß',
      'İ',
      '\u00a0',
      '\u3000',
      ' ',
    ),
    weight: 3,
  },
);

const lineBreak = fc.constantFrom('\n', '\r\n', '\n\n', '\t');

export interface TextRule {
  /** After trimming, as zod counts it: in code points (zod 4 measures strings so, not in UTF-16 units). */
  max: number;
  min?: number;
  multiline?: boolean;
  /** The schema also refuses these (the share label: line breaks and other control and format characters). */
  refuses?: RegExp;
}

export function acceptedText(rule: TextRule): fc.Arbitrary<string> {
  const min = rule.min ?? 1;
  const piece = rule.multiline
    ? fc.oneof({ arbitrary: printablePiece, weight: 4 }, { arbitrary: lineBreak, weight: 1 })
    : printablePiece;
  const typed = fc
    .tuple(
      fc.constantFrom('', ' ', '  ', '\u00a0', '\t', '\n'),
      fc.array(piece, { minLength: 1, maxLength: 10 }),
      fc.constantFrom('', ' ', '\n', '\u3000 '),
    )
    .map(([lead, parts, trail]) => `${lead}${parts.join('')}${trail}`);
  // Now and then the longest text the field takes, to the character.
  const longest = fc.constantFrom('<', 'é', '&', 'x', '😀').map((piece) => piece.repeat(rule.max));
  return fc
    .oneof({ arbitrary: typed, weight: 19 }, { arbitrary: longest, weight: 1 })
    .filter((text) => {
      const trimmed = text.trim();
      const codePoints = [...trimmed].length;
      return (
        codePoints >= min && codePoints <= rule.max && !(rule.refuses && rule.refuses.test(trimmed))
      );
    });
}

/** What the schemas promise to store: the text trimmed, and nothing at all for an empty optional field. */
export function documentedNormalization(text: string, optional = false): string | null {
  const trimmed = text.trim();
  return optional && trimmed === '' ? null : trimmed;
}

/** How React writes text into HTML, in text and in attribute values alike. */
function escapedForHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

/**
 * React's own script, added after a form whose action is a server action, replays submits made
 * before the page hydrated. It is the only script these components may produce.
 */
const reactFormReplay = '<script>addEventListener("submit",function(a){';

/**
 * Renders what shows the stored text and checks it is there, escaped, and that no markup the
 * person typed became markup: no "<script" in the page but React's own.
 */
export function expectRenderedEscaped(element: ReactElement, texts: (string | null)[]): string {
  const html = renderToStaticMarkup(inLanguage(element));
  expect(html.split(reactFormReplay).join('')).not.toMatch(/<script/i);
  for (const text of texts) if (text) expect(html).toContain(escapedForHtml(text));
  return html;
}
