import { randomBytes } from 'node:crypto';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the production build (`npm run build` first), on PostgreSQL, in
 * Debian's Chromium: Playwright cannot download its own browsers here.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const databaseUrl =
  process.env.E2E_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/portal_e2e';
const authSecret = process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url');

const serverEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: authSecret,
  PIN_HMAC_SECRET: process.env.PIN_HMAC_SECRET ?? randomBytes(32).toString('base64url'),
  TOTP_ENCRYPTION_KEY: process.env.TOTP_ENCRYPTION_KEY ?? randomBytes(32).toString('base64url'),
  PUBLIC_URL: baseURL,
  // Every test comes from 127.0.0.1; the per-address limit is tested in the integration suite.
  SIGNIN_IP_FAILURE_LIMIT: '10000',
  // Every e2e sign-up comes from 127.0.0.1; the per-address limit is tested in the integration suite.
  SIGNUP_IP_HOURLY_LIMIT: '10000',
  LOG_LEVEL: 'warn',
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      command: `npx tsx --conditions=react-server scripts/e2e-prepare.ts && node server.mjs -p ${port} -H 127.0.0.1`,
      url: `${baseURL}/api/health`,
      env: serverEnv,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
    },
    {
      // A second instance of the same build on the same database (tests/e2e/two-instances.spec.ts):
      // sessions, limits, lockouts, PINs and the audit chain must hold across instances.
      command: `node server.mjs -p ${port + 2} -H 127.0.0.1`,
      url: `http://127.0.0.1:${port + 2}/login`,
      env: serverEnv,
      timeout: 120_000,
      reuseExistingServer: false,
    },
    {
      // The same build with its database unreachable: pages must answer 503, not hang.
      command: `node server.mjs -p ${port + 1} -H 127.0.0.1`,
      // /login needs no database until someone signs in, so it tells us the server is up.
      url: `http://127.0.0.1:${port + 1}/login`,
      env: {
        ...serverEnv,
        DATABASE_URL: 'postgres://postgres@127.0.0.1:9/unreachable',
        DB_CONNECT_TIMEOUT_SECONDS: '2',
        PUBLIC_URL: `http://127.0.0.1:${port + 1}`,
      },
      timeout: 120_000,
      reuseExistingServer: false,
    },
  ],
});
