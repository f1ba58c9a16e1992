import 'server-only';

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { env } from '@/lib/env';

type SecretName = 'AUTH_SECRET' | 'PIN_HMAC_SECRET' | 'TOTP_ENCRYPTION_KEY';

/**
 * Secrets come from the environment; production refuses to start without them (lib/env.ts).
 * A developer's machine gets its own, made on first use and kept in .data/, so nothing secret
 * is committed and dev sessions and PINs survive a restart.
 */
export function secret(name: SecretName): string {
  const configured = env()[name];
  if (configured) return configured;
  const file = path.resolve('.data', name.toLowerCase().replace(/_/g, '-'));
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const generated = randomBytes(32).toString('base64url');
  writeFileSync(file, generated, { mode: 0o600 });
  return generated;
}
