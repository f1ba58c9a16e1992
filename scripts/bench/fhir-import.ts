import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

import type { Database } from '@/db';
import { registerIntegrationClient } from '@/lib/integrations/clients';

import { fhirPatientFactory } from './fhir-patients';
import { memorySeries, percentile, type RequestSpec } from './load';

/**
 * The import case: patients made from the Synthea samples (fresh ids and MRNs) posted to
 * /api/fhir the way an EHR does it (a registered client, a token from a signed assertion), into
 * the large practice, while parent and staff pages are timed against their calm values.
 */

interface ImportCaseOptions {
  origin: string;
  db: Database;
  /** An administrator's id: registers the integration client, as at /staff/integrations. */
  adminId: string;
  /** The portal's process group, for its memory across the run. */
  serverGroup: number;
  patients: number;
  perBundle: number;
  /** Bundles in flight at once. */
  posters: number;
  /** Pages timed calm and during the import. */
  pages: { key: string; title: string; next: () => RequestSpec }[];
  /** Connections per page while timing it. */
  pageConnections: number;
  calmSeconds: number;
}

interface PageDuringImport {
  key: string;
  title: string;
  calm: { requests: number; p50: number; p95: number; errors: number };
  during: { requests: number; p50: number; p95: number; errors: number };
  ratio: number;
}

export interface ImportCaseResult {
  patients: number;
  perBundle: number;
  posters: number;
  seconds: number;
  patientsPerSecond: number;
  created: number;
  failedBundles: number;
  /** Resident memory of the portal's processes, MB: before, in the first and last tenth, peak. */
  memory: { beforeMb: number; firstTenthMb: number; lastTenthMb: number; peakMb: number };
  pages: PageDuringImport[];
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function integrationClient(options: ImportCaseOptions) {
  const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench' }] };
  const { id } = await registerIntegrationClient(options.db, options.adminId, {
    name: `Benchmark EHR ${randomUUID().slice(0, 8)}`,
    publicKey: JSON.stringify(jwks),
    scopes: ['system/*.write'],
  });
  return { id, privateKey };
}

/** A token from the token endpoint: a signed assertion, as SMART Backend Services asks. */
async function accessToken(origin: string, client: { id: string; privateKey: CryptoKey }) {
  const tokenUrl = `${origin}/api/fhir/token`;
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES384', kid: 'bench', typ: 'JWT' })
    .setIssuer(client.id)
    .setSubject(client.id)
    .setAudience(tokenUrl)
    .setExpirationTime(now + 240)
    .sign(client.privateKey);
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'system/*.write',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number };
  if (!response.ok || !body.access_token)
    throw new Error(`the token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
  return { token: body.access_token, renewAt: Date.now() + ((body.expires_in ?? 300) - 60) * 1000 };
}

/** Requests one page after another on `connections` loops until stopped; keeps every latency. */
function timePage(origin: string, next: () => RequestSpec, connections: number) {
  const latencies: number[] = [];
  let errors = 0;
  let running = true;
  const loops = Array.from({ length: connections }, async () => {
    while (running) {
      const spec = next();
      const started = performance.now();
      try {
        const response = await fetch(`${origin}${spec.path}`, {
          method: spec.method ?? 'GET',
          headers: spec.headers,
          body: spec.body,
          redirect: 'manual',
        });
        await response.arrayBuffer();
        if (response.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      errors,
    };
  };
}

export async function runImportCase(options: ImportCaseOptions): Promise<ImportCaseResult> {
  const { origin } = options;
  const factory = fhirPatientFactory();
  const client = await integrationClient(options);
  let token = await accessToken(origin, client);

  // Calm: each page alone against the idle portal.
  const calm = new Map<string, Awaited<ReturnType<ReturnType<typeof timePage>>>>();
  for (const page of options.pages) {
    const stop = timePage(origin, page.next, options.pageConnections);
    await new Promise((resolve) => setTimeout(resolve, options.calmSeconds * 1000));
    calm.set(page.key, await stop());
  }

  const before = memorySeries(options.serverGroup, 500);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const beforeBytes = before.stop().at(-1) ?? 0;

  // During: every page timed at once (their own loops), while the posters send the patients.
  const stops = options.pages.map((page) => ({
    page,
    stop: timePage(origin, page.next, options.pageConnections),
  }));
  const memory = memorySeries(options.serverGroup, 500);
  const bundles = Math.ceil(options.patients / options.perBundle);
  let nextBundle = 0;
  let created = 0;
  let failedBundles = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.posters }, async () => {
      for (;;) {
        const index = nextBundle++;
        if (index >= bundles) return;
        const count = Math.min(options.perBundle, options.patients - index * options.perBundle);
        const body = factory.bundle(count);
        if (Date.now() > token.renewAt) token = await accessToken(origin, client);
        const response = await fetch(`${origin}/api/fhir`, {
          method: 'POST',
          headers: {
            'content-type': 'application/fhir+json',
            authorization: `Bearer ${token.token}`,
          },
          body,
        });
        const reply = (await response.json()) as {
          entry?: { response?: { status?: string; location?: string } }[];
        };
        if (response.status !== 200) {
          failedBundles++;
          continue;
        }
        created += (reply.entry ?? []).filter(
          (entry) =>
            entry.response?.status === '201 Created' &&
            entry.response.location?.startsWith('Patient/'),
        ).length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const series = memory.stop();
  const pages: PageDuringImport[] = [];
  for (const { page, stop } of stops) {
    const during = await stop();
    const quiet = calm.get(page.key)!;
    pages.push({
      key: page.key,
      title: page.title,
      calm: quiet,
      during,
      ratio: during.p95 / Math.max(1, quiet.p95),
    });
  }
  const tenth = Math.max(1, Math.floor(series.length / 10));
  const average = (values: number[]) =>
    values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return {
    patients: options.patients,
    perBundle: options.perBundle,
    posters: options.posters,
    seconds,
    patientsPerSecond: created / seconds,
    created,
    failedBundles,
    memory: {
      beforeMb: mb(beforeBytes),
      firstTenthMb: mb(average(series.slice(0, tenth))),
      lastTenthMb: mb(average(series.slice(-tenth))),
      peakMb: mb(Math.max(0, ...series)),
    },
    pages,
  };
}
