import 'server-only';

import { hkdfSync } from 'node:crypto';
import { jwtDecrypt } from 'jose';

/**
 * Reads next-auth's session cookie without running next-auth. `auth()` answers a server
 * component by building a Request, running Auth.js's whole session endpoint (decrypt, callbacks,
 * encrypt a refreshed cookie that a page cannot set anyway, a JSON Response) and parsing it back:
 * about a millisecond of CPU on every page (issue #22's profile). The cookie holds one thing, the
 * random session token (lib/auth/next-auth.ts), and the `sessions` table decides whether it is
 * still good, so decrypting it is all a page needs.
 *
 * The format is Auth.js's (@auth/core/jwt): a JWE, `dir` with A256CBC-HS512, whose 64-byte key
 * is HKDF-SHA256 of AUTH_SECRET with the cookie's name as salt. The key is derived once per
 * secret and name instead of on every request. tests/integration/session-cookie.test.ts reads
 * cookies written by next-auth's own encoder, so a change of format upstream fails a test.
 */

const keys = new Map<string, Uint8Array>();

function keyFor(secret: string, cookieName: string): Uint8Array {
  const id = `${cookieName}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = new Uint8Array(
      hkdfSync(
        'sha256',
        secret,
        cookieName,
        `Auth.js Generated Encryption Key (${cookieName})`,
        64,
      ),
    );
    keys.set(id, key);
  }
  return key;
}

/** The cookie's name: next-auth prefixes it when the portal is served over HTTPS. */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? '__Secure-' : ''}authjs.session-token`;
}

/**
 * The cookie's value, rejoined when next-auth had split it into `.0`, `.1`, … chunks (it does
 * past about 4 kB; ours is far smaller, but a cookie written by another version might not be).
 */
export function cookieValue(
  read: (name: string) => string | undefined,
  names: string[],
  cookieName: string,
): string | undefined {
  const whole = read(cookieName);
  if (whole) return whole;
  const chunks = names
    .filter((name) => name.startsWith(`${cookieName}.`))
    .map((name) => ({ index: Number(name.slice(cookieName.length + 1)), name }))
    .filter((chunk) => Number.isInteger(chunk.index))
    .sort((a, b) => a.index - b.index);
  return chunks.length ? chunks.map((chunk) => read(chunk.name) ?? '').join('') : undefined;
}

const CLOCK_TOLERANCE_SECONDS = 15;

/*
 * Cookies already opened, by their exact text: a browser sends the same cookie on every click, and
 * decrypting it (AES-CBC plus an HMAC check through WebCrypto) was still a few percent of a page's
 * CPU. Only a cookie that opened with this process's key is kept, with its expiry, so the cache
 * can never accept anything the decryption would refuse. Bounded: the oldest entry goes first.
 */
const opened = new Map<string, { token: string; expiresAt: number; keyId: string }>();
const OPENED_MAX = 5_000;

/** The session token inside the cookie, or undefined when it is missing, forged or expired. */
export async function sessionTokenFromCookie(
  cookie: string | undefined,
  secret: string,
  cookieName: string,
): Promise<string | undefined> {
  if (!cookie) return undefined;
  const keyId = `${cookieName}\u0000${secret}`;
  const nowSeconds = Date.now() / 1000;
  const known = opened.get(cookie);
  if (known && known.keyId === keyId && nowSeconds <= known.expiresAt + CLOCK_TOLERANCE_SECONDS)
    return known.token;
  try {
    const { payload } = await jwtDecrypt(cookie, keyFor(secret, cookieName), {
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256CBC-HS512'],
    });
    if (typeof payload.st !== 'string') return undefined;
    if (typeof payload.exp === 'number') {
      if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value!);
      opened.set(cookie, { token: payload.st, expiresAt: payload.exp, keyId });
    }
    return payload.st;
  } catch {
    return undefined;
  }
}
