import 'server-only';

import NextAuth, { type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { cookies } from 'next/headers';

import { getDb } from '@/db';
import { env, sessionPolicy } from '@/lib/env';
import { secret } from '@/lib/secrets';

import { cookieValue, sessionCookieName, sessionTokenFromCookie } from './session-cookie';
import { lookUpSession } from './sessions';

declare module 'next-auth' {
  interface User {
    sessionToken?: string;
  }
  interface Session {
    sessionToken?: string;
  }
}

/**
 * next-auth carries the session cookie (encrypted JWT, HttpOnly, SameSite=Lax, Secure over
 * HTTPS) and nothing else: the token holds only a random session token, and the `sessions`
 * table decides on every request whether it is still good. That is what makes sign-out,
 * disabling an account and idle timeouts take effect at once.
 *
 * The only provider accepts a session token that lib/auth/sign-in.ts has just created after
 * checking the password; there is no /api/auth route, so nothing outside our own server
 * actions can reach it.
 */
// Built on first use, not at import, so `next build` needs no runtime secrets.
const servedOverHttps = () => new URL(env().PUBLIC_URL).protocol === 'https:';

const config = (): NextAuthConfig => ({
  secret: secret('AUTH_SECRET'),
  trustHost: true,
  useSecureCookies: servedOverHttps(),
  session: { strategy: 'jwt', maxAge: sessionPolicy.absoluteHours * 3600 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      id: 'portal-session',
      credentials: { sessionToken: {} },
      async authorize(credentials) {
        const token = typeof credentials?.sessionToken === 'string' ? credentials.sessionToken : '';
        const lookup = await lookUpSession(await getDb(), token);
        // A sign-in waiting for its two-step code gets the cookie too: the code page needs it,
        // and every other page treats that session as signed out (lib/auth/current.ts).
        if (lookup.state === 'active') return { id: lookup.session.user.id, sessionToken: token };
        if (lookup.state === 'second_factor') return { id: lookup.userId, sessionToken: token };
        return null;
      },
    }),
  ],
  callbacks: {
    // Keep only the session token: names, emails and roles stay in the database.
    jwt({ token, user }) {
      if (user?.sessionToken) return { st: user.sessionToken };
      return { st: token.st };
    },
    session({ session, token }) {
      return {
        expires: session.expires,
        sessionToken: typeof token.st === 'string' ? token.st : undefined,
      } as typeof session;
    },
  },
  logger: {
    // next-auth's own logs can include request bodies; keep them to a code.
    error(error) {
      console.error(
        JSON.stringify({
          time: new Date().toISOString(),
          level: 'error',
          event: 'next_auth_error',
          errorName: error.name,
        }),
      );
    },
    warn() {},
    debug() {},
  },
});

export const { signIn, signOut } = NextAuth(config);

/**
 * The session token in this request's cookie, read the way next-auth wrote it but without running
 * next-auth's session endpoint for every page (lib/auth/session-cookie.ts says why).
 */
export async function readSessionToken(): Promise<string | undefined> {
  const jar = await cookies();
  const name = sessionCookieName(servedOverHttps());
  const value = cookieValue(
    (cookie) => jar.get(cookie)?.value,
    jar.getAll().map((cookie) => cookie.name),
    name,
  );
  return sessionTokenFromCookie(value, secret('AUTH_SECRET'), name);
}
