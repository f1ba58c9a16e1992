import 'server-only';

import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';

import type { RequestMeta } from '@/lib/audit/events';

const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The client address. Behind a proxy the last hop it appended is the one we can trust; the
 * first entries of X-Forwarded-For are whatever the client chose to send.
 */
export function clientIpFrom(requestHeaders: Headers): string | null {
  const forwarded = requestHeaders.get('x-forwarded-for');
  if (forwarded) {
    const hops = forwarded
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    const last = hops.at(-1);
    if (last) return last.slice(0, 64);
  }
  return requestHeaders.get('x-real-ip')?.slice(0, 64) ?? null;
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
