import { expect, test } from '@playwright/test';

import { e2eDatabase } from './db';
import { signIn, signUpParent } from './helpers';

test('a parent resets a forgotten password with the emailed link and the hint answer; an older browser is signed out', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  // One browser is signed in already (the "older" one).
  const older = await (await browser.newContext()).newPage();
  const { userId, password } = await signUpParent(older);
  await signIn(older, '/login', userId, password);
  await expect(older).toHaveURL(/\/dashboard$/);

  // In another browser, from the home page's login box.
  const page = await (await browser.newContext()).newPage();
  await page.goto('/');
  await page.getByRole('link', { name: 'I forgot my password' }).click();
  await expect(page.getByRole('heading', { name: 'I forgot my password' })).toBeVisible();
  await page.getByLabel('User ID or email').fill(userId);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(
    page.getByText('If an account matches, we have emailed a link to the address on file.'),
  ).toBeVisible();

  const sql = e2eDatabase();
  let link = '';
  try {
    await expect
      .poll(
        async () =>
          (
            await sql`select text_body from mail_outbox where to_address = ${`${userId}@example.org`} and template = 'password-reset'`
          )[0]?.text_body ?? '',
        { timeout: 15_000 },
      )
      .toContain('/reset-password?token=');
    const [mail] =
      await sql`select text_body from mail_outbox where to_address = ${`${userId}@example.org`} and template = 'password-reset'`;
    link = String(mail?.text_body).match(/https?:\/\/\S+reset-password\?token=\S+/)![0];
  } finally {
    await sql.end();
  }
  const url = new URL(link);
  await page.goto(url.pathname + url.search);
  await expect(page.getByText('What was the name of your first pet?')).toBeVisible();
  await page.getByLabel('Hint answer').fill('wrong answer');
  await page.getByLabel('New password', { exact: true }).fill('copper-lantern-meadow-4410');
  await page.getByLabel('Confirm new password').fill('copper-lantern-meadow-4410');
  await page.getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByText('That is not the answer we have.').first()).toBeVisible();
  await page.getByLabel('Hint answer').fill('  PANCAKE ');
  await page.getByRole('button', { name: 'Reset password' }).click();
  await expect(page).toHaveURL(/\/dashboard\?notice=password-reset$/);
  await expect(
    page.getByText('Your password is changed, and every other device was signed out.'),
  ).toBeVisible();

  // The older browser's session is over.
  await older.goto('/dashboard');
  await expect(older).toHaveURL(/\/login$/);
  // The old password no longer works; the new one does.
  await signIn(older, '/login', userId, password);
  await expect(
    older.getByRole('alert').filter({ hasText: 'The User ID/email or password is not correct.' }),
  ).toBeVisible();
  await signIn(older, '/login', userId, 'copper-lantern-meadow-4410');
  await expect(older).toHaveURL(/\/dashboard$/);
  // The link was single use.
  await page.goto(url.pathname + url.search);
  await expect(page.getByText('This link does not work any more')).toBeVisible();
});
