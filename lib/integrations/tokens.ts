import 'server-only';

import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import {
  decodeJwt,
  errors,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
} from 'jose';

import type { Database } from '@/db';
import {
  integrationAssertions,
  integrationClients,
  integrationTokens,
  type PublicJwks,
} from '@/db/schema';
import type { Actor, RequestMeta } from '@/lib/audit/events';
import { recordAuditEvent } from '@/lib/audit/record';
import { auditedTransaction } from '@/lib/audit/transaction';
import type { IntegrationScope } from '@/lib/integrations/vocabulary';

import { assertionAlgorithms } from './clients';

const ACCESS_TOKEN_SECONDS = 300;
/** SMART: an assertion may live five minutes at most. */
const MAX_ASSERTION_SECONDS = 300;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export const integrationActor = (clientId: string | null): Actor => ({
  id: clientId,
  kind: 'system',
  role: 'integration',
});

/** A refusal in OAuth's words (RFC 6749 §5.2), with the HTTP status it takes. */
interface Refusal {
  status: 400 | 401 | 403;
  error:
    | 'invalid_request'
    | 'invalid_client'
    | 'invalid_scope'
    | 'unsupported_grant_type'
    | 'invalid_token'
    | 'insufficient_scope';
  description: string;
  /** A short code for the audit trail. */
  reason: string;
}

const refuse = (
  status: Refusal['status'],
  error: Refusal['error'],
  reason: string,
  description: string,
): Refusal => ({
  status,
  error,
  reason,
  description,
});

/**
 * The registered key for an assertion: the one with its kid, else one registered without a kid
 * (a PEM key has none, and the client cannot know what we would have called it).
 */
function keyFrom(jwks: PublicJwks) {
  return async (header: JWTHeaderParameters) => {
    const keys = jwks.keys as JWK[];
    const sameAlg = keys.filter((key) => key.alg === header.alg);
    const key =
      sameAlg.find((candidate) => header.kid !== undefined && candidate.kid === header.kid) ??
      sameAlg.find((candidate) => candidate.kid === undefined);
    if (!key) throw new errors.JWKSNoMatchingKey();
    return importJWK(key, header.alg);
  };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface TokenRequest {
  grantType: string | null;
  scope: string | null;
  assertionType: string | null;
  assertion: string | null;
}

export type TokenResult =
  | { ok: true; accessToken: string; expiresIn: number; scope: string }
  | { ok: false; refusal: Refusal };

async function audited(
  db: Database,
  clientId: string | null,
  meta: RequestMeta,
  refusal: Refusal,
): Promise<TokenResult> {
  await recordAuditEvent(db, integrationActor(clientId), meta, {
    action: 'integration.token_refused',
    outcome: 'denied',
    targetType: 'integration_client',
    targetId: clientId,
    metadata: { reason: refusal.reason },
  });
  return { ok: false, refusal };
}

/**
 * SMART Backend Services token endpoint: client_credentials with a private_key_jwt assertion,
 * signed RS384 or ES384 by a key the admin registered. Each assertion works once.
 */
export async function issueAccessToken(
  db: Database,
  request: TokenRequest,
  options: { tokenUrl: string; meta: RequestMeta; now?: Date },
): Promise<TokenResult> {
  const now = options.now ?? new Date();
  const { meta } = options;
  if (request.grantType !== 'client_credentials')
    return audited(
      db,
      null,
      meta,
      refuse(400, 'unsupported_grant_type', 'grant_type', 'grant_type must be client_credentials.'),
    );
  if (request.assertionType !== ASSERTION_TYPE || !request.assertion)
    return audited(
      db,
      null,
      meta,
      refuse(
        400,
        'invalid_request',
        'assertion_missing',
        `client_assertion_type must be ${ASSERTION_TYPE}, with a client_assertion.`,
      ),
    );
  let claims: JWTPayload;
  try {
    claims = decodeJwt(request.assertion);
  } catch {
    return audited(
      db,
      null,
      meta,
      refuse(400, 'invalid_request', 'assertion_malformed', 'client_assertion is not a JWT.'),
    );
  }
  const clientId =
    typeof claims.sub === 'string' && /^[0-9a-f-]{36}$/i.test(claims.sub) ? claims.sub : null;
  const [client] = clientId
    ? await db.select().from(integrationClients).where(eq(integrationClients.id, clientId))
    : [];
  if (!client || !clientId)
    return audited(
      db,
      null,
      meta,
      refuse(401, 'invalid_client', 'unknown_client', 'Unknown client.'),
    );
  if (client.disabledAt)
    return audited(
      db,
      clientId,
      meta,
      refuse(401, 'invalid_client', 'client_disabled', 'This client is disabled.'),
    );

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(request.assertion, keyFrom(client.jwks), {
      algorithms: [...assertionAlgorithms],
      issuer: clientId,
      subject: clientId,
      audience: options.tokenUrl,
      currentDate: now,
      requiredClaims: ['exp', 'jti'],
    }));
  } catch (error) {
    const expired = error instanceof errors.JWTExpired;
    const claim = error instanceof errors.JWTClaimValidationFailed;
    return audited(
      db,
      clientId,
      meta,
      expired
        ? refuse(401, 'invalid_client', 'assertion_expired', 'The client assertion has expired.')
        : claim
          ? refuse(
              401,
              'invalid_client',
              'assertion_claims',
              `The client assertion's ${error.claim} claim is wrong.`,
            )
          : refuse(
              401,
              'invalid_client',
              'assertion_signature',
              'The client assertion is not signed by a registered key.',
            ),
    );
  }
  const expiresAt = new Date((payload.exp ?? 0) * 1000);
  if (expiresAt.getTime() - now.getTime() > MAX_ASSERTION_SECONDS * 1000 + 60_000)
    return audited(
      db,
      clientId,
      meta,
      refuse(
        401,
        'invalid_client',
        'assertion_lifetime',
        'The client assertion may live five minutes at most.',
      ),
    );

  const requested = (request.scope ?? '').split(/\s+/).filter(Boolean);
  if (requested.length === 0)
    return audited(
      db,
      clientId,
      meta,
      refuse(400, 'invalid_scope', 'scope_missing', 'Ask for a scope, such as system/*.write.'),
    );
  const missing = requested.filter((scope) => !client.scopes.includes(scope));
  if (missing.length > 0)
    return audited(
      db,
      clientId,
      meta,
      refuse(
        400,
        'invalid_scope',
        'scope_not_granted',
        `This client may not have: ${missing.join(' ').slice(0, 200)}.`,
      ),
    );

  const accessToken = randomBytes(32).toString('base64url');
  // The jti is claimed in the same statement that would fail on a replay: two racing requests
  // with one assertion cannot both get a token.
  const issued = await auditedTransaction(
    db,
    integrationActor(clientId),
    meta,
    async ({ tx, audit }) => {
      const claimed = await tx
        .insert(integrationAssertions)
        .values({ clientId, jti: String(payload.jti).slice(0, 200), expiresAt })
        .onConflictDoNothing()
        .returning({ id: integrationAssertions.id });
      if (claimed.length === 0) return false;
      await tx.insert(integrationTokens).values({
        clientId,
        tokenHash: hashToken(accessToken),
        scopes: requested,
        issuedAt: now,
        expiresAt: new Date(now.getTime() + ACCESS_TOKEN_SECONDS * 1000),
      });
      await audit({
        action: 'integration.token_issued',
        targetType: 'integration_client',
        targetId: clientId,
        metadata: { scopes: requested },
      });
      return true;
    },
  );
  if (!issued)
    return audited(
      db,
      clientId,
      meta,
      refuse(
        401,
        'invalid_client',
        'assertion_replayed',
        'This client assertion was already used.',
      ),
    );
  return { ok: true, accessToken, expiresIn: ACCESS_TOKEN_SECONDS, scope: requested.join(' ') };
}

export type BearerResult = { ok: true; clientId: string } | { ok: false; refusal: Refusal };

/** Checks a bearer token on every call, against a client that is still enabled. */
export async function authenticateBearer(
  db: Database,
  authorization: string | null,
  needed: IntegrationScope,
  meta: RequestMeta,
  now = new Date(),
): Promise<BearerResult> {
  const token = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/i.exec(authorization ?? '')?.[1];
  const [row] = token
    ? await db
        .select({
          clientId: integrationTokens.clientId,
          scopes: integrationTokens.scopes,
          disabledAt: integrationClients.disabledAt,
        })
        .from(integrationTokens)
        .innerJoin(integrationClients, eq(integrationClients.id, integrationTokens.clientId))
        .where(
          and(
            eq(integrationTokens.tokenHash, hashToken(token)),
            gt(integrationTokens.expiresAt, now),
          ),
        )
    : [];
  let refusal: Refusal | null = null;
  if (!row || row.disabledAt)
    refusal = refuse(
      401,
      'invalid_token',
      row ? 'client_disabled' : 'token_invalid',
      'The access token is missing, expired or revoked. Get a new one from /api/fhir/token.',
    );
  else if (!row.scopes.includes(needed))
    refusal = refuse(
      403,
      'insufficient_scope',
      'scope_missing',
      `This call needs the scope ${needed}.`,
    );
  if (!refusal && row) return { ok: true, clientId: row.clientId };
  await recordAuditEvent(db, integrationActor(row?.clientId ?? null), meta, {
    action: 'integration.request_refused',
    outcome: 'denied',
    targetType: 'integration_client',
    targetId: row?.clientId ?? null,
    metadata: { reason: refusal!.reason },
  });
  return { ok: false, refusal: refusal! };
}
