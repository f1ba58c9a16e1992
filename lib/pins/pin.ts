import 'server-only';

import { createHmac, randomInt } from 'node:crypto';

import { secret } from '@/lib/secrets';

import { PIN_ALPHABET, PIN_LENGTH } from './pin-format';

export { PIN_ALPHABET };
/** 10 × log2(31) ≈ 49.5 bits. */
export const PIN_ENTROPY_BITS = PIN_LENGTH * Math.log2(PIN_ALPHABET.length);

export function generatePin(): string {
  let pin = '';
  // randomInt draws without modulo bias.
  for (let i = 0; i < PIN_LENGTH; i += 1) pin += PIN_ALPHABET[randomInt(PIN_ALPHABET.length)];
  return pin;
}

/** "K7M4Q9XR2T" → "K7M4Q-9XR2T", as printed on the letter. */
export function formatPin(pin: string): string {
  return `${pin.slice(0, 5)}-${pin.slice(5)}`;
}

/** What a parent typed, forgiving case, spaces and the dash. */
export function normalizePin(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** Only this is stored. A keyed hash: without the secret, the table cannot be searched by brute force. */
export function pinHmac(normalizedPin: string): string {
  return createHmac('sha256', secret('PIN_HMAC_SECRET')).update(normalizedPin).digest('hex');
}
