import { describe, expect, it } from 'vitest';

import { estimatePasswordStrength } from '@/lib/accounts/password-strength';
import { passwordContainsIdentity, signInSchema, signUpSchema } from '@/lib/accounts/schemas';
import { normalizeHintAnswer } from '@/lib/auth/password';

const valid = {
  firstName: 'Dana',
  lastName: 'Lopez',
  userId: 'dana.lopez',
  email: 'dana@example.org',
  password: 'granite-willow-sparrow-93',
  confirmPassword: 'granite-willow-sparrow-93',
  hintQuestion: 'first_pet',
  hintAnswer: 'Biscuit',
};

describe('sign-up rules', () => {
  it('accepts a sensible sign-up', () => {
    expect(signUpSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['abc', false],
    ['abcd', true],
    ['a'.repeat(32), true],
    ['a'.repeat(33), false],
    ['Dana.Lopez_2-x', true],
    ['dana lopez', false],
    ['dana@home', false],
  ])('User ID %s → %s', (userId, ok) => {
    expect(signUpSchema.safeParse({ ...valid, userId }).success).toBe(ok);
  });

  it('measures the password limit in bytes, because bcrypt ignores anything past 72', () => {
    const accented = 'é'.repeat(37); // 37 characters, 74 bytes
    const result = signUpSchema.safeParse({
      ...valid,
      password: accented,
      confirmPassword: accented,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain('validation.passwordTooManyBytes');
    const ascii = 'x'.repeat(64);
    expect(
      signUpSchema
        .safeParse({ ...valid, password: ascii, confirmPassword: ascii })
        .error?.issues.some((i) => i.path[0] === 'password'),
    ).toBeFalsy();
    expect(
      signUpSchema.safeParse({
        ...valid,
        password: 'x'.repeat(65),
        confirmPassword: 'x'.repeat(65),
      }).success,
    ).toBe(false);
  });

  it('refuses passwords that contain the User ID, the email or its first part', () => {
    expect(passwordContainsIdentity('my-dana.lopez-pass', 'dana.lopez', 'd@example.org')).toBe(
      true,
    );
    expect(passwordContainsIdentity('xx-DANA-xx-yy', 'someone', 'dana@example.org')).toBe(true);
    expect(
      passwordContainsIdentity('granite-willow-sparrow', 'dana.lopez', 'dana@example.org'),
    ).toBe(false);
  });

  it('scores common passwords below 3 and a long phrase at 3 or more', () => {
    expect(estimatePasswordStrength('password1234', []).score).toBeLessThan(3);
    expect(estimatePasswordStrength('Welcome12345', []).score).toBeLessThan(3);
    expect(estimatePasswordStrength('qwertyuiop12', []).score).toBeLessThan(3);
    expect(estimatePasswordStrength('granite-willow-sparrow-93', []).score).toBeGreaterThanOrEqual(
      3,
    );
  });

  it('treats hint answers the same whatever their case and spacing', () => {
    expect(normalizeHintAnswer('  Lincoln   ELEMENTARY ')).toBe('lincoln elementary');
  });

  it('asks for both sign-in fields', () => {
    expect(
      signInSchema.safeParse({ identifier: ' ', password: '' }).error?.issues.map((i) => i.message),
    ).toEqual(['validation.identifierRequired', 'validation.passwordRequired']);
  });
});
