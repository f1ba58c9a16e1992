import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

import { defaultLocale, locales, type Locale } from '../../lib/i18n/locales';
import { demoAdmin, registerChild, signInStaff, strongPassword, uniqueUserId } from './helpers';
import {
  fillLinkChildForm,
  fillSignUpFormInAnyLanguage,
  formWith,
  readIn,
  submitOf,
} from './languages';

/**
 * Drives the real portal through "from PIN letter to your child on the home page" and saves a
 * screenshot of each step for /help/registration, so the help can never drift from the product.
 * Runs with the end-to-end suite, and alone as `npm run docs:screenshots`.
 *
 * Once per language: English pictures go into the folder itself, the others into <folder>/<code>/
 * (public/help-images/es/…), which the help page shows to readers of that language. The steps
 * find fields by name, not by their (translated) labels, so one script serves every language.
 */
// `npm run docs:screenshots` writes into public/help-images (commit the result); the regular
// test run writes into test-results, so that running the tests leaves the work tree clean.
const root = path.resolve(process.env.HELP_SCREENSHOTS_DIR ?? 'test-results/help-images');
const folderFor = (locale: Locale) => (locale === defaultLocale ? root : path.join(root, locale));

const names = [
  'step-1-pin-letter',
  'step-2-create-account',
  'step-3-welcome',
  'step-3-welcome-wide',
  'step-4-link-child',
  'step-5-child-on-home-page',
  'step-6-sign-in',
];

/**
 * On the child's staff page (in English: the office's own language here), confirms the caller
 * and issues a PIN; the letter is printed in the parent's language when the form offers one.
 */
async function issuePinLetter(staff: Page, locale: Locale) {
  await staff.getByLabel('Confirmed the child’s date of birth').check();
  await staff.getByLabel('Confirmed the address or phone number on file').check();
  await staff.getByLabel('Guardian’s name').fill('Alex Parent');
  await staff.getByLabel('Relationship to the child').fill('Mother');
  const letterLanguage = staff.locator('select[name="locale"], select[name="letterLocale"]');
  if (await letterLanguage.count()) await letterLanguage.first().selectOption(locale);
  await staff.getByRole('button', { name: 'Issue PIN' }).click();
  const letter = staff.locator('article').filter({ has: staff.locator('.font-mono') });
  await expect(letter).toBeVisible();
  const pin = (await letter.locator('.font-mono').textContent())!.trim();
  expect(pin).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  return { letter, pin };
}

for (const locale of locales) {
  test(`registration help screenshots are taken from the real pages (${locale})`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const folder = folderFor(locale);
    const shot = (name: string) => path.join(folder, `${name}.png`);
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
    const { letter, pin } = await issuePinLetter(staff, locale);
    await letter.screenshot({ path: shot('step-1-pin-letter') });

    // Step 2: the parent, reading the portal in their language, creates a free account.
    const context = await browser.newContext(phone);
    await readIn(context, baseURL, locale);
    const page = await context.newPage();
    const userId = uniqueUserId('alex');
    const signUp = await fillSignUpFormInAnyLanguage(page, {
      firstName: 'Alex',
      lastName: 'Parent',
      userId,
    });
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await signUp.screenshot({ path: shot('step-2-create-account') });
    await submitOf(signUp).click();

    // Step 3: signed in straight away, on the welcome step, on a phone and on a desktop.
    await expect(page).toHaveURL(/\/welcome$/);
    await expect(formWith(page, 'pin')).toBeVisible();
    await page.screenshot({ path: shot('step-3-welcome'), fullPage: true });
    await page.setViewportSize(desktop.viewport);
    await page.screenshot({ path: shot('step-3-welcome-wide'), fullPage: true });
    await page.setViewportSize(phone.viewport);

    // Step 4: the PIN and the date of birth, on the welcome step.
    const link = await fillLinkChildForm(page, pin, '2022-05-09');
    await link.screenshot({ path: shot('step-4-link-child') });
    await submitOf(link).click();

    // Step 5: the child is on the home page.
    await expect(page).toHaveURL(/\/dashboard/);
    await expect(page.getByRole('status').filter({ hasText: 'Sam' })).toBeVisible();
    await page.locator('main').screenshot({ path: shot('step-5-child-on-home-page') });

    // Step 6: next time, just sign in (signed out, the language stays).
    await context.clearCookies();
    await readIn(context, baseURL, locale);
    await page.goto('/login');
    const signIn = formWith(page, 'identifier');
    await signIn.locator('[name="identifier"]').fill(userId);
    await signIn.locator('[name="password"]').fill(strongPassword);
    await page.locator('main').screenshot({ path: shot('step-6-sign-in') });
    await submitOf(signIn).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    for (const name of names) {
      expect(existsSync(shot(name)), name).toBe(true);
      expect(statSync(shot(name)).size, name).toBeGreaterThan(5_000);
    }
  });
}
