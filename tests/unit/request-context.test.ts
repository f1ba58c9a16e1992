import { describe, expect, it } from 'vitest';

import { clientIpFrom, isSameOriginRequest, requestMetaFrom } from '@/lib/request-context';

describe('same-origin check for state-changing requests', () => {
  const withHeaders = (entries: Record<string, string>) => new Headers(entries);

  it('accepts an Origin matching the host', () => {
    expect(
      isSameOriginRequest(
        withHeaders({ host: 'portal.example.org', origin: 'https://portal.example.org' }),
      ),
    ).toBe(true);
    expect(
      isSameOriginRequest(
        withHeaders({
          host: 'internal:3000',
          'x-forwarded-host': 'portal.example.org',
          origin: 'https://portal.example.org',
        }),
      ),
    ).toBe(true);
  });

  it.each([
    ['missing', { host: 'portal.example.org' }],
    ['null', { host: 'portal.example.org', origin: 'null' }],
    ['foreign', { host: 'portal.example.org', origin: 'https://evil.example' }],
    [
      'look-alike',
      { host: 'portal.example.org', origin: 'https://portal.example.org.evil.example' },
    ],
    ['garbage', { host: 'portal.example.org', origin: '::::' }],
  ])('refuses a %s Origin', (_label, entries) => {
    expect(isSameOriginRequest(withHeaders(entries as Record<string, string>))).toBe(false);
  });
});

describe('request metadata', () => {
  it('takes the address the nearest proxy saw, not what the client claimed', () => {
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }))).toBe(
      '203.0.113.9',
    );
    expect(clientIpFrom(new Headers())).toBeNull();
  });

  it('keeps a well-formed request id and replaces a strange one', () => {
    expect(requestMetaFrom(new Headers({ 'x-request-id': 'abcdef12-3456' })).requestId).toBe(
      'abcdef12-3456',
    );
    expect(requestMetaFrom(new Headers({ 'x-request-id': '<script>' })).requestId).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });
});
