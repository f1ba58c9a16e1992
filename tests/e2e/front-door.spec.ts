import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';

import { e2eDatabase } from './db';
import { demoAdmin, signInStaff } from './helpers';
import { startPortal, stopPortal } from './scratch-postgres';

/**
 * What server.mjs guarantees in front of Next.js: the client address is the connection's (or,
 * behind TRUSTED_PROXY_HOPS proxies of ours, what the outermost one saw), never text the client
 * wrote; and a body too large or unreadable is a 4xx, not the 500 Next.js gives it.
 */

const port = Number(process.env.E2E_PORT ?? 3100);
/** A second server of the same build and database, configured as if behind one proxy. */
const proxiedPort = port + 3;
const proxiedOrigin = `http://127.0.0.1:${proxiedPort}`;

/** Signs in with a wrong password; returns the request id of the action the browser posted. */
async function failedSignIn(
  page: Page,
  origin: string,
): Promise<{ requestId: string; actionId: string }> {
  await page.goto(`${origin}/login`);
  await page.getByLabel('User ID or email').fill(`nobody.${randomBytes(4).toString('hex')}`);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password-123');
  const [response] = await Promise.all([
    page.waitForResponse(
      (candidate) => candidate.request().method() === 'POST' && candidate.url().includes('/login'),
    ),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  return {
    requestId: response.headers()['x-request-id'] ?? '',
    actionId: (await response.request().headerValue('next-action')) ?? '',
  };
}

async function recordedAddress(requestId: string): Promise<string | null> {
  const sql = e2eDatabase();
  try {
    for (let tries = 0; tries < 20; tries += 1) {
      const [event] = await sql<{ ip: string | null }[]>`
        select ip_address as ip from audit_events
        where request_id = ${requestId} and action = 'auth.sign_in_failed'`;
      if (event) return event.ip;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`no sign-in event for request ${requestId}`);
  } finally {
    await sql.end();
  }
}

test.describe('the client address', () => {
  test('with no proxy in front, is the connection’s: X-Forwarded-For and a forged peer header are ignored', async ({
    page,
  }) => {
    await page.setExtraHTTPHeaders({
      'X-Forwarded-For': '203.0.113.66',
      'X-Real-IP': '203.0.113.67',
      'X-Portal-Peer-Address': '203.0.113.68',
    });
    const { requestId } = await failedSignIn(page, '');
    expect(requestId).not.toBe('');
    expect(await recordedAddress(requestId)).toBe('127.0.0.1');
  });

  test('behind one trusted proxy, is the address that proxy appended, and never text that is not an address', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const portal = await startPortal(proxiedPort, {
      NODE_ENV: 'production',
      DATABASE_URL:
        process.env.E2E_DATABASE_URL ??
        process.env.DATABASE_URL ??
        'postgres://postgres@127.0.0.1:5432/portal_e2e',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      PIN_HMAC_SECRET: randomBytes(32).toString('base64url'),
      TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
      PUBLIC_URL: proxiedOrigin,
      SIGNIN_IP_FAILURE_LIMIT: '10000',
      TRUSTED_PROXY_HOPS: '1',
      LOG_LEVEL: 'error',
    });
    try {
      // What a proxy makes of a client that sent its own header: the client's text, then the
      // address the proxy saw.
      await page.setExtraHTTPHeaders({ 'X-Forwarded-For': '6.6.6.6, 198.51.100.44' });
      const proxied = await failedSignIn(page, proxiedOrigin);
      expect(await recordedAddress(proxied.requestId)).toBe('198.51.100.44');

      await page.setExtraHTTPHeaders({ 'X-Forwarded-For': "1.2.3.4, x'); drop table users;--" });
      const garbage = await failedSignIn(page, proxiedOrigin);
      expect(await recordedAddress(garbage.requestId)).toBe('127.0.0.1');
    } finally {
      stopPortal(portal);
    }
  });
});

test.describe('bodies the portal cannot take', () => {
  test('a body over 1 MB (12 MB on the upload pages) is 413; broken, non-JSON or deeply nested action bodies are 400; a good one still works', async ({
    page,
    baseURL,
  }) => {
    const { actionId } = await failedSignIn(page, '');
    expect(actionId).toMatch(/^[0-9a-f]{20,}$/);
    const action = (contentType: string, data: string | Buffer) =>
      page.request.post('/login', {
        headers: {
          'next-action': actionId,
          'content-type': contentType,
          origin: baseURL!,
          accept: 'text/x-component',
        },
        data,
        maxRedirects: 0,
      });

    const statuses: Record<string, number> = {};
    statuses.tooLarge = (
      await action('text/plain;charset=UTF-8', 'a'.repeat(2 * 1024 * 1024))
    ).status();
    statuses.tooLargeToRoute = (
      await page.request.post('/api/health', {
        headers: { 'content-type': 'application/json' },
        data: Buffer.alloc(2 * 1024 * 1024, 32),
      })
    ).status();
    statuses.brokenMultipart = (
      await action(
        'multipart/form-data; boundary=xyz',
        '--xyz\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--xy',
      )
    ).status();
    statuses.notJson = (await action('text/plain;charset=UTF-8', '{"identifier":')).status();
    const depth = 100_000;
    statuses.deeplyNested = (
      await action('text/plain;charset=UTF-8', `${'['.repeat(depth)}${']'.repeat(depth)}`)
    ).status();
    statuses.deeplyNestedRow = (
      await action(
        'multipart/form-data; boundary=xyz',
        `--xyz\r\nContent-Disposition: form-data; name="0"\r\n\r\n${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}\r\n--xyz--\r\n`,
      )
    ).status();
    // Multipart: over 1 MB only to the pages that upload a file (up to 12 MB there).
    const multipart = (megabytes: number) => {
      const boundary = 'portal-e2e-boundary';
      return {
        type: `multipart/form-data; boundary=${boundary}`,
        body: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          Buffer.alloc(megabytes * 1024 * 1024, 0x25),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      };
    };
    const post = (path: string, { type, body }: ReturnType<typeof multipart>) =>
      page.request.post(path, {
        headers: { 'content-type': type, origin: baseURL! },
        data: body,
        maxRedirects: 0,
      });
    statuses.multipartElsewhere = (await post('/login', multipart(2))).status();
    const uploadPage = '/staff/requests/00000000-0000-4000-8000-000000000000';
    const upload = (await post(uploadPage, multipart(5))).status();
    expect(upload === 413 || upload >= 500).toBe(false);
    statuses.uploadOver12 = (await post(uploadPage, multipart(13))).status();
    expect(statuses).toEqual({
      multipartElsewhere: 413,
      uploadOver12: 413,
      tooLarge: 413,
      tooLargeToRoute: 413,
      brokenMultipart: 400,
      notJson: 400,
      deeplyNested: 400,
      deeplyNestedRow: 400,
    });

    // The browser's own sign-in still reaches the action through the front door.
    await page.goto('/login');
    await page.getByLabel('User ID or email').fill('nobody.at.all');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();
  });
});

test.describe('the staff audit report', () => {
  test('impossible dates and a forged cursor are a message at the form; their export is a 400 with a sentence', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signInStaff(page, demoAdmin);
    const extremes = await page.goto('/staff/audit?from=0001-01-01&to=9999-12-31');
    expect(extremes?.status()).toBe(200);
    await expect(page.getByText(/Enter a date between the years 2000 and 2999/)).toBeVisible();

    const forged = Buffer.from(JSON.stringify(['not a time', 1])).toString('base64url');
    const cursor = await page.goto(`/staff/audit?after=${forged}`);
    expect(cursor?.status()).toBe(200);
    await expect(page.getByText(/That page of the report could not be found/)).toBeVisible();

    const exported = await page.request.get('/staff/audit/export?from=0001-01-01&to=9999-12-31');
    expect(exported.status()).toBe(400);
    expect(await exported.text()).toMatch(/^The filters could not be read: Enter a date between/);
  });
});
