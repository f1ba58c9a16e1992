import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import postgres from 'postgres';

import { demoParent } from './helpers';
import {
  createScratchPostgres,
  postgresServerBinariesAvailable,
  startPortal,
  stopPortal,
  type ScratchPostgres,
} from './scratch-postgres';

/**
 * The database misbehaving under a running production server: PostgreSQL restarted while
 * parents use the portal, and every connection slot taken. Both run against a PostgreSQL of
 * their own (tests/e2e/scratch-postgres.ts), never the shared one. Also here, because they need
 * a server started with settings of their own: production refuses to start without its secrets,
 * and over HTTPS its cookies are Secure.
 */
const base = Number(process.env.E2E_PORT ?? 3100);
const appPort = base + 5;
const app = `http://127.0.0.1:${appPort}`;
// Below Linux's ephemeral range (32768–60999): a port in it can be the source port of one of
// the many connections the other tests open at that moment, and PostgreSQL then cannot listen
// on it (a CI run failed so on 54100, "Address already in use").
const pgPort = 25_000 + (base % 1000);
const MAX_CONNECTIONS = 20;

const secrets = () => ({
  AUTH_SECRET: randomBytes(32).toString('base64url'),
  PIN_HMAC_SECRET: randomBytes(32).toString('base64url'),
  TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
});

let cluster: ScratchPostgres | undefined;
let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
const figures: Record<string, unknown> = {};

test.describe.configure({ mode: 'serial' });
// In CI the server package is always there; elsewhere, say what is missing instead of failing.
test.skip(
  !postgresServerBinariesAvailable() && process.env.CI !== 'true',
  "needs PostgreSQL's initdb and pg_ctl (the server package) to start a throwaway PostgreSQL",
);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = createScratchPostgres(pgPort, { max_connections: MAX_CONNECTIONS });
  const databaseUrl = cluster.url('portal_faults');
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/e2e-prepare.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'pipe',
  });
  portal = await startPortal(appPort, {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    ...secrets(),
    // Served over plain HTTP here, but configured as the HTTPS site it would be in production.
    PUBLIC_URL: `https://127.0.0.1:${appPort}`,
    DB_POOL_MAX: '5',
    DB_CONNECT_TIMEOUT_SECONDS: '2',
    LOG_LEVEL: 'error',
  });
});

test.afterAll(() => {
  stopPortal(portal);
  cluster?.remove();
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/database-faults.json', `${JSON.stringify(figures, null, 2)}\n`);
});

test('production refuses to start without its secrets and database, and names each one', async () => {
  test.setTimeout(90_000);
  const bare = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !/^(DATABASE_URL|AUTH_SECRET|PIN_HMAC_SECRET|TOTP_ENCRYPTION_KEY|PUBLIC_URL)$/.test(key),
    ),
  );
  const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
    const server = spawn(
      process.execPath,
      ['server.mjs', '-p', String(appPort + 1), '-H', '127.0.0.1'],
      {
        env: { ...bare, NODE_ENV: 'production' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let text = '';
    server.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const timer = setTimeout(() => server.kill('SIGKILL'), 60_000);
    server.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, text });
    });
  });
  expect(output.code).not.toBe(0);
  for (const name of ['AUTH_SECRET', 'PIN_HMAC_SECRET', 'TOTP_ENCRYPTION_KEY', 'DATABASE_URL'])
    expect(output.text).toContain(name);
});

test('over HTTPS the session cookie is Secure, and every answer carries HSTS', async ({ page }) => {
  const response = await page.goto(`${app}/login`);
  expect(response?.headers()['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  await signInDemoParent(page);
  const session = (await page.context().cookies()).find((cookie) =>
    cookie.name.includes('session-token'),
  );
  expect(session).toMatchObject({
    name: expect.stringMatching(/^__Secure-/),
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
  });
});

async function signInDemoParent(page: Page) {
  await page.goto(`${app}/login`);
  await page.getByLabel('User ID or email').fill(demoParent.userId);
  await page.getByLabel('Password', { exact: true }).fill(demoParent.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${app}/dashboard`);
}

interface Sample {
  at: number;
  status: number;
  ms: number;
}

/** A signed-in parent opening their child's record, `lanes` at a time, until `until()` says stop. */
async function load(
  request: APIRequestContext,
  path: string,
  lanes: number,
  until: () => boolean,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (!until()) {
        const started = Date.now();
        let status = 0;
        try {
          status = (await request.get(`${app}${path}`, { timeout: 10_000 })).status();
        } catch {
          status = -1;
        }
        samples.push({ at: started, status, ms: Date.now() - started });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }),
  );
  return samples.sort((a, b) => a.at - b.at);
}

test('PostgreSQL restarted under load: 503 while it is down, then back by itself within 10 seconds', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInDemoParent(page);

  // Every opening of a child's record is an audited view: the "nothing lost" check below counts them.
  const database = postgres(cluster!.url('portal_faults'), { max: 1, onnotice: () => {} });
  const [maya] = await database`select id from children where mrn = 'DEMO-0001'`;
  const [parent] = await database`select id from users where user_id = ${demoParent.userId}`;
  const [{ last } = { last: 0 }] = await database<
    { last: string }[]
  >`select coalesce(max(id), 0)::bigint as last from audit_events`;
  let stopAt = Number.POSITIVE_INFINITY;
  const loading = load(page.request, `/children/${String(maya!.id)}`, 4, () => Date.now() > stopAt);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const downAt = Date.now();
  cluster!.stop();
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  cluster!.start();
  const upAt = Date.now();
  stopAt = upAt + 15_000;
  const samples = await loading;

  const before = samples.filter((sample) => sample.at + sample.ms < downAt);
  const during = samples.filter(
    (sample) => sample.at > downAt + 500 && sample.at + sample.ms < upAt,
  );
  const firstBack = samples.find((sample) => sample.at >= upAt && sample.status === 200);
  expect(before.length).toBeGreaterThan(0);
  expect(before.every((sample) => sample.status === 200)).toBe(true);
  expect(during.length, 'requests while the database was down').toBeGreaterThan(0);
  // Down: a plain 503 page (through the /unavailable redirect), never a 500, never a hang.
  expect(
    [...new Set(during.map((sample) => sample.status))],
    `the portal's log:\n${portal!.output().slice(-6_000)}`,
  ).toEqual([503]);
  expect(Math.max(...during.map((sample) => sample.ms))).toBeLessThan(5_000);
  expect(firstBack, 'a 200 after the database came back').toBeDefined();
  const recoveryMs = firstBack!.at + firstBack!.ms - upAt;
  expect(recoveryMs).toBeLessThan(10_000);
  // Once back, it stays back: no stale broken connections left in the pool.
  const after = samples.filter((sample) => sample.at > firstBack!.at);
  expect(
    after.filter((sample) => sample.status !== 200),
    `the portal's log:\n${portal!.output().slice(-6_000)}`,
  ).toEqual([]);
  expect(portal!.exitCode).toBeNull();

  // Nothing lost, nothing invented: each page that answered 200 wrote its one audit event. A view
  // is recorded before the record is read, so a request cut off at the moment the database went
  // down may have recorded its view and then failed; no more than those.
  const [{ views } = { views: 0 }] = await database<{ views: number }[]>`
    select count(*)::int as views from audit_events
    where id > ${String(last)} and action = 'record.viewed' and actor_id = ${String(parent!.id)} and child_id = ${String(maya!.id)} and metadata->>'section' = 'record'`;
  await database.end();
  const succeeded = samples.filter((sample) => sample.status === 200).length;
  const cutOff = samples.filter(
    (sample) => sample.status !== 200 && sample.at < downAt + 500,
  ).length;
  expect(views).toBeGreaterThanOrEqual(succeeded);
  expect(views).toBeLessThanOrEqual(succeeded + cutOff);
  figures.restart = {
    auditedViews: views,
    succeeded,
    requests: samples.length,
    whileDown: during.length,
    statusesWhileDown: [...new Set(during.map((sample) => sample.status))],
    slowestWhileDownMs: Math.max(...during.map((sample) => sample.ms)),
    recoveryMs,
  };
});

test('every connection slot taken by pg_sleep: new requests get 503 within 3 seconds, and the portal recovers', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInDemoParent(page);

  // Another program takes every slot the server has: first the portal's own connections are
  // ended (as a restart of the app's host would), then sleepers fill what is free.
  const admin = postgres(cluster!.url('postgres'), { max: 1, onnotice: () => {} });
  await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'pediatric-portal'`;
  const sleepers: ReturnType<typeof postgres>[] = [];
  const sleeping: Promise<unknown>[] = [];
  for (let slot = 0; slot < MAX_CONNECTIONS; slot += 1) {
    const sleeper = postgres(cluster!.url('postgres'), {
      max: 1,
      onnotice: () => {},
      connect_timeout: 2,
    });
    try {
      await sleeper`select 1`;
    } catch {
      await sleeper.end({ timeout: 1 });
      break;
    }
    sleepers.push(sleeper);
    sleeping.push(sleeper`select pg_sleep(60)`.catch(() => undefined));
  }
  expect(sleepers.length).toBeGreaterThan(10);

  const starved: Sample[] = [];
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const started = Date.now();
    const status = (await page.request.get(`${app}/dashboard`, { timeout: 10_000 })).status();
    starved.push({ at: started, status, ms: Date.now() - started });
  }
  expect(
    starved.map((sample) => sample.status),
    `the portal's log:\n${portal!.output().slice(-6_000)}`,
  ).toEqual([503, 503, 503, 503, 503]);
  expect(Math.max(...starved.map((sample) => sample.ms))).toBeLessThan(3_000);

  // The other program stops: its sessions end (a client going away alone would not stop pg_sleep).
  const freedAt = Date.now();
  await admin`select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and query like '%pg_sleep%'`;
  await Promise.all(sleeping);
  await Promise.all(sleepers.map((sleeper) => sleeper.end({ timeout: 0 })));
  await admin.end({ timeout: 1 });
  let recoveredMs = -1;
  for (let waited = 0; waited < 10_000; waited = Date.now() - freedAt) {
    if ((await page.request.get(`${app}/dashboard`)).status() === 200) {
      recoveredMs = Date.now() - freedAt;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(recoveredMs).toBeGreaterThanOrEqual(0);
  figures.connectionSlots = {
    sleepers: sleepers.length,
    statusesWhileStarved: [...new Set(starved.map((sample) => sample.status))],
    slowestWhileStarvedMs: Math.max(...starved.map((sample) => sample.ms)),
    recoveredMs,
  };
});
