import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { resetEnvForTesting } from '@/lib/env';
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
  const flag = Symbol.for('portal.peer-address-header');
  const withPeer = (peer: string, forwardedFor?: string) =>
    new Headers({
      'x-portal-peer-address': peer,
      ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
    });
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[flag] = true;
  });
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[flag];
  });

  it('takes the connection address and ignores what the client claimed, with no proxy', () => {
    expect(clientIpFrom(withPeer('203.0.113.9', '6.6.6.6'), 0)).toBe('203.0.113.9');
    expect(clientIpFrom(withPeer('::ffff:127.0.0.1', '6.6.6.6, 7.7.7.7'), 0)).toBe('127.0.0.1');
    expect(clientIpFrom(withPeer('2001:DB8::1'), 0)).toBe('2001:db8::1');
  });

  it('with trusted proxies, takes the address the outermost one saw', () => {
    // Client sent "6.6.6.6"; the proxy appended the real client 198.51.100.7 and connected.
    expect(clientIpFrom(withPeer('10.0.0.2', '6.6.6.6, 198.51.100.7'), 1)).toBe('198.51.100.7');
    // Two proxies: the outer appended the client, the inner appended the outer.
    expect(clientIpFrom(withPeer('10.0.0.3', '6.6.6.6, 198.51.100.7, 10.0.0.2'), 2)).toBe(
      '198.51.100.7',
    );
    // A request that reached the portal without the proxy's header: the connection.
    expect(clientIpFrom(withPeer('10.0.0.2'), 1)).toBe('10.0.0.2');
  });

  it('never takes text that is not an address, falling back to the connection', () => {
    expect(clientIpFrom(withPeer('10.0.0.2', "x'); DROP TABLE--"), 1)).toBe('10.0.0.2');
    expect(clientIpFrom(withPeer('10.0.0.2', '<script>, 300.1.1.1'), 1)).toBe('10.0.0.2');
    expect(clientIpFrom(withPeer('not an address'), 0)).toBeNull();
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': '6.6.6.6' }), 0)).toBeNull();
  });

  it("trusts the peer header only when the portal's own server wrote it", () => {
    delete (globalThis as Record<symbol, unknown>)[flag];
    expect(clientIpFrom(withPeer('6.6.6.6'), 0)).toBeNull();
  });

  it('reads TRUSTED_PROXY_HOPS from the environment', () => {
    const headers = withPeer('10.0.0.2', '6.6.6.6, 198.51.100.7');
    vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
    resetEnvForTesting();
    expect(requestMetaFrom(headers).ipAddress).toBe('198.51.100.7');
    vi.stubEnv('TRUSTED_PROXY_HOPS', '0');
    resetEnvForTesting();
    expect(requestMetaFrom(headers).ipAddress).toBe('10.0.0.2');
    vi.unstubAllEnvs();
    resetEnvForTesting();
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
