import { describe, expect, it } from 'vitest';

import { estimatePasswordStrength } from '@/lib/accounts/password-strength';
import en from '@/messages/en.json';
import es from '@/messages/es.json';

describe('password strength feedback', () => {
  it('names what it found with a key the catalogs word, never an English sentence', () => {
    const found = new Set<string>();
    for (const password of ['qwertyuiop', 'password1', 'aaaaaaaaaaaa', 'abcabcabcabc', '1998']) {
      const { feedback } = estimatePasswordStrength(password, []);
      expect(feedback.warning).toMatch(/^[a-zA-Z]+$/);
      found.add(feedback.warning!);
      for (const catalog of [en, es])
        expect(catalog.password.warnings).toHaveProperty(feedback.warning!);
    }
    expect(found.size).toBeGreaterThan(2);
    expect(es.password.warnings.simpleRepeat).not.toBe(en.password.warnings.simpleRepeat);
  });

  it('words every warning zxcvbn can give, in every language', async () => {
    const { translations } = await import('@zxcvbn-ts/language-en');
    for (const catalog of [en, es])
      expect(Object.keys(catalog.password.warnings).sort()).toEqual(
        Object.keys(translations.warnings).sort(),
      );
  });
});
