import { encode } from 'next-auth/jwt';
import { describe, expect, it, vi } from 'vitest';

import { cookieValue, sessionCookieName, sessionTokenFromCookie } from '@/lib/auth/session-cookie';

const secret = 'a-secret-of-at-least-thirty-two-characters';

/** A cookie exactly as next-auth writes it at sign-in (lib/auth/next-auth.ts's jwt callback). */
const written = (name: string, options: { secret?: string; maxAge?: number } = {}) =>
  encode({
    token: { st: 'the-random-session-token' },
    secret: options.secret ?? secret,
    salt: name,
    maxAge: options.maxAge,
  });

describe('reading the session cookie without next-auth', () => {
  it('reads what next-auth wrote, over HTTP and over HTTPS', async () => {
    for (const secure of [false, true]) {
      const name = sessionCookieName(secure);
      expect(name).toBe(secure ? '__Secure-authjs.session-token' : 'authjs.session-token');
      expect(await sessionTokenFromCookie(await written(name), secret, name)).toBe(
        'the-random-session-token',
      );
    }
  });

  it('refuses a cookie sealed with another secret or for another cookie name', async () => {
    const name = sessionCookieName(false);
    const other = await written(name, { secret: 'another-secret-of-thirty-two-characters!' });
    expect(await sessionTokenFromCookie(other, secret, name)).toBeUndefined();
    const forHttps = await written(sessionCookieName(true));
    expect(await sessionTokenFromCookie(forHttps, secret, name)).toBeUndefined();
  });

  it('refuses a tampered, truncated, expired or empty cookie', async () => {
    const name = sessionCookieName(false);
    const cookie = await written(name);
    const parts = cookie.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await sessionTokenFromCookie(parts.join('.'), secret, name)).toBeUndefined();
    expect(await sessionTokenFromCookie(cookie.slice(0, -5), secret, name)).toBeUndefined();
    const expired = await written(name, { maxAge: -60 });
    expect(await sessionTokenFromCookie(expired, secret, name)).toBeUndefined();
    expect(await sessionTokenFromCookie('', secret, name)).toBeUndefined();
    expect(await sessionTokenFromCookie('not-a-jwe', secret, name)).toBeUndefined();
  });

  it('rejoins a cookie next-auth split into chunks, in their order', async () => {
    const name = sessionCookieName(false);
    const cookie = await written(name);
    const jar = new Map([
      [`${name}.1`, cookie.slice(40)],
      [`${name}.0`, cookie.slice(0, 40)],
      ['another', 'x'],
    ]);
    const value = cookieValue((n) => jar.get(n), [...jar.keys()], name);
    expect(value).toBe(cookie);
    expect(await sessionTokenFromCookie(value, secret, name)).toBe('the-random-session-token');
    expect(cookieValue(() => undefined, ['another'], name)).toBeUndefined();
  });
});

describe('the cache of cookies already opened', () => {
  it('answers a repeated cookie as the first time, and never for another secret or name', async () => {
    const name = sessionCookieName(false);
    const cookie = await written(name);
    expect(await sessionTokenFromCookie(cookie, secret, name)).toBe('the-random-session-token');
    expect(await sessionTokenFromCookie(cookie, secret, name)).toBe('the-random-session-token');
    const otherSecret = 'another-secret-of-thirty-two-characters!';
    expect(await sessionTokenFromCookie(cookie, otherSecret, name)).toBeUndefined();
    expect(await sessionTokenFromCookie(cookie, secret, sessionCookieName(true))).toBeUndefined();
  });

  it('stops answering once the cookie has expired', async () => {
    const name = sessionCookieName(false);
    const cookie = await written(name, { maxAge: 60 });
    expect(await sessionTokenFromCookie(cookie, secret, name)).toBe('the-random-session-token');
    vi.useFakeTimers({ now: Date.now() + 120_000 });
    try {
      expect(await sessionTokenFromCookie(cookie, secret, name)).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
