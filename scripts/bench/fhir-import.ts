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
 *
 * Each page is compared with itself under the same page load, with and without the import, in
 * two ways: timed by itself (calm, then during the import, one page after the other), and timed
 * with every other page at once (calm, then for the rest of the import). Comparing a page timed
 * together with the others during the import against the same page timed alone when calm would
 * count the pages' load on one another as the import's.
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
  /** How long each timing window lasts (each page alone, then all together). */
  calmSeconds: number;
}

interface PageTiming {
  requests: number;
  p50: number;
  p95: number;
  errors: number;
}

/** One way of timing a page, calm and during the import (`during` null: the import ended first). */
export interface PageComparison {
  calm: PageTiming;
  during: PageTiming | null;
  /** p95 during ÷ p95 calm: what the import adds; null without a timing during it. */
  ratio: number | null;
}

interface PageDuringImport {
  key: string;
  title: string;
  /** The page timed by itself. */
  alone: PageComparison;
  /** The page timed while every other page is timed too. */
  together: PageComparison;
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
function timePage(
  origin: string,
  next: () => RequestSpec,
  connections: number,
): () => Promise<PageTiming> {
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

const wait = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

const compare = (calm: PageTiming, during: PageTiming | null): PageComparison => ({
  calm,
  during,
  ratio: during && during.requests > 0 ? during.p95 / Math.max(1, calm.p95) : null,
});

export async function runImportCase(options: ImportCaseOptions): Promise<ImportCaseResult> {
  const { origin, pages: timedPages, pageConnections } = options;
  const factory = fhirPatientFactory();
  const client = await integrationClient(options);
  let token = await accessToken(origin, client);
  const timeAll = () =>
    timedPages.map((page) => ({ page, stop: timePage(origin, page.next, pageConnections) }));

  // Calm: each page by itself, then every page at once, against the idle portal.
  const calmAlone = new Map<string, PageTiming>();
  for (const page of timedPages) {
    const stop = timePage(origin, page.next, pageConnections);
    await wait(options.calmSeconds);
    calmAlone.set(page.key, await stop());
  }
  const calmTogether = new Map<string, PageTiming>();
  const calmStops = timeAll();
  await wait(options.calmSeconds);
  for (const { page, stop } of calmStops) calmTogether.set(page.key, await stop());

  const before = memorySeries(options.serverGroup, 500);
  await wait(0.5);
  const beforeBytes = before.stop().at(-1) ?? 0;

  const memory = memorySeries(options.serverGroup, 500);
  const bundles = Math.ceil(options.patients / options.perBundle);
  let nextBundle = 0;
  let created = 0;
  let failedBundles = 0;
  let importing = true;
  const started = performance.now();
  const posting = Promise.all(
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
  ).then(() => {
    importing = false;
  });

  // During: each page by itself, one after the other, then every page at once until the import
  // ends. A window the import cuts short is kept if it has any request; one that never starts
  // (a small import) is null.
  const duringAlone = new Map<string, PageTiming | null>();
  for (const page of timedPages) {
    if (!importing) {
      duringAlone.set(page.key, null);
      continue;
    }
    const stop = timePage(origin, page.next, pageConnections);
    await Promise.race([wait(options.calmSeconds), posting]);
    duringAlone.set(page.key, await stop());
  }
  const duringStops = importing ? timeAll() : [];
  await posting;
  const seconds = (performance.now() - started) / 1000;
  const series = memory.stop();
  const duringTogether = new Map<string, PageTiming>();
  for (const { page, stop } of duringStops) duringTogether.set(page.key, await stop());

  const pages: PageDuringImport[] = timedPages.map((page) => ({
    key: page.key,
    title: page.title,
    alone: compare(calmAlone.get(page.key)!, duringAlone.get(page.key) ?? null),
    together: compare(calmTogether.get(page.key)!, duringTogether.get(page.key) ?? null),
  }));
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
