import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { e2eDatabase } from './db';
import { demoFrontDesk, signIn, signInStaff, signUpParent } from './helpers';

test('the front desk sends a temporary password; the parent signs in with it and must choose their own', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const parent = await (await browser.newContext()).newPage();
  const { userId } = await signUpParent(parent);

  const staff = await (await browser.newContext()).newPage();
  await signInStaff(staff, demoFrontDesk);
  await staff.getByRole('link', { name: 'Parent accounts' }).click();
  await staff.getByLabel('Name, User ID or email').fill(userId);
  await staff.getByRole('button', { name: 'Search' }).click();
  await staff.getByRole('link', { name: new RegExp(userId) }).click();
  await expect(staff.getByRole('heading', { name: 'Robin Tester' })).toBeVisible();
  await staff.getByLabel('Confirmed the child’s date of birth').check();
  await staff.getByLabel('Confirmed the address or phone number on file').check();
  await staff.getByRole('button', { name: 'Send a temporary password' }).click();
  const letter = staff.getByRole('article', { name: 'Temporary password letter' });
  await expect(letter).toContainText(userId);
  const axe = await new AxeBuilder({ page: staff }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);

  // The parent reads it from the email, signs in, and is held at "choose your own password".
  const sql = e2eDatabase();
  let temporary = '';
  try {
    await expect
      .poll(
        async () =>
          (
            await sql`select text_body from mail_outbox where to_address = ${`${userId}@example.org`} and template = 'temporary-password'`
          )[0]?.text_body ?? '',
        { timeout: 15_000 },
      )
      .toContain('Temporary password:');
    const [mail] =
      await sql`select text_body from mail_outbox where to_address = ${`${userId}@example.org`} and template = 'temporary-password'`;
    temporary = String(mail?.text_body).match(/Temporary password: (\S+)/)![1]!;
  } finally {
    await sql.end();
  }
  await expect(letter).toContainText(temporary);
  await signIn(parent, '/login', userId, temporary);
  await expect(parent).toHaveURL(/\/choose-password$/);
  await parent.goto('/inbox');
  await expect(parent).toHaveURL(/\/choose-password$/);
  await parent.getByLabel('New password', { exact: true }).fill('willow-granite-ember-5521');
  await parent.getByLabel('Confirm new password').fill('willow-granite-ember-5521');
  await parent.getByRole('button', { name: 'Save my password' }).click();
  await expect(parent).toHaveURL(/\/dashboard\?notice=password-chosen$/);
  await parent.goto('/inbox');
  await expect(parent.getByRole('heading', { name: 'Inbox' })).toBeVisible();
});
