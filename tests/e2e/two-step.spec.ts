import { expect, test, type Page } from '@playwright/test';

import { totpCodeAt } from '../../lib/two-step/totp';
import { e2eDatabase } from './db';
import {
  demoAdmin,
  signIn,
  signInStaff,
  signUpParent,
  strongPassword,
  uniqueUserId,
  unusedTotpCode,
} from './helpers';

/** Goes through the set-up on the page in front of it and returns the key and the recovery codes. */
async function setUpTwoStep(page: Page): Promise<{ secret: string; codes: string[] }> {
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await page.getByText('Can’t scan it? Type this key instead').click();
  const secret = (await page.locator('[data-totp-secret]').getAttribute('data-totp-secret')) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page
    .getByLabel('Verification code')
    .fill('000000' === totpCodeAt(secret, new Date()) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await expect(page.getByText(/That code did not match/)).toBeVisible();
  await page.getByLabel('Verification code').fill(totpCodeAt(secret, new Date()));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list).toBeVisible();
  const codes = await list.getByRole('listitem').allInnerTexts();
  expect(codes).toHaveLength(10);
  return { secret, codes: codes.map((code) => code.trim()) };
}

test('a parent turns on two-step verification, signs out, and signs in again with a code from the app', async ({
  page,
  browser,
}) => {
  const { userId, password } = await signUpParent(page, uniqueUserId('twostep'));
  await signIn(page, '/login', userId, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  // Encouraged on the dashboard, optional.
  await page.getByRole('link', { name: 'Set up two-step verification' }).click();
  await expect(page).toHaveURL(/\/account\/two-step$/);
  const { secret, codes } = await setUpTwoStep(page);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByText(/Two-step verification is on/)).toBeVisible();
  await expect(page.getByText(/10 unused recovery codes/)).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-out$/);

  // The password alone is not enough any more.
  await signIn(page, '/login', userId, password);
  await expect(page).toHaveURL(/\/login\/verify$/);
  expect((await page.request.get('/dashboard', { maxRedirects: 0 })).headers()['location']).toMatch(
    /\/login$/,
  );
  await page
    .getByLabel('Verification code')
    .fill('123456' === totpCodeAt(secret, new Date()) ? '654321' : '123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText(/That code did not work \(4 more tries\)/)).toBeVisible();
  await page.getByLabel('Verification code').fill(await unusedTotpCode(userId, secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('link', { name: 'Set up two-step verification' })).toHaveCount(0);

  // A lost phone: a recovery code works once, in another browser.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, '/login', userId, password);
  await expect(other).toHaveURL(/\/login\/verify$/);
  await other.getByRole('button', { name: /use a recovery code/ }).click();
  await other.getByLabel('Recovery code').fill(codes[0]!);
  await other.getByRole('button', { name: 'Verify' }).click();
  await expect(other).toHaveURL(/\/dashboard$/);
  await other.close();
});

test('a new administrator chooses their password from the welcome email, then sets up two-step before any staff page', async ({
  page,
  browser,
}) => {
  await signInStaff(page, demoAdmin);
  await page.goto('/staff/users');
  const userId = uniqueUserId('admin');
  const newAdminPassword = `${strongPassword}-admin`;
  const form = page.getByRole('form', { name: 'Add a staff user' });
  await form.getByLabel('First name').fill('Noor');
  await form.getByLabel('Last name').fill('Admin');
  await form.getByLabel('User ID').fill(userId);
  await form.getByLabel('Email').fill(`${userId}@example.org`);
  // Nobody types a password for someone else: the newcomer chooses it from the welcome email.
  await expect(form.getByLabel('Password')).toHaveCount(0);
  await form.getByLabel('Administrator').check();
  await form.getByRole('button', { name: 'Add staff user' }).click();
  await expect(page.getByText('The staff user was created.')).toBeVisible();
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: userId })
      .getByText(/Has not set up the account yet/),
  ).toBeVisible();

  const sql = e2eDatabase();
  let link: string;
  try {
    const [mail] =
      await sql`select text_body from mail_outbox where to_address = ${`${userId}@example.org`} and template = 'staff-welcome'`;
    link = String(mail?.text_body).match(/https?:\/\/\S+\/staff\/setup\?token=\S+/)![0];
  } finally {
    await sql.end();
  }
  const setupUrl = new URL(link);
  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto(setupUrl.pathname + setupUrl.search);
  await expect(newcomer.getByRole('heading', { name: 'Set up your staff account' })).toBeVisible();
  await expect(newcomer.getByText(`Your User ID is ${userId}`)).toBeVisible();
  await newcomer.getByLabel('Your new password').fill(newAdminPassword);
  await newcomer.getByLabel('Type it again').fill(newAdminPassword);
  await newcomer.getByRole('button', { name: 'Save my password and continue' }).click();
  await expect(newcomer).toHaveURL(/\/staff\/two-step$/);
  // Every staff page sends them back until it is done.
  for (const path of ['/staff', '/staff/users', '/staff/patients', '/staff/messages']) {
    await newcomer.goto(path);
    await expect(newcomer).toHaveURL(/\/staff\/two-step$/);
  }
  const { secret } = await setUpTwoStep(newcomer);
  await newcomer.getByRole('button', { name: /I have saved them/ }).click();
  await expect(newcomer).toHaveURL(/\/staff$/);
  await expect(newcomer.getByRole('heading', { name: 'Office home' })).toBeVisible();

  // The link worked once: opened again, it says so and offers no form.
  const again = await (await browser.newContext()).newPage();
  await again.goto(setupUrl.pathname + setupUrl.search);
  await expect(again.getByText('This link does not work any more')).toBeVisible();
  await expect(again.getByLabel('Your new password')).toHaveCount(0);
  await again.close();

  // From now on the code is asked at every sign-in.
  await newcomer.getByRole('button', { name: 'Sign out' }).click();
  await signInStaff(newcomer, { userId, password: newAdminPassword, totpSecret: secret });

  // The demo admin resets it (lost phone): the next sign-in sets it up again.
  await page.goto('/staff/users');
  const row = page.getByRole('listitem').filter({ hasText: userId });
  await row.getByText('Reset two-step verification (lost phone)').click();
  await row.getByLabel('Confirmed the address or phone number on file').check();
  await row.getByLabel('Other verification').fill('Seen in person with staff badge');
  await row.getByRole('button', { name: 'Reset two-step verification' }).click();
  await expect(row.getByText(/Two-step verification is reset/)).toBeVisible();
  await newcomer.goto('/staff/messages');
  await expect(newcomer).toHaveURL(/\/staff\/login/);
  await signIn(newcomer, '/staff/login', userId, newAdminPassword);
  await expect(newcomer).toHaveURL(/\/staff\/two-step$/);
});
