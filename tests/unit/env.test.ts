import { describe, expect, it } from 'vitest';

import { InvalidEnvironmentError, parseEnv } from '@/lib/env';

describe('configuration', () => {
  it('runs a development machine with no settings at all', () => {
    const env = parseEnv({});
    // No proxy assumed: X-Forwarded-For is ignored unless the deployment says it has one.
    expect(env.TRUSTED_PROXY_HOPS).toBe(0);
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PRACTICE_NAME: "Children's Pediatricians & Associates",
      SIGNIN_IP_FAILURE_LIMIT: 100,
      PGLITE_DIR: '.data/pglite',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('refuses to start in production without its secrets and database, naming each', () => {
    try {
      parseEnv({ NODE_ENV: 'production' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEnvironmentError);
      expect((error as Error).message).toMatch(/AUTH_SECRET is required in production/);
      expect((error as Error).message).toMatch(/DATABASE_URL is required in production/);
      expect((error as Error).message).toMatch(/PIN_HMAC_SECRET is required in production/);
      expect((error as Error).message).toMatch(/TOTP_ENCRYPTION_KEY is required in production/);
    }
  });

  it('accepts a complete production configuration', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(40),
      PIN_HMAC_SECRET: 'y'.repeat(40),
      TOTP_ENCRYPTION_KEY: 'z'.repeat(40),
      DATABASE_URL: 'postgres://portal@db/portal',
      PUBLIC_URL: 'https://portal.example.org',
    });
    expect(env.PUBLIC_URL).toBe('https://portal.example.org');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://nope' }, /DATABASE_URL must start with postgres/],
    [{ AUTH_SECRET: 'short' }, /AUTH_SECRET must be at least 32 characters/],
    [{ PUBLIC_URL: 'not a url' }, /PUBLIC_URL must be a full URL/],
    [{ SIGNIN_IP_FAILURE_LIMIT: '-3' }, /SIGNIN_IP_FAILURE_LIMIT/],
    [{ TRUSTED_PROXY_HOPS: '-1' }, /TRUSTED_PROXY_HOPS/],
    [{ TRUSTED_PROXY_HOPS: 'one' }, /TRUSTED_PROXY_HOPS/],
    [
      {
        NODE_ENV: 'production',
        AUTH_SECRET: 'x'.repeat(40),
        PIN_HMAC_SECRET: 'y'.repeat(40),
        TOTP_ENCRYPTION_KEY: 'z'.repeat(40),
        DATABASE_URL: 'postgres://db/p',
        PUBLIC_URL: 'http://portal.example.org',
      },
      /PUBLIC_URL must be an https/,
    ],
  ])('explains a wrong value: %j', (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });

  it('needs no runtime secrets while Next.js builds', () => {
    expect(() =>
      parseEnv({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' }),
    ).not.toThrow();
  });
});
