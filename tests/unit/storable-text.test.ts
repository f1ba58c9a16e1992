import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { isStorableText, unstorableTextFields } from '@/lib/storable-text';

describe('text the database can store exactly', () => {
  it('takes any well-formed text without NUL: every script, emoji, markup, control characters, line breaks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(isStorableText(text)).toBe(!text.includes('\u0000'));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses NUL and unpaired surrogate halves wherever they are', () => {
    const bad = fc.oneof(
      fc.constant('\u0000'),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        bad,
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        (before, char, after) => {
          expect(isStorableText(`${before}${char}${after}`)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
    // A whole pair is one character and is fine.
    expect(isStorableText('\ud83d\ude00')).toBe(true);
  });

  it('names the fields that hold such text, as zod names them', () => {
    expect(
      unstorableTextFields({
        subject: 'fine',
        body: 'a\u0000b',
        roles: ['ok', 'x\ud800'],
        nested: { label: '\udc00' },
        count: 3,
      }),
    ).toEqual(['body', 'roles.1', 'nested.label']);
    expect(unstorableTextFields('\u0000')).toEqual(['_form']);
    expect(unstorableTextFields(null)).toEqual([]);
  });
});
