import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

export const demoAdmin = { userId: 'demo.admin', password: 'copper-meadow-falcon-17' };
export const demoParent = { userId: 'demo.parent', password: 'violet-harbor-lantern-42' };
export const strongPassword = 'marble-tundra-pelican-orbit-7';

export function uniqueUserId(prefix = 'e2e'): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}

/** Fills the sign-up form (strong password, a hint) and waits for the strength meter to agree. */
export async function fillSignUpForm(page: Page, person: { firstName: string; lastName: string; userId: string }) {
  const { userId } = person;
  await page.goto('/signup');
  await page.getByLabel('First name').fill(person.firstName);
  await page.getByLabel('Last name').fill(person.lastName);
  await page.getByLabel('User ID').fill(userId);
  await page.getByLabel('Email').fill(`${userId}@example.org`);
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByLabel('Confirm password').fill(strongPassword);
  await page.getByLabel('Hint question').selectOption({ index: 1 });
  await page.getByLabel('Hint answer').fill('Pancake');
  await expect(page.getByText(/Password strength: (Strong|Very strong)/)).toBeVisible();
}

export async function signUpParent(page: Page, userId = uniqueUserId()) {
  await fillSignUpForm(page, { firstName: 'Robin', lastName: 'Tester', userId });
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/login\?notice=created/);
  return { userId, password: strongPassword };
}

export async function signIn(page: Page, path: '/login' | '/staff/login', identifier: string, password: string) {
  await page.goto(path);
  await page.getByLabel('User ID or email').fill(identifier);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
