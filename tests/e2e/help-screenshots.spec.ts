import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

import {
  demoAdmin,
  fillSignUpForm,
  issuePinFor,
  registerChild,
  signInStaff,
  strongPassword,
  uniqueUserId,
} from './helpers';

/**
 * Drives the real portal through "from PIN letter to your child on the home page" and saves a
 * screenshot of each step for /help/registration, so the help can never drift from the product.
 * Runs with the end-to-end suite, and alone as `npm run docs:screenshots`.
 */
// `npm run docs:screenshots` writes into public/help-images (commit the result); the regular
// test run writes into test-results, so that running the tests leaves the work tree clean.
const folder = path.resolve(process.env.HELP_SCREENSHOTS_DIR ?? 'test-results/help-images');
const shot = (name: string) => path.join(folder, `${name}.png`);

test('registration help screenshots are taken from the real pages', async ({ browser }) => {
  test.setTimeout(120_000);
  mkdirSync(folder, { recursive: true });
  const phone = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 };
  const desktop = { viewport: { width: 1280, height: 800 } };

  // Step 1: the office registers the child and prints the PIN letter.
  const staff = await (await browser.newContext()).newPage();
  await signInStaff(staff, demoAdmin);
  await registerChild(staff, {
    firstName: 'Sam',
    lastName: `Example${uniqueUserId('').slice(1, 6)}`,
    dateOfBirth: '2022-05-09',
  });
  const pin = await issuePinFor(staff, 'Alex Parent', 'Mother');
  const letter = staff.getByRole('article', { name: 'PIN letter' });
  await letter.screenshot({ path: shot('step-1-pin-letter') });

  // Step 2: the parent creates a free account.
  const page = await (await browser.newContext(phone)).newPage();
  const userId = uniqueUserId('alex');
  await fillSignUpForm(page, { firstName: 'Alex', lastName: 'Parent', userId });
  await page
    .getByRole('form', { name: 'Create account' })
    .screenshot({ path: shot('step-2-create-account') });
  await page.getByRole('button', { name: 'Create account' }).click();

  // Step 3: signed in straight away, on the welcome step, on a phone and on a desktop.
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByRole('form', { name: 'Link a child' })).toBeVisible();
  await page.screenshot({ path: shot('step-3-welcome'), fullPage: true });
  await page.setViewportSize(desktop.viewport);
  await page.screenshot({ path: shot('step-3-welcome-wide'), fullPage: true });
  await page.setViewportSize(phone.viewport);

  // Step 4: the PIN and the date of birth, on the welcome step.
  await page.getByLabel('PIN').fill(pin);
  await page.getByLabel("Child's date of birth").fill('2022-05-09');
  await page.getByLabel('Your relationship to the child').selectOption('mother');
  await page
    .getByRole('form', { name: 'Link a child' })
    .screenshot({ path: shot('step-4-link-child') });
  await page.getByRole('button', { name: 'Link child' }).click();

  // Step 5: the child is on the home page.
  await expect(page.getByText('Sam is now linked to your account.')).toBeVisible();
  await page.locator('main').screenshot({ path: shot('step-5-child-on-home-page') });

  // Step 6: next time, sign in.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-out/);
  await page.goto('/login');
  await page.getByLabel('User ID or email').fill(userId);
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.locator('main').screenshot({ path: shot('step-6-sign-in') });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  for (const name of [
    'step-1-pin-letter',
    'step-2-create-account',
    'step-3-welcome',
    'step-3-welcome-wide',
    'step-4-link-child',
    'step-5-child-on-home-page',
    'step-6-sign-in',
  ]) {
    expect(existsSync(shot(name)), name).toBe(true);
    expect(statSync(shot(name)).size, name).toBeGreaterThan(5_000);
  }
});
