import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, Immunization, Observation, OperationOutcome } from '@medplum/fhirtypes';
import { and, count, eq, sql } from 'drizzle-orm';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';

import { POST as postBundle } from '@/app/api/fhir/route';
import { POST as postToken } from '@/app/api/fhir/token/route';
import { disableIntegration, registerIntegration } from '@/app/staff/(office)/integrations/actions';
import { auditEvents, children, immunizations, integrationClients } from '@/db/schema';
import { env } from '@/lib/env';
import { disableIntegrationClient, registerIntegrationClient } from '@/lib/integrations/clients';

import { actAs, createStaffMember, openSession } from '../factories';
import { testDb } from '../setup/database';

const SAMPLE = path.resolve(
  'tests/fixtures/fhir-samples/sof-Junita_Labadie-fa8cdd1f-d2d8-476c-9247-b279dddd595d.json',
);
const sample = () => JSON.parse(readFileSync(SAMPLE, 'utf8')) as Bundle;
const tokenUrl = () => `${env().PUBLIC_URL}/api/fhir/token`;

interface Client {
  id: string;
  privateKey: CryptoKey;
  alg: 'RS384' | 'ES384';
}

async function registerClient(
  alg: 'RS384' | 'ES384',
  scopes: ('system/*.write' | 'system/*.read')[] = ['system/*.write'],
  pem = false,
): Promise<Client> {
  const admin = await createStaffMember(testDb(), ['admin']);
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const text = pem
    ? await exportSPKI(publicKey)
    : JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' }] });
  const { id } = await registerIntegrationClient(testDb(), admin.id, {
    name: `EHR ${alg}`,
    publicKey: text,
    scopes,
  });
  return { id, privateKey, alg };
}

function assertion(
  client: Client,
  overrides: { exp?: number; jti?: string; aud?: string; key?: CryptoKey } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: overrides.jti ?? crypto.randomUUID() })
    .setProtectedHeader({ alg: client.alg, kid: 'k1', typ: 'JWT' })
    .setIssuer(client.id)
    .setSubject(client.id)
    .setAudience(overrides.aud ?? tokenUrl())
    .setExpirationTime(overrides.exp ?? now + 240)
    .sign(overrides.key ?? client.privateKey);
}

async function requestToken(jwt: string, scope = 'system/*.write') {
  const response = await postToken(
    new Request('http://portal.test/api/fhir/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: jwt,
      }),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function tokenFor(client: Client, scope?: string) {
  const { status, body } = await requestToken(await assertion(client), scope);
  expect(status).toBe(200);
  return body.access_token as string;
}

async function post(token: string | null, body: string, contentType = 'application/fhir+json') {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await postBundle(
    new Request('http://portal.test/api/fhir', { method: 'POST', headers, body }),
  );
  return { status: response.status, body: (await response.json()) as Bundle | OperationOutcome };
}

const diagnostics = (body: Bundle | OperationOutcome) =>
  (body as OperationOutcome).issue?.[0]?.diagnostics ?? '';

async function refusals(clientId: string | null, action: string) {
  const rows = await testDb().select().from(auditEvents).where(eq(auditEvents.action, action));
  return rows
    .filter((row) => clientId === null || row.actorId === clientId)
    .map((row) => row.metadata.reason);
}

let client: Client;
let token: string;

beforeAll(async () => {
  client = await registerClient('RS384');
  token = await tokenFor(client);
});

describe('the token endpoint', () => {
  it('gives a short-lived token for a good RS384 or ES384 assertion, and from a PEM key', async () => {
    const { body } = await requestToken(await assertion(client));
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 300, scope: 'system/*.write' });
    const ec = await registerClient('ES384', ['system/*.write'], true);
    expect((await requestToken(await assertion(ec))).status).toBe(200);
  });

  it('refuses replayed, expired, wrongly signed, unknown, unscoped and disabled, each audited', async () => {
    const once = await assertion(client, { jti: 'only-once' });
    expect((await requestToken(once)).status).toBe(200);
    const replay = await requestToken(once);
    expect(replay).toMatchObject({
      status: 401,
      body: {
        error: 'invalid_client',
        resourceType: 'OperationOutcome',
        error_description: 'This client assertion was already used.',
      },
    });

    const expired = await requestToken(
      await assertion(client, { exp: Math.floor(Date.now() / 1000) - 600 }),
    );
    expect(expired).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(expired.body.error_description).toMatch(/expired/);

    const other = await generateKeyPair('RS384');
    const forged = await requestToken(await assertion(client, { key: other.privateKey }));
    expect(forged).toMatchObject({ status: 401 });
    expect(forged.body.error_description).toMatch(/not signed by a registered key/);

    const wrongAudience = await requestToken(await assertion(client, { aud: 'https://elsewhere' }));
    expect(wrongAudience.status).toBe(401);

    const stranger = { ...client, id: crypto.randomUUID() };
    expect(await requestToken(await assertion(stranger))).toMatchObject({
      status: 401,
      body: { error_description: 'Unknown client.' },
    });

    const readOnly = await registerClient('RS384', ['system/*.read']);
    expect(await requestToken(await assertion(readOnly), 'system/*.write')).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope' },
    });

    const soonDisabled = await registerClient('RS384');
    const itsToken = await tokenFor(soonDisabled);
    const admin = await createStaffMember(testDb(), ['admin']);
    await disableIntegrationClient(testDb(), admin.id, soonDisabled.id);
    expect((await requestToken(await assertion(soonDisabled))).body.error_description).toBe(
      'This client is disabled.',
    );
    // At once: the token it already holds stops working too.
    expect((await post(itsToken, JSON.stringify(sample()))).status).toBe(401);

    expect(await refusals(client.id, 'integration.token_refused')).toEqual(
      expect.arrayContaining([
        'assertion_replayed',
        'assertion_expired',
        'assertion_signature',
        'assertion_claims',
      ]),
    );
    expect(await refusals(readOnly.id, 'integration.token_refused')).toEqual(['scope_not_granted']);
    expect(await refusals(soonDisabled.id, 'integration.token_refused')).toEqual([
      'client_disabled',
    ]);
    expect(await refusals(null, 'integration.token_refused')).toContain('unknown_client');
    expect(await refusals(soonDisabled.id, 'integration.request_refused')).toEqual([
      'client_disabled',
    ]);
  });
});

describe('POST /api/fhir', () => {
  it('imports a transaction bundle and answers with a transaction-response', async () => {
    const { status, body } = await post(token, JSON.stringify(sample()));
    expect(status).toBe(200);
    const bundle = body as Bundle;
    expect(bundle.type).toBe('transaction-response');
    expect(bundle.entry).toHaveLength(sample().entry!.length);
    expect(bundle.entry![0]!.response!.status).toBe('201 Created');
    const [child] = await testDb()
      .select()
      .from(children)
      .where(eq(children.mrn, 'e9782bd2-ab34-4e18-945c-446bb8ee7d82'));
    const { value: doses } = (
      await testDb()
        .select({ value: count() })
        .from(immunizations)
        .where(eq(immunizations.childId, child!.id))
    )[0]!;
    expect(doses).toBe(23);
    const [imported] = await testDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'record.imported'), eq(auditEvents.childId, child!.id)));
    expect(imported).toMatchObject({ actorId: client.id, actorKind: 'system' });

    const again = await post(token, JSON.stringify(sample()));
    expect((again.body as Bundle).entry![0]!.response!.status).toBe('200 OK');
  });

  // On PostgreSQL the import thread writes the bundle (lib/fhir/import-threads.ts), so that the
  // request thread keeps serving pages; its connections say so in pg_stat_activity.
  it.skipIf(!process.env.DATABASE_URL)('writes on PostgreSQL from the import thread', async () => {
    const copy = JSON.stringify(sample()).replaceAll('e9782bd2-ab34', 'e9782bd2-0000');
    expect((await post(token, copy)).status).toBe(200);
    const connections = await testDb().execute<{ application_name: string }>(
      sql`select application_name from pg_stat_activity where datname = current_database()`,
    );
    const names = (connections as unknown as { application_name: string }[]).map(
      (row) => row.application_name,
    );
    expect(names).toContain('pediatric-portal fhir-import');
  });

  it('refuses a missing token and a token without the write scope', async () => {
    expect(await post(null, '{}')).toMatchObject({ status: 401 });
    const both = await registerClient('RS384', ['system/*.read', 'system/*.write']);
    const readToken = await tokenFor(both, 'system/*.read');
    const refused = await post(readToken, JSON.stringify(sample()));
    expect(refused.status).toBe(403);
    expect(diagnostics(refused.body)).toMatch(/needs the scope system\/\*\.write/);
  });

  it('answers hostile bodies with a 4xx OperationOutcome naming the problem, writing nothing', async () => {
    const countChildren = async () =>
      (await testDb().select({ value: count() }).from(children))[0]!.value;
    const before = await countChildren();
    const withMrn = (bundle: Bundle, mrn: string) => {
      const patient = bundle.entry!.find((e) => e.resource?.resourceType === 'Patient')!.resource!;
      (patient as { identifier: { value: string }[] }).identifier[1]!.value = mrn;
      return bundle;
    };
    const cases: [string, string, number, RegExp][] = [
      ['not JSON', '{"resourceType": "Bundle",', 400, /not valid JSON/],
      [
        'wrong type',
        JSON.stringify({ resourceType: 'Patient' }),
        400,
        /expected resourceType "Bundle"/,
      ],
      ['deeply nested', '['.repeat(100_000) + ']'.repeat(100_000), 400, /nested more than 64/],
    ];
    const unknownCvx = withMrn(sample(), 'HOSTILE-CVX');
    (
      unknownCvx.entry!.find((e) => e.resource?.resourceType === 'Immunization')!
        .resource as Immunization
    ).vaccineCode.coding![0]!.code = '998877';
    cases.push(['unknown CVX', JSON.stringify(unknownCvx), 422, /unknown CVX code "998877"/]);
    const unknownUnit = withMrn(sample(), 'HOSTILE-UNIT');
    const weight = unknownUnit.entry!.find((e) =>
      (e.resource as Observation | undefined)?.code?.coding?.some((c) => c.code === '29463-7'),
    )!.resource as Observation;
    weight.valueQuantity = { value: 12, unit: 'stone', code: 'stone' };
    cases.push([
      'unknown unit',
      JSON.stringify(unknownUnit),
      422,
      /unknown unit "stone" for weight/,
    ]);
    const future = withMrn(sample(), 'HOSTILE-FUTURE');
    (
      future.entry!.find((e) => e.resource?.resourceType === 'Immunization')!
        .resource as Immunization
    ).occurrenceDateTime = '2099-01-01T10:00:00Z';
    cases.push([
      'future date',
      JSON.stringify(future),
      422,
      /administeredOn 2099-01-01 is in the future/,
    ]);

    for (const [name, body, status, message] of cases) {
      const reply = await post(token, body);
      expect(reply.status, name).toBe(status);
      expect(reply.body.resourceType, name).toBe('OperationOutcome');
      expect(diagnostics(reply.body), name).toMatch(message);
    }
    expect((await post(token, '{}', 'text/plain')).status).toBe(415);
    expect(await countChildren()).toBe(before);
  });

  it('refuses a 20 MB body with 413 before reading it', async () => {
    const big = 'x'.repeat(20 * 1024 * 1024);
    const reply = await post(token, big);
    expect(reply.status).toBe(413);
    expect(diagnostics(reply.body)).toMatch(/larger than 10 MB/);
  });
});

describe('registering a client at /staff/integrations', () => {
  it('keeps only the public key, and refuses a private key with a message at the field', async () => {
    actAs(await openSession(testDb(), await createStaffMember(testDb(), ['admin'])));
    const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
    const refused = await registerIntegration({
      name: 'Careless EHR',
      publicKey: JSON.stringify(await exportJWK(privateKey)),
      scopes: ['system/*.write'],
    });
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { publicKey: expect.stringMatching(/private key/) },
    });
    const registered = await registerIntegration({
      name: 'Office EHR',
      publicKey: await exportSPKI(publicKey),
      scopes: ['system/*.write'],
    });
    if (!registered.ok) throw new Error(JSON.stringify(registered));
    const [row] = await testDb()
      .select()
      .from(integrationClients)
      .where(eq(integrationClients.id, registered.data.clientId));
    expect(row!.jwks.keys).toHaveLength(1);
    expect(row!.jwks.keys[0]).not.toHaveProperty('d');
    expect(row!.jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-384', alg: 'ES384' });
    expect(await disableIntegration({ clientId: registered.data.clientId })).toMatchObject({
      ok: true,
    });
    expect(await disableIntegration({ clientId: registered.data.clientId })).toMatchObject({
      ok: false,
    });
  });
});
