import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { e2eDatabase } from './db';
import { demoFrontDesk, signIn, signInStaff, signUpParent, uniqueUserId } from './helpers';

test('a parent who lost the letter gets a new temporary password from the public Help Desk', async ({
  page,
}) => {
  const { userId } = await signUpParent(page);
  await page.goto('/');
  await page.getByRole('link', { name: 'Portal Help Desk' }).first().click();
  await expect(page).toHaveURL(/\/help-desk$/);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);

  await page.getByLabel('User ID or email').fill(userId);
  await page.getByRole('button', { name: 'Send a new temporary password' }).click();
  await expect(page).toHaveURL(/\/help-desk\?sent=password$/);
  await expect(page.getByText('Check your email')).toBeVisible();

  const sql = e2eDatabase();
  let temporary = '';
  try {
    await expect
      .poll(
        async () =>
          (
            await sql`select text_body from mail_outbox where to_address = ${`${userId}@example.org`} and template = 'help-desk-temporary-password'`
          )[0]?.text_body ?? '',
        { timeout: 15_000 },
      )
      .toContain('Temporary password:');
    const [mail] =
      await sql`select text_body from mail_outbox where to_address = ${`${userId}@example.org`} and template = 'help-desk-temporary-password'`;
    temporary = String(mail?.text_body).match(/Temporary password: (\S+)/)![1]!;
  } finally {
    await sql.end();
  }
  await signIn(page, '/login', userId, temporary);
  await expect(page).toHaveURL(/\/choose-password$/);
});

test('a problem signing in reaches the office’s queue, where the front desk marks it called back', async ({
  browser,
}) => {
  const visitor = await (await browser.newContext()).newPage();
  const name = `Jordan ${uniqueUserId('').slice(1, 7)}`;
  await visitor.goto('/help-desk');
  await visitor.getByRole('button', { name: 'Send to the office' }).click();
  await expect(visitor.getByText('Enter your name.')).toBeVisible();
  await visitor.getByLabel('Your name').fill(name);
  await visitor.getByLabel('Phone or email').fill('555-010-4321');
  await visitor
    .getByLabel('What happens when you try to sign in?')
    .fill('It says my password is wrong.');
  await visitor.getByRole('button', { name: 'Send to the office' }).click();
  await expect(visitor).toHaveURL(/\/help-desk\?sent=problem$/);

  const staff = await (await browser.newContext()).newPage();
  await signInStaff(staff, demoFrontDesk);
  await staff.goto('/staff/accounts');
  const report = staff.getByRole('listitem').filter({ hasText: name });
  await expect(report).toContainText('It says my password is wrong.');
  await expect(report).toContainText('not called back yet');
  await report.getByRole('button', { name: 'I called back' }).click();
  await expect(report).toContainText('called back by');
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(staff.getByRole('listitem').filter({ hasText: name })).toHaveCount(0);
});

test('the registration video plays from the help page, with captions, and seeks by range', async ({
  page,
  request,
}) => {
  await page.goto('/help/registration');
  const video = page.locator('video');
  await expect(video).toHaveAttribute('preload', 'none');
  await expect(video.locator('track[kind="captions"]')).toHaveAttribute(
    'src',
    '/help-video/registration.en.vtt',
  );
  await expect(page.getByText('What the video shows')).toBeVisible();
  const ranged = await request.get('/help-video/registration.mp4', {
    headers: { Range: 'bytes=100-199' },
  });
  expect(ranged.status()).toBe(206);
  expect(ranged.headers()['content-type']).toBe('video/mp4');
  expect((await ranged.body()).length).toBe(100);
  const captions = await request.get('/help-video/registration.en.vtt');
  expect(captions.headers()['content-type']).toContain('text/vtt');
  expect(await captions.text()).toContain('WEBVTT');
});
