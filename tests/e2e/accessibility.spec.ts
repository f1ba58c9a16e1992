import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

import { locales } from '../../lib/i18n/locales';
import { e2eDatabase } from './db';
import { demoAdmin, demoParent, signIn, signInStaff } from './helpers';
import { readIn, signInInAnyLanguage } from './languages';

async function demoChildId(): Promise<string> {
  const sql = e2eDatabase();
  const [child] = await sql`select id from children where mrn = 'DEMO-0001'`;
  await sql.end();
  return String(child?.id);
}

/**
 * A records request of the demo parent's for the demo child, made once (both languages' sweeps
 * share it), so that a request's own page is swept for the parent and for the office.
 */
async function demoRequestId(): Promise<string> {
  const child = await demoChildId();
  const sql = e2eDatabase();
  try {
    const [parent] = await sql`select id from users where user_id = 'demo.parent'`;
    const key = 'accessibility-sweep';
    const find = () =>
      sql`select id from service_requests where guardian_user_id = ${parent!.id} and idempotency_key = ${key}`;
    const [existing] = await find();
    if (existing) return String(existing.id);
    await sql.begin(async (tx) => {
      const [thread] = await tx`
        insert into conversations (child_id, guardian_user_id, category, subject, started_by)
        values (${child}, ${parent!.id}, 'general', 'Copy of the records', 'parent') returning id`;
      await tx`
        insert into service_requests (kind, child_id, guardian_user_id, conversation_id, details, idempotency_key, due_at)
        values ('records', ${child}, ${parent!.id}, ${thread!.id},
          ${tx.json({ scope: 'immunizations', periodFrom: '', periodTo: '', note: '' })}, ${key},
          now() + interval '30 days')
        on conflict do nothing`;
    });
    const [made] = await find();
    return String(made!.id);
  } finally {
    await sql.end();
  }
}

async function expectNoSeriousViolations(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (v) => `${path}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

const publicPages = [
  '/',
  '/login',
  '/signup',
  '/help/registration',
  '/help/requests',
  '/faq',
  '/contact',
  '/forgot-password?sent=1',
  '/forgot-user-id?sent=1',
  '/reset-password?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  '/forgot-password',
  '/help-desk',
  '/help-desk?sent=password',
  '/forgot-user-id',
  '/verify-email?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  '/verify-email',
  '/staff/login',
  '/no-such-page',
  '/share/not-a-real-share-link',
];

// Every check runs in each language: Spanish runs ~25 % longer, and must fit a phone as well.
for (const locale of locales) {
  test(`public pages have no serious or critical accessibility violations, at 375 px and at 1280 px with no sideways scrolling (${locale})`, async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    await readIn(page.context(), baseURL, locale);
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of publicPages) {
        await expectNoSeriousViolations(page, path);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${path} at ${width} px (${locale})`).toBeLessThanOrEqual(0);
      }
    }
  });
}

for (const locale of locales) {
  test(`the parent pages have no serious or critical accessibility violations, and fit a 375 px phone (${locale})`, async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    // The language is the visitor's cookie: demo.parent's saved choice is left as it is.
    await readIn(page.context(), baseURL, locale);
    await page.setViewportSize({ width: 375, height: 800 });
    await signInInAnyLanguage(page, demoParent.userId, demoParent.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    const child = await demoChildId();
    const request = await demoRequestId();
    for (const path of [
      '/dashboard',
      '/children/link',
      `/children/${child}`,
      `/children/${child}/immunizations/share`,
      `/children/${child}/immunizations/print`,
      '/services/message',
      '/services/requests',
      '/services/requests/new/appointment',
      '/services/requests/new/form',
      '/services/requests/new/records',
      '/services/requests/new/renewal',
      `/services/requests/${request}`,
      '/inbox',
      '/account',
    ]) {
      await expectNoSeriousViolations(page, path);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${path} at 375 px (${locale})`).toBeLessThanOrEqual(0);
    }
  });
}

test('the staff pages have no serious or critical accessibility violations', async ({ page }) => {
  // Twelve pages, one a full chart: axe needs a while for each on a 2-core machine.
  test.setTimeout(180_000);
  await signInStaff(page, demoAdmin);
  // Searches are posted and kept for the list (never in the address): search first, so the
  // two lists below are checked with their results showing.
  await page.goto('/staff/accounts');
  await page.getByLabel('Name, User ID or email').fill('demo');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('link', { name: /demo\.parent/ }).first()).toBeVisible();
  await page.goto('/staff/patients');
  await page.getByLabel('Name or chart number').fill('rivera');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('link', { name: /Rivera, Maya/ })).toBeVisible();
  const child = await demoChildId();
  const sql = e2eDatabase();
  const [demo] = await sql`select id from users where user_id = 'demo.parent'`;
  await sql.end();
  const request = await demoRequestId();
  for (const path of [
    '/staff',
    '/staff/users',
    '/staff/accounts',
    `/staff/accounts/${String(demo?.id)}`,
    '/staff/messages',
    `/staff/messages/new?child=${child}`,
    '/staff/requests',
    `/staff/requests/${request}`,
    '/staff/patients',
    '/staff/patients/new',
    `/staff/patients/${child}`,
    `/staff/patients/${child}/edit`,
  ]) {
    await expectNoSeriousViolations(page, path);
  }
});

test('the signed-in dashboard fits a 375 px phone without sideways scrolling', async ({ page }) => {
  const overflow = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, '/login', demoParent.userId, demoParent.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(await overflow()).toBeLessThanOrEqual(0);
  // The smallest phones we support, signed out as well.
  await page.setViewportSize({ width: 360, height: 640 });
  expect(await overflow(), '/dashboard at 360 px').toBeLessThanOrEqual(0);
  await page.context().clearCookies();
  for (const path of ['/', '/signup', '/login', '/staff/login']) {
    await page.goto(path);
    expect(await overflow(), `${path} at 360 px`).toBeLessThanOrEqual(0);
  }
});
