import { expect, test } from '@playwright/test';

import { demoAdmin, demoParent, signIn, signInStaff, signUpParent, uniqueUserId } from './helpers';

test('a parent signs up, signs in, sees the dashboard and signs out', async ({ page }) => {
  const { userId, password } = await signUpParent(page);
  await signIn(page, '/login', userId, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Hello, Robin' })).toBeVisible();
  await expect(page.getByText('Please confirm your email address')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-out/);
  // The session is over on the server, not just in this tab.
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login$/);
});

test('sign-up shows its rules next to the fields and keeps nothing', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('User ID').fill('ab');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use 4 to 32 letters, numbers')).toBeVisible();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(page.getByText('Enter your first name.')).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test('a wrong password gets the one generic message', async ({ page }) => {
  await signIn(page, '/login', demoParent.userId, 'definitely-not-right-123');
  await expect(
    page.getByRole('alert').filter({ hasText: 'The User ID/email or password is not correct.' }),
  ).toBeVisible();
  await signIn(page, '/login', uniqueUserId('nobody'), 'definitely-not-right-123');
  await expect(
    page.getByRole('alert').filter({ hasText: 'The User ID/email or password is not correct.' }),
  ).toBeVisible();
});

test('five wrong passwords slow this address down, with the answer a name that does not exist gets', async ({
  page,
}) => {
  const { userId, password } = await signUpParent(page);
  const ghost = uniqueUserId('ghost');
  for (const name of [userId, ghost]) {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signIn(page, '/login', name, `wrong-password-${attempt}-xyz`);
      await expect(
        page
          .getByRole('alert')
          .filter({ hasText: 'The User ID/email or password is not correct.' }),
      ).toBeVisible();
    }
  }
  // Even the right password waits now, from this address only; nothing says the account exists.
  await signIn(page, '/login', userId, password);
  const throttled = page.getByRole('alert').filter({ hasText: /Too many tries/ });
  await expect(throttled).toBeVisible();
  const known = await throttled.innerText();
  await signIn(page, '/login', ghost, 'wrong-password-6-xyz');
  await expect(page.getByRole('alert').filter({ hasText: /Too many tries/ })).toHaveText(known);
  await expect(page.getByText(/locked/i)).toHaveCount(0);
});

test('a staff admin signs in and opens /staff and the staff users page', async ({ page }) => {
  await signInStaff(page, demoAdmin);
  await expect(page.getByRole('heading', { name: 'Office home' })).toBeVisible();
  await page.getByRole('link', { name: 'Staff users' }).first().click();
  await expect(page.getByRole('heading', { name: 'Staff users' })).toBeVisible();
  await expect(page.getByText('demo.frontdesk')).toBeVisible();
});

test('a parent opening /staff gets the 404 page, and a visitor is sent to staff sign-in', async ({
  page,
}) => {
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff\/login$/);
  await signIn(page, '/login', demoParent.userId, demoParent.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  for (const path of ['/staff', '/staff/users']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
  }
});
