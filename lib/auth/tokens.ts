import 'server-only';

import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe. Used for session tokens and emailed links. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as SHA-256: a leaked table cannot be turned back into live tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
