import { execFileSync } from 'node:child_process';
import { expect, test, type Browser, type Page } from '@playwright/test';

import {
  demoAdmin,
  demoParent,
  issuePinFor,
  registerChild,
  signInStaff,
  signUpParent,
  uniqueUserId,
} from './helpers';

/**
 * Two production servers on one database, as behind a load balancer: A is the usual e2e server,
 * B a second server (`server.mjs`) of the same build (playwright.config.ts). Everything that matters
 * lives in PostgreSQL, so each step below alternates between them and expects what one
 * server would do.
 */
const A = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const B = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 2}`;

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function signInAt(page: Page, origin: string, identifier: string, password: string) {
  await page.goto(`${origin}/login`);
  await page.getByLabel('User ID or email').fill(identifier);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a session made on one instance works on the other, and signing out on either ends it on both', async ({
  browser,
}) => {
  const page = await newPage(browser);
  await signInAt(page, A, demoParent.userId, demoParent.password);
  await expect(page).toHaveURL(`${A}/dashboard`);
  await page.goto(`${B}/dashboard`);
  await expect(page).toHaveURL(`${B}/dashboard`);
  await expect(page.getByRole('heading', { name: /Your children/ })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page).toHaveURL(/\/login/);
  for (const origin of [A, B]) {
    const response = await page.request.get(`${origin}/dashboard`, { maxRedirects: 0 });
    expect(response.status(), origin).toBe(307);
    expect(response.headers().location, origin).toMatch(/\/login/);
  }
});

test('failed sign-ins spread over both instances slow this address on both; a per-account limit counts across them', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const page = await newPage(browser);
  await page.goto(`${A}/signup`);
  const account = await signUpParent(page);

  // The hourly limit on new verification links counts requests on both instances together.
  await signInAt(page, B, account.userId, account.password);
  await expect(page).toHaveURL(`${B}/dashboard`);
  const answers: string[] = [];
  for (let request = 0; request < 6; request += 1) {
    const origin = request % 2 === 0 ? A : B;
    if (!page.url().startsWith(origin)) await page.goto(`${origin}/dashboard`);
    await page.getByRole('button', { name: 'Send a new link' }).click();
    const status = page.locator('p[role="status"]').filter({ hasText: /sent a new link|Too many/ });
    await expect(status).toBeVisible();
    answers.push((await status.innerText()).trim());
    await page.reload();
  }
  expect(answers.slice(0, 5).every((answer) => answer.startsWith('We sent a new link'))).toBe(true);
  expect(answers[5]).toMatch(/Too many/);
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page).toHaveURL(/\/login/);

  // Five wrong passwords, alternating: the sixth try from this address, even with the right
  // password, waits on both.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await signInAt(page, attempt % 2 === 0 ? A : B, account.userId, `wrong-password-${attempt}-x`);
    await expect(page.getByText('The User ID/email or password is not correct.')).toBeVisible();
  }
  for (const origin of [A, B]) {
    await signInAt(page, origin, account.userId, account.password);
    await expect(
      page.getByRole('alert').filter({ hasText: /Too many tries/ }),
      origin,
    ).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  }
});

test('a PIN redeemed at the same moment on both instances links exactly one parent, and the audit chain stays whole', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const staff = await newPage(browser);
  await signInStaff(staff, demoAdmin);
  await registerChild(staff, {
    firstName: 'Twin',
    lastName: `Instances${uniqueUserId('').slice(1, 6)}`,
    dateOfBirth: '2022-05-06',
  });
  const pin = await issuePinFor(staff, 'Sam Parent', 'Father');

  const parents: Page[] = [];
  for (const origin of [A, B]) {
    const parent = await newPage(browser);
    await parent.goto(`${origin}/signup`);
    const account = await signUpParent(parent);
    await signInAt(parent, origin, account.userId, account.password);
    await expect(parent).toHaveURL(`${origin}/dashboard`);
    await parent.goto(`${origin}/children/link`);
    await parent.getByLabel('PIN').fill(pin);
    await parent.getByLabel('Child’s date of birth').fill('2022-05-06');
    await parent.getByLabel('Your relationship to the child').selectOption('father');
    parents.push(parent);
  }
  await Promise.all(
    parents.map((parent) => parent.getByRole('button', { name: 'Link child' }).click()),
  );
  const outcomes = await Promise.all(
    parents.map(async (parent) => {
      await expect(
        parent
          .getByText(/do not match an active PIN/)
          .or(parent.getByRole('heading', { name: 'Your children' })),
      ).toBeVisible();
      return /\/dashboard\?linked=/.test(parent.url()) ? 'linked' : 'refused';
    }),
  );
  expect(outcomes.sort()).toEqual(['linked', 'refused']);

  // Both instances wrote events all through this file: the hash chain has no gap or fork.
  const output = execFileSync(
    'npx',
    ['tsx', '--conditions=react-server', 'scripts/audit-verify.ts'],
    {
      env: {
        ...process.env,
        DATABASE_URL:
          process.env.E2E_DATABASE_URL ??
          process.env.DATABASE_URL ??
          'postgres://postgres@127.0.0.1:5432/portal_e2e',
      },
      encoding: 'utf8',
    },
  );
  expect(output).toMatch(/OK/);
});
