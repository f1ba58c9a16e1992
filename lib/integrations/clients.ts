import 'server-only';

import { and, desc, eq, isNull } from 'drizzle-orm';
import { exportJWK, importJWK, importSPKI, type JWK } from 'jose';

import type { Db } from '@/db';
import { integrationClients, type PublicJwks } from '@/db/schema';
import { AppError } from '@/lib/errors';

import type { RegisterIntegration } from './schemas';

/** The signing algorithms SMART Backend Services requires a server to support. */
export const assertionAlgorithms = ['RS384', 'ES384'] as const;

/** `message` is a catalog key under errors (the reader's language), with its values. */
const invalidKey = (message: string, values?: Record<string, string>) =>
  new AppError('invalid', 'errors.correctFields', {
    fieldErrors: { publicKey: message },
    values,
  });

function algorithmFor(jwk: JWK): (typeof assertionAlgorithms)[number] {
  if (jwk.kty === 'RSA') return 'RS384';
  if (jwk.kty === 'EC' && jwk.crv === 'P-384') return 'ES384';
  throw invalidKey('errors.integrationKeyType');
}

/** Keeps only public members: a pasted private key must never be stored. */
async function publicJwk(jwk: JWK): Promise<JWK> {
  if ('d' in jwk || 'p' in jwk) throw invalidKey('errors.integrationPrivateKey');
  const alg = algorithmFor(jwk);
  if (jwk.alg && jwk.alg !== alg)
    throw invalidKey('errors.integrationKeyAlgorithm', { alg: jwk.alg });
  let key;
  try {
    key = await importJWK({ ...jwk, alg }, alg);
  } catch {
    throw invalidKey('errors.integrationKeyUnreadable');
  }
  const exported = await exportJWK(key);
  if (jwk.kty === 'RSA' && Buffer.from(exported.n ?? '', 'base64url').length * 8 < 2048)
    throw invalidKey('errors.integrationKeyTooShort');
  return { ...exported, alg, use: 'sig', ...(jwk.kid ? { kid: jwk.kid } : {}) };
}

/** Accepts a JWKS, a single JWK, or a PEM public key, and returns the JWKS to keep. */
async function parsePublicKeys(text: string): Promise<PublicJwks> {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    if (/PRIVATE KEY/.test(trimmed)) throw invalidKey('errors.integrationPrivateKey');
    for (const alg of assertionAlgorithms) {
      try {
        const key = await importSPKI(trimmed, alg, { extractable: true });
        return { keys: [await publicJwk(await exportJWK(key))] };
      } catch (error) {
        if (error instanceof AppError) throw error;
      }
    }
    throw invalidKey('errors.integrationPemType');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw invalidKey('errors.integrationKeyFormat');
  }
  const isObject = (value: unknown): value is JWK =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(parsed)) throw invalidKey('errors.integrationKeyFormat');
  const keys = (parsed as { keys?: unknown }).keys ?? [parsed];
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > 10 || !keys.every(isObject))
    throw invalidKey('errors.integrationKeyCount');
  return { keys: await Promise.all(keys.map((key) => publicJwk(key as JWK))) };
}

export async function registerIntegrationClient(
  db: Db,
  adminId: string,
  input: RegisterIntegration,
) {
  const jwks = await parsePublicKeys(input.publicKey);
  const [client] = await db
    .insert(integrationClients)
    .values({ name: input.name, jwks, scopes: input.scopes, createdBy: adminId })
    .returning({ id: integrationClients.id });
  if (!client) throw new Error('integration client insert returned no row');
  return client;
}

/** Takes effect at once: tokens are checked against the client on every call. */
export async function disableIntegrationClient(
  db: Db,
  adminId: string,
  clientId: string,
  now = new Date(),
) {
  const disabled = await db
    .update(integrationClients)
    .set({ disabledAt: now, disabledBy: adminId })
    .where(and(eq(integrationClients.id, clientId), isNull(integrationClients.disabledAt)))
    .returning({ id: integrationClients.id });
  // Already disabled or never there: one answer, as for any id the caller cannot act on.
  if (!disabled[0]) throw new AppError('not_found');
}

export async function listIntegrationClients(db: Db) {
  const rows = await db
    .select({
      id: integrationClients.id,
      name: integrationClients.name,
      scopes: integrationClients.scopes,
      createdAt: integrationClients.createdAt,
      disabledAt: integrationClients.disabledAt,
      jwks: integrationClients.jwks,
    })
    .from(integrationClients)
    .orderBy(desc(integrationClients.createdAt));
  return rows.map(({ jwks, ...row }) => ({
    ...row,
    keys: jwks.keys.map((key) => `${String(key.alg)}${key.kid ? ` (${String(key.kid)})` : ''}`),
  }));
}
