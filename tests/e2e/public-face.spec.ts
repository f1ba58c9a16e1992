import { expect, test } from '@playwright/test';

import { demoParent } from './helpers';

test('every link in the FAQ leads to a live page, and each question has an anchor in the contents', async ({
  page,
  request,
}) => {
  await page.goto('/faq');
  const contents = page.getByRole('navigation', { name: 'On this page' }).getByRole('link');
  const anchors = await contents.evaluateAll((links) =>
    links.map((link) => link.getAttribute('href')),
  );
  expect(anchors.length).toBeGreaterThanOrEqual(12);
  for (const anchor of anchors) await expect(page.locator(`h2${anchor}`)).toHaveCount(1);
  const targets = await page
    .locator('main a[href^="/"]')
    .evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute('href')!))]);
  expect(targets).toEqual(
    expect.arrayContaining([
      '/signup',
      '/help/registration',
      '/children/activity',
      '/services/message',
      '/forgot-password',
      '/contact',
    ]),
  );
  for (const target of targets) {
    const response = await request.get(target);
    // Pages behind sign-in answer with the sign-in page: live, not broken.
    expect(response.status(), target).toBe(200);
  }
});

test('the FAQ calls the record of who opened a child’s information the audit trail, and its link leads a parent to it', async ({
  page,
}) => {
  await page.goto('/faq');
  const security = page.getByRole('region', { name: 'How safe is my child’s information?' });
  await expect(security).toContainText('audit trail');
  await security.getByRole('link', { name: 'See your child’s audit trail' }).click();
  // Signed out, the link asks for sign-in first.
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('User ID or email').fill(demoParent.userId);
  await page.getByLabel('Password', { exact: true }).fill(demoParent.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/faq');
  await page.getByRole('link', { name: 'See your child’s audit trail' }).click();
  // The demo parent has two linked children: the page offers each child's audit trail.
  await expect(page).toHaveURL(/\/children\/activity$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Audit trail');
  await page.getByRole('link', { name: 'Maya’s audit trail' }).click();
  await expect(page).toHaveURL(/\/children\/[0-9a-f-]{36}\/activity$/);
  await expect(
    page.getByRole('heading', { name: 'Who has seen Maya’s information' }),
  ).toBeVisible();
  await expect(page.getByText('This is Maya’s audit trail.')).toBeVisible();
});

test('the login box on the home page signs a parent in, and the page links to help, the FAQ and the office', async ({
  page,
}) => {
  await page.goto('/');
  for (const name of [
    'Questions and answers',
    'Contact the office',
    'Create a free account',
    'I forgot my password',
    'Forgot your User ID?',
  ]) {
    await expect(page.getByRole('link', { name }).first()).toBeVisible();
  }
  await expect(page.getByText('The patient portal is not for emergencies.')).toBeVisible();
  const box = page.getByRole('region', { name: 'Sign in' });
  await box.getByLabel('User ID or email').fill(demoParent.userId);
  await box.getByLabel('Password', { exact: true }).fill(demoParent.password);
  await box.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('the site has a favicon and a manifest for the home screen, and the help page shows its screenshots', async ({
  request,
  page,
}) => {
  expect((await request.get('/icon.svg')).status()).toBe(200);
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ short_name: 'Patient Portal', display: 'standalone' });
  await page.goto('/help/registration');
  const images = page.locator('main img');
  await expect(images).toHaveCount(6);
  for (const image of await images.all()) {
    await expect(image).toHaveAttribute('alt', /.{20,}/);
    const src = await image.getAttribute('src');
    expect((await request.get(src!)).status(), src!).toBe(200);
  }
});
