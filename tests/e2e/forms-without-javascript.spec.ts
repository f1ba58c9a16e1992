import { expect, test, type Browser, type Page } from '@playwright/test';

import {
  demoClinical,
  demoFrontDesk,
  issuePinFor,
  registerChild,
  signInStaff,
  strongPassword,
  uniqueUserId,
  unusedTotpCode,
} from './helpers';

/**
 * Issue 26: with JavaScript off (or not yet arrived), the forms that matter most post to their
 * server actions and work; no form falls back to a GET with its fields in the address.
 */

/** Every address the page asked for, so a test can prove no typed value ever went into one. */
function recordAddresses(page: Page): string[] {
  const addresses: string[] = [];
  page.on('request', (request) => addresses.push(request.url()));
  page.on('framenavigated', (frame) => addresses.push(frame.url()));
  return addresses;
}

function expectNoValueInAddresses(addresses: string[], values: string[]) {
  for (const address of addresses) {
    const decoded = decodeURIComponent(address.replace(/\+/g, ' '));
    for (const value of values) {
      expect(decoded, `an address holds the value "${value}"`).not.toContain(value);
    }
  }
}

/** No form on the page can be sent by GET: each posts, or (needing JavaScript) goes nowhere. */
async function expectNoGetForms(page: Page) {
  const forms = await page.locator('form').evaluateAll((elements) =>
    elements.map((form) => ({
      label: form.getAttribute('aria-label') ?? form.getAttribute('role') ?? '',
      method: (form as HTMLFormElement).method,
      action: form.getAttribute('action') ?? '',
      search: form.getAttribute('role') === 'search',
    })),
  );
  for (const form of forms) {
    if (form.search) continue;
    expect(
      form.method === 'post' || form.action.startsWith('javascript:'),
      `form "${form.label}" (method ${form.method}, action ${form.action})`,
    ).toBe(true);
  }
}

async function noScriptPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ javaScriptEnabled: false })).newPage();
}

async function scriptPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test('with JavaScript off a parent signs up, signs in, links a child and sends a message', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await noScriptPage(browser);
  const addresses = recordAddresses(page);
  const userId = uniqueUserId('nojs');
  const email = `${userId}@example.org`;
  const hintAnswer = 'Marmalade sandwich';
  const wrongPassword = 'not-my-password-4471';
  const typed = [userId, email, strongPassword, hintAnswer, wrongPassword];

  // Sign-up: a refusal first (the passwords differ), shown next to its field.
  async function fillSignUp(confirm: string) {
    await page.goto('/signup');
    await expectNoGetForms(page);
    await page.getByLabel('First name').fill('Nora');
    await page.getByLabel('Last name').fill('Script');
    await page.getByLabel('User ID').fill(userId);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(strongPassword);
    await page.getByLabel('Confirm password').fill(confirm);
    await page.getByLabel('Hint question').selectOption({ index: 1 });
    await page.getByLabel('Hint answer').fill(hintAnswer);
    await page.getByRole('button', { name: 'Create account' }).click();
  }
  await fillSignUp(`${strongPassword}x`);
  await expect(page.getByText('The two passwords do not match.')).toBeVisible();
  await expect(page.getByText('Please correct the highlighted fields.')).toBeVisible();
  await fillSignUp(strongPassword);
  await expect(page).not.toHaveURL(/\/signup/);
  // Whatever sign-up leads to next, this test signs in by itself.
  await page.context().clearCookies();

  // Sign-in: the generic refusal, then in.
  async function signInWith(password: string) {
    await page.goto('/login');
    await expectNoGetForms(page);
    await page.getByLabel('User ID or email').fill(userId);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await signInWith(wrongPassword);
  await expect(page.getByText('The User ID/email or password is not correct.')).toBeVisible();
  await signInWith(strongPassword);
  await expect(page).toHaveURL(/\/dashboard$/);

  // The office (with JavaScript) registers a child and issues a PIN.
  const staff = await scriptPage(browser);
  await signInStaff(staff, demoFrontDesk);
  const dateOfBirth = '2022-05-06';
  await registerChild(staff, {
    firstName: 'Ivo',
    lastName: `Nojs${userId.slice(-4)}`,
    dateOfBirth,
  });
  const pin = await issuePinFor(staff, 'Nora Script', 'Mother');
  typed.push(pin, pin.replace('-', ''));

  // Link a child: a PIN of the wrong shape is refused, then the real one links.
  async function link(value: string) {
    await page.goto('/children/link');
    await expectNoGetForms(page);
    await page.getByLabel('PIN').fill(value);
    await page.getByLabel('Child’s date of birth').fill(dateOfBirth);
    await page.getByLabel('Your relationship to the child').selectOption('mother');
    await page.getByRole('button', { name: 'Link child' }).click();
  }
  await link('12');
  await expect(page).toHaveURL(/\/children\/link$/);
  await expect(page.locator('#pin-error')).toBeVisible();
  await link(pin);
  await expect(page).toHaveURL(/\/dashboard\?linked=/);
  await expect(page.getByText('Ivo is now linked to your account.')).toBeVisible();

  // Send a secure message: a missing subject is refused, then it is sent.
  const subject = `No script ${userId.slice(-4)}`;
  const body = 'Does she need a booster before school starts in the autumn?';
  typed.push(subject, body);
  async function write(withSubject: string) {
    await page.goto('/services/message');
    await expectNoGetForms(page);
    await page.getByLabel('Clinical question').check();
    await page.getByLabel('Subject', { exact: true }).fill(withSubject);
    await page.getByLabel('Message', { exact: true }).fill(body);
    await page.getByRole('button', { name: 'Send message' }).click();
  }
  await write('');
  await expect(page.locator('#subject-error')).toBeVisible();
  await write(subject);
  await expect(page).toHaveURL(/\/services\/message\/sent\?conversation=/);
  await page.goto('/inbox');
  await expect(page.getByText(subject)).toBeVisible();

  expectNoValueInAddresses(addresses, typed);
});

test('with JavaScript off the forgotten password and User ID forms post and answer', async ({
  browser,
}) => {
  const page = await noScriptPage(browser);
  const addresses = recordAddresses(page);
  const identifier = uniqueUserId('forgot');
  const email = `${identifier}@example.org`;

  await page.goto('/forgot-password');
  await expectNoGetForms(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Enter your User ID or email.')).toBeVisible();
  await page.getByLabel('User ID or email').fill(identifier);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/forgot-password\?sent=1$/);

  await page.goto('/forgot-user-id');
  await expectNoGetForms(page);
  await page.getByLabel('Email').fill('not-an-address');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/forgot-user-id\?sent=1$/);

  expectNoValueInAddresses(addresses, [identifier, email, 'not-an-address']);
});

test('with JavaScript off staff sign in with the password and the two-step code', async ({
  browser,
}) => {
  const page = await noScriptPage(browser);
  const addresses = recordAddresses(page);
  const wrongPassword = 'not-the-staff-password-9';

  async function signInWith(password: string) {
    await page.goto('/staff/login');
    await expectNoGetForms(page);
    await page.getByLabel('User ID or email').fill(demoClinical.userId);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await signInWith(wrongPassword);
  await expect(page.getByText('The User ID/email or password is not correct.')).toBeVisible();
  await signInWith(demoClinical.password);
  await expect(page).toHaveURL(/\/staff\/login\/verify$/);
  await expectNoGetForms(page);

  await page.getByLabel('Verification code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText(/That code did not work \(\d+ more tr/)).toBeVisible();
  const code = await unusedTotpCode(demoClinical.userId, demoClinical.totpSecret);
  await page.getByLabel('Verification code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/staff$/);
  // Signing out posts too.
  await expectNoGetForms(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/staff\/login\?notice=signed-out$/);

  expectNoValueInAddresses(addresses, [
    demoClinical.password,
    wrongPassword,
    code,
    `identifier=${demoClinical.userId}`,
  ]);
});

test('with JavaScript off a form that needs it says so and sends nothing', async ({ browser }) => {
  const page = await noScriptPage(browser);
  await page.goto('/staff/login');
  await page.getByLabel('User ID or email').fill(demoFrontDesk.userId);
  await page.getByLabel('Password', { exact: true }).fill(demoFrontDesk.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByLabel('Verification code')
    .fill(await unusedTotpCode(demoFrontDesk.userId, demoFrontDesk.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto('/staff/patients/new');
  await expectNoGetForms(page);
  // Playwright's text matching skips everything inside <noscript> (by design, as it would in a
  // browser running scripts), so the note is found by its place and its words read directly.
  const note = page.locator('form[aria-label="Register a child"] noscript [role="status"]');
  await expect(note).toBeVisible();
  expect(await note.evaluate((element) => element.textContent)).toContain(
    'This form needs JavaScript',
  );
  const before = page.url();
  await page.getByLabel('First name').fill('Nobody');
  await page.getByRole('button', { name: 'Register child' }).click();
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
});

test('sign-in typed before the page’s scripts arrive still signs in, by POST', async ({
  browser,
}) => {
  const userId = uniqueUserId('slow');
  // An account to sign in with (made with scripts on, as usual).
  const setup = await scriptPage(browser);
  await setup.goto('/signup');
  await setup.getByLabel('First name').fill('Sol');
  await setup.getByLabel('Last name').fill('Slow');
  await setup.getByLabel('User ID').fill(userId);
  await setup.getByLabel('Email').fill(`${userId}@example.org`);
  await setup.getByLabel('Password', { exact: true }).fill(strongPassword);
  await setup.getByLabel('Confirm password').fill(strongPassword);
  await setup.getByLabel('Hint question').selectOption({ index: 1 });
  await setup.getByLabel('Hint answer').fill('Pancake');
  await setup.getByRole('button', { name: 'Create account' }).click();
  await expect(setup).not.toHaveURL(/\/signup/);

  const page = await scriptPage(browser);
  const addresses = recordAddresses(page);
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  // Only the scripts: the stylesheets live under /_next/static/chunks/ too, and holding one
  // blocks the first paint, so the browser would take no click at all (not what a slow phone does).
  await page.route(/\/_next\/static\/chunks\/[^?]*\.js(\?|$)/, async (route) => {
    await released;
    await route.continue().catch(() => {});
  });
  try {
    // Only the HTML: the scripts are held back, so the form is not yet React's.
    await page.goto('/login', { waitUntil: 'commit' });
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await page.getByLabel('User ID or email').fill(userId);
    await page.getByLabel('Password', { exact: true }).fill(strongPassword);
    const post = page.waitForRequest(
      (request) => request.isNavigationRequest() && request.method() === 'POST',
    );
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL((await post).url()).pathname).toBe('/login');
    await expect(page).toHaveURL(/\/dashboard$/);
  } finally {
    release();
  }
  expectNoValueInAddresses(addresses, [strongPassword, userId]);
});
