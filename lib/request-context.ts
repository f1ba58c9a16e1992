import 'server-only';

import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { headers } from 'next/headers';

import type { RequestMeta } from '@/lib/audit/events';
import { env } from '@/lib/env';

const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The address of whoever opened the connection, written by server.mjs after it removed any copy
 * the client sent. Only the connection is known for sure: X-Forwarded-For is text the client
 * may write, trusted only as far as TRUSTED_PROXY_HOPS proxies of our own appended to it.
 */
const PEER_ADDRESS_HEADER = 'x-portal-peer-address';
const PEER_ADDRESS_FLAG = Symbol.for('portal.peer-address-header');

/** Set by server.mjs (and the test setup that stands in for it). */
function peerAddressHeaderIsOurs(): boolean {
  return (globalThis as Record<symbol, unknown>)[PEER_ADDRESS_FLAG] === true;
}

/** A valid IPv4 or IPv6 address in one spelling (an IPv4 address mapped into IPv6 as IPv4). */
function normalizeIp(candidate: string | undefined | null): string | null {
  if (!candidate) return null;
  let address = candidate.trim();
  // A proxy may write "[2001:db8::1]:443" or "203.0.113.9:443".
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  if (isIP(address) === 0) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

/**
 * The client address: the connection's, or with N trusted proxies in front, the address the
 * outermost of them saw (N entries from the right of X-Forwarded-For plus the connection). An
 * entry there that is not an address falls back to the connection: never to client text.
 */
export function clientIpFrom(
  requestHeaders: Headers,
  trustedProxyHops = env().TRUSTED_PROXY_HOPS,
): string | null {
  if (!peerAddressHeaderIsOurs()) return null;
  const peer = normalizeIp(requestHeaders.get(PEER_ADDRESS_HEADER));
  if (!peer || trustedProxyHops === 0) return peer;
  const forwarded = (requestHeaders.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return normalizeIp(chain[Math.max(0, chain.length - 1 - trustedProxyHops)]) ?? peer;
}

export function requestMetaFrom(requestHeaders: Headers): RequestMeta {
  const requestId = requestHeaders.get(REQUEST_ID_HEADER);
  return {
    ipAddress: clientIpFrom(requestHeaders),
    userAgent: requestHeaders.get('user-agent')?.slice(0, 512) ?? null,
    requestId: requestId && /^[A-Za-z0-9-]{8,64}$/.test(requestId) ? requestId : randomUUID(),
  };
}

export async function currentRequestMeta(): Promise<RequestMeta> {
  return requestMetaFrom(await headers());
}

/**
 * A state-changing request must carry an Origin that matches the host it was sent to. Browsers
 * always send Origin on cross-site POSTs, so a missing or foreign one means a forged request.
 */
export function isSameOriginRequest(requestHeaders: Headers): boolean {
  const origin = requestHeaders.get('origin');
  if (!origin || origin === 'null') return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host =
    requestHeaders.get('x-forwarded-host')?.split(',')[0]?.trim() || requestHeaders.get('host');
  return Boolean(host) && originHost === host;
}
