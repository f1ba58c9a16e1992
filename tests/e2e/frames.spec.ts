import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';

import { e2eDatabase } from './db';
import { demoAdmin, demoParent, signIn, signInStaff } from './helpers';

/**
 * Issue 18 item 2: every "not found" and error page, in each layout (public, portal, office,
 * root), has exactly one main, one banner and one footer, and its home link goes to the home
 * of whoever is looking. Elements are counted as well as roles: a second header drawn inside
 * the first page's main would not count as a banner, but it is still a second header.
 */
async function expectOneFrame(page: Page, label: string) {
  await expect(page.getByRole('main'), `${label}: main`).toHaveCount(1);
  await expect(page.locator('main'), `${label}: <main>`).toHaveCount(1);
  await expect(page.locator('#main'), `${label}: #main`).toHaveCount(1);
  await expect(page.getByRole('banner'), `${label}: banner`).toHaveCount(1);
  await expect(page.locator('header'), `${label}: <header>`).toHaveCount(1);
  await expect(page.getByRole('contentinfo'), `${label}: contentinfo`).toHaveCount(1);
  await expect(page.locator('footer'), `${label}: <footer>`).toHaveCount(1);
}

async function expectNotFound(page: Page, path: string, home: string | null) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(
    /We could not find that page|This link does not open/,
  );
  await expectOneFrame(page, path);
  if (home)
    await expect(
      page.getByRole('main').getByRole('link', { name: /home page/ }),
      `${path}: home link`,
    ).toHaveAttribute('href', home);
}

async function expectErrorPage(page: Page, path: string, home: string) {
  await page.goto(path);
  await expect(
    page.getByRole('heading', { name: 'Something went wrong on our side' }),
    path,
  ).toBeVisible();
  await expectOneFrame(page, `error at ${path}`);
  await expect(
    page.getByRole('main').getByRole('link', { name: 'Go to the home page' }),
    `${path}: home link`,
  ).toHaveAttribute('href', home);
}

/**
 * A real server error, without a switch in the product: the table a page reads is renamed for
 * the moment of the visit (the tests run one at a time), then put back whatever happens.
 */
async function withTableAway(table: string, run: () => Promise<void>) {
  const sql = e2eDatabase();
  try {
    await sql.unsafe(`alter table ${table} rename to ${table}_away`);
    await run();
  } finally {
    await sql.unsafe(`alter table if exists ${table}_away rename to ${table}`);
    await sql.end();
  }
}

async function demoChildId(): Promise<string> {
  const sql = e2eDatabase();
  const [child] = await sql`select id from children where mrn = 'DEMO-0001'`;
  await sql.end();
  return String(child?.id);
}

async function signedInParent(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, '/login', demoParent.userId, demoParent.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

test('not-found pages: one frame in every layout, and home is the visitor’s own', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const visitor = await (await browser.newContext()).newPage();
  await expectNotFound(visitor, '/no-such-page', '/');
  await expectNotFound(visitor, '/share/not-a-real-share-link', null);

  const parent = await signedInParent(browser);
  await expectNotFound(parent, '/no-such-page', '/dashboard');
  await expectNotFound(parent, `/children/${randomUUID()}`, '/dashboard');
  await expectNotFound(parent, '/children/not-an-id/growth', '/dashboard');
  await expectNotFound(parent, `/inbox/${randomUUID()}`, '/dashboard');
  await expectNotFound(parent, '/staff', '/dashboard');
  await expectNotFound(parent, '/share/not-a-real-share-link', null);

  const staff = await (await browser.newContext()).newPage();
  await signInStaff(staff, demoAdmin);
  await expectNotFound(staff, '/no-such-page', '/staff');
  await expectNotFound(staff, `/staff/accounts/${randomUUID()}`, '/staff');
  await expectNotFound(staff, `/staff/messages/${randomUUID()}`, '/staff');
  await expectNotFound(staff, '/dashboard', '/staff');
});

test('error pages: one frame in every layout, with a way home', async ({ browser }) => {
  test.setTimeout(120_000);
  const child = await demoChildId();
  const visitor = await (await browser.newContext()).newPage();
  const parent = await signedInParent(browser);
  const staff = await (await browser.newContext()).newPage();
  await signInStaff(staff, demoAdmin);

  await withTableAway('record_shares', async () => {
    // A public page's error, inside the public layout.
    await expectErrorPage(visitor, '/share/a-link-that-cannot-be-looked-up', '/');
    // A parent page's error, inside the portal layout.
    await expectErrorPage(parent, `/children/${child}/immunizations/share`, '/dashboard');
  });
  // An office page's error, inside the office layout (the administrator's home lists undelivered mail).
  await withTableAway('mail_outbox', () => expectErrorPage(staff, '/staff', '/staff'));
  // The portal layout's own error (its unread count) is drawn by the root error page.
  await withTableAway('conversations', () => expectErrorPage(parent, '/dashboard', '/'));
});
