import { vi } from 'vitest';

import type { ActiveSession } from '@/lib/auth/sessions';

/**
 * Server actions run here as they do in Next.js, but the request around them is ours to set:
 * headers (Origin, IP, user agent), the signed-in session, and what next-auth would do.
 */
export const requestState: {
  headers: Headers;
  session: ActiveSession | null;
  /** The session token next-auth's cookie would carry (what `readSessionToken()` reads), e.g. a sign-in waiting for its code. */
  cookieSessionToken: string | null;
  redirects: string[];
  /** The browser's cookies as the app set them through next/headers (the staff search terms). */
  cookies: Map<string, { value: string; options: Record<string, unknown> }>;
  cookieSignIns: string[];
  cookieSignOuts: number;
  afterCallbacks: (() => unknown)[];
} = {
  headers: new Headers(),
  session: null,
  cookieSessionToken: null,
  redirects: [],
  cookies: new Map(),
  cookieSignIns: [],
  cookieSignOuts: 0,
  afterCallbacks: [],
};

// Stands in for server.mjs, which writes the connection's address into a header of its own.
(globalThis as Record<symbol, unknown>)[Symbol.for('portal.peer-address-header')] = true;

export class TestRedirect extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}

vi.mock('next/headers', () => ({
  headers: async () => requestState.headers,
  cookies: async () => ({
    get: (name: string) => {
      const cookie = requestState.cookies.get(name);
      return cookie ? { name, value: cookie.value } : undefined;
    },
    set: (name: string, value: string, options: Record<string, unknown> = {}) => {
      requestState.cookies.set(name, { value, options });
    },
    delete: (target: string | { name: string }) => {
      requestState.cookies.delete(typeof target === 'string' ? target : target.name);
    },
  }),
}));

vi.mock('next/navigation', () => ({
  redirect: (location: string) => {
    requestState.redirects.push(location);
    throw new TestRedirect(location);
  },
  notFound: () => {
    throw new TestRedirect('/__not-found');
  },
  unstable_rethrow: (error: unknown) => {
    if (error instanceof TestRedirect) throw error;
  },
  // For rendering client components to HTML in tests; nothing navigates on the server.
  useRouter: () => ({
    push: () => {},
    replace: () => {},
    refresh: () => {},
    back: () => {},
    forward: () => {},
    prefetch: () => {},
  }),
  usePathname: () => '/',
  useSearchParams: () => new URLSearchParams(),
}));

vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after: (callback: () => unknown) => {
    requestState.afterCallbacks.push(callback);
  },
  connection: async () => {},
}));

vi.mock('@/lib/auth/current', () => ({
  getCurrentSession: async () => requestState.session,
}));

vi.mock('@/lib/auth/next-auth', () => ({
  readSessionToken: async () => requestState.cookieSessionToken ?? undefined,
  signIn: async (_provider: string, options: { sessionToken: string }) => {
    requestState.cookieSignIns.push(options.sessionToken);
  },
  signOut: async () => {
    requestState.cookieSignOuts += 1;
  },
}));

/** Where a server action sent the browser, or "(no redirect)". */
export async function redirectOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TestRedirect) return error.location;
    throw error;
  }
  return '(no redirect)';
}
