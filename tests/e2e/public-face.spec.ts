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
