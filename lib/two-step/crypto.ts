import 'server-only';

import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
} from 'node:crypto';

import { secret } from '@/lib/secrets';

/**
 * Two keys from one setting: HKDF gives the encryption key and the recovery-code HMAC key
 * different "info" labels, so neither can stand in for the other.
 */
function derivedKey(purpose: 'totp-secret-encryption' | 'recovery-code-hmac'): Buffer {
  return Buffer.from(
    hkdfSync('sha256', secret('TOTP_ENCRYPTION_KEY'), 'pediatric-portal', purpose, 32),
  );
}

const VERSION = 'v1';

/** AES-256-GCM: a stolen copy of the database cannot read the authenticator secrets. */
export function encryptTotpSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey('totp-secret-encryption'), iv);
  const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    VERSION,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    encrypted.toString('base64url'),
  ].join('.');
}

export function decryptTotpSecret(stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== VERSION || !iv || !tag || !body)
    throw new Error('unrecognised encrypted TOTP secret');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    derivedKey('totp-secret-encryption'),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

// No 0/O, 1/I/L or U: codes are read off paper and typed on phones.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** "k7m2p-x9rtb": ten characters from a 30-letter alphabet, about 49 bits each. */
export function newRecoveryCode(): string {
  const chars = Array.from(
    { length: 10 },
    () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
  );
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What a person typed, with spaces, dashes and capitals forgiven. */
function normalizeRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function looksLikeRecoveryCode(typed: string): boolean {
  return normalizeRecoveryCode(typed).length === 10;
}

export function hashRecoveryCode(typed: string): string {
  return createHmac('sha256', derivedKey('recovery-code-hmac'))
    .update(normalizeRecoveryCode(typed))
    .digest('hex');
}
