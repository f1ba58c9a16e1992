import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

import type { Locale } from '../../lib/i18n/locales';
import { strongPassword } from './helpers';

/**
 * Helpers for driving the portal in any language: they find fields by their name and forms by
 * what they contain, never by English words, so the same steps run in English and in Spanish.
 */

/** Reads the portal in `locale` from the next page on, as the switch's cookie does. */
export async function readIn(context: BrowserContext, baseURL: string | undefined, locale: Locale) {
  await context.addCookies([{ name: 'portal_locale', value: locale, url: baseURL! }]);
}

const field = (scope: Page | Locator, name: string) => scope.locator(`[name="${name}"]`);

/** The form holding a field, and its submit button. */
export const formWith = (page: Page, fieldName: string) =>
  page.locator('form').filter({ has: field(page, fieldName) });
export const submitOf = (form: Locator) => form.locator('button[type="submit"]').last();

/** Fills the sign-up form (strong password, a hint) and waits for the strength meter's verdict. */
export async function fillSignUpFormInAnyLanguage(
  page: Page,
  person: { firstName: string; lastName: string; userId: string },
) {
  await page.goto('/signup');
  const form = formWith(page, 'hintAnswer');
  await field(form, 'firstName').fill(person.firstName);
  await field(form, 'lastName').fill(person.lastName);
  await field(form, 'userId').fill(person.userId);
  await field(form, 'email').fill(`${person.userId}@example.org`);
  await field(form, 'password').fill(strongPassword);
  await field(form, 'confirmPassword').fill(strongPassword);
  await field(form, 'hintQuestion').selectOption({ index: 1 });
  await field(form, 'hintAnswer').fill('Pancake');
  await expect(form.locator('[aria-live="polite"] strong')).toBeVisible();
  return form;
}

/** The PIN, the date of birth and "mother", in the "Link a child" form of the page. */
export async function fillLinkChildForm(page: Page, pin: string, dateOfBirth: string) {
  const form = formWith(page, 'pin');
  await field(form, 'pin').fill(pin);
  await field(form, 'dateOfBirth').fill(dateOfBirth);
  await field(form, 'relationship').selectOption('mother');
  return form;
}

/** Signs a parent in on /login, whatever the page's language. */
export async function signInInAnyLanguage(page: Page, identifier: string, password: string) {
  await page.goto('/login');
  const form = formWith(page, 'identifier');
  await field(form, 'identifier').fill(identifier);
  await field(form, 'password').fill(password);
  await submitOf(form).click();
}

/** Words and names that are the same in every language: the practice, people, places, codes. */
const sameInEveryLanguage = [
  process.env.PRACTICE_NAME ?? 'Children’s Pediatricians & Associates',
  "Children's Pediatricians & Associates",
  process.env.PRACTICE_ADDRESS ?? '100 Main Street, Suite 200, Springfield',
  'English', // the language switch names each language in itself
];

/** Common English words that have no place in a Spanish sentence. */
const englishWords =
  /\b(the|your|please|with|you|and|this|sign in|sign out|child|children|for|from|is|are|have|will|what|when|not|of|here|we|our|record|message|messages|home|help|settings)\b/i;

/**
 * Fails (softly: the test goes on, to list every page), printing each offending line, when the page shows an English sentence. `names` are the
 * proper names on the page (the child, the parent), taken out before looking.
 */
export async function expectNoEnglish(page: Page, names: string[] = []) {
  const text = await page.evaluate(() => document.body.innerText);
  const offending = text
    .split('\n')
    .map((line) => {
      let rest = line;
      for (const same of [...sameInEveryLanguage, ...names]) rest = rest.split(same).join(' ');
      return { line, rest };
    })
    .filter(({ rest }) => englishWords.test(rest))
    .map(({ line }) => line.trim());
  expect.soft(offending, `English text on ${new URL(page.url()).pathname}`).toEqual([]);
}
