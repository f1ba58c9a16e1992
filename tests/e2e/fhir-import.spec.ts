import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

import { demoAdmin, signInStaff } from './helpers';

const SAMPLE = path.resolve(
  'tests/fixtures/fhir-samples/sof-Junita_Labadie-fa8cdd1f-d2d8-476c-9247-b279dddd595d.json',
);

/** The sample with every UUID (ids, references, the MRN) replaced, so each run is a new child. */
async function freshSample(): Promise<string> {
  const fresh = new Map<string, string>();
  return (await readFile(SAMPLE, 'utf8')).replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
    (uuid) => {
      const key = uuid.toLowerCase();
      if (!fresh.has(key)) fresh.set(key, randomUUID());
      return fresh.get(key)!;
    },
  );
}

/** SMART Backend Services: a signed assertion for the token endpoint (private_key_jwt). */
async function requestToken(
  request: APIRequestContext,
  baseURL: string,
  clientId: string,
  privateKey: CryptoKey,
) {
  const tokenUrl = `${baseURL}/api/fhir/token`;
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES384', kid: 'e2e', typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setExpirationTime(Math.floor(Date.now() / 1000) + 240)
    .sign(privateKey);
  const response = await request.post('/api/fhir/token', {
    form: {
      grant_type: 'client_credentials',
      scope: 'system/*.write',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const postBundle = (request: APIRequestContext, token: string, body: string) =>
  request.post('/api/fhir', {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
    data: body,
  });

test('an admin connects an EHR, its bundle becomes a chart with its provenance, and disabling it ends its access', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'e2e' }] });
  const name = `Practice EHR ${randomUUID().slice(0, 8)}`;

  await signInStaff(page, demoAdmin);
  await page.goto('/staff/integrations');
  const form = page.getByRole('form', { name: 'Connect a health record system' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Public key').fill(jwks);
  await form.getByRole('button', { name: 'Connect' }).click();
  const shown = form.getByRole('status').filter({ hasText: 'Give the system this client ID' });
  await expect(shown).toBeVisible();
  const clientId = (await shown.locator('code').textContent())?.trim() ?? '';
  expect(clientId).toMatch(/^[0-9a-f-]{36}$/);

  const token = await requestToken(request, baseURL!, clientId, privateKey);
  const response = await postBundle(request, token, await freshSample());
  expect(response.status()).toBe(200);
  const reply = (await response.json()) as {
    resourceType: string;
    entry: { response: { status: string; location?: string } }[];
  };
  expect(reply.resourceType).toBe('Bundle');
  const created = reply.entry.find((entry) => entry.response.status === '201 Created');
  const childId = created?.response.location?.replace(/^Patient\//, '') ?? '';
  expect(childId).toMatch(/^[0-9a-f-]{36}$/);

  await page.goto(`/staff/patients/${childId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Labadie, Junita' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Health record' })).toBeVisible();
  await expect(
    page.getByText(/From the office’s health record system, last updated/).first(),
  ).toBeVisible();

  await page.goto('/staff/integrations');
  await page.getByRole('button', { name: `Disable ${name}` }).click();
  // The list drawn anew with the answer says so for good; the button and its passing "Disabled."
  // note go with it (a disabled system has nothing left to disable), sometimes before it shows.
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: name })
      .getByText(/^Disabled [A-Z][a-z]+ \d{1,2}, \d{4}$/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: `Disable ${name}` })).toHaveCount(0);

  // The token was good a moment ago; the client behind it is what counts, on every call.
  const refused = await postBundle(request, token, await freshSample());
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { resourceType: string }).resourceType).toBe(
    'OperationOutcome',
  );
});
