import { expect, test, type Browser, type Page } from '@playwright/test';

import {
  demoFrontDesk,
  fillSignUpForm,
  issuePinFor,
  signIn,
  strongPassword,
  uniqueUserId,
  unusedTotpCode,
} from './helpers';

/**
 * Issue 18 item 1: a redirect after a successful submit is not a lost connection; no alert may
 * flash on the way to the next page. Every element with role=alert that appears or changes is
 * recorded from before the page's first script, so even one shown for a few milliseconds counts.
 * Item 4: every form marks its required fields and says once what the asterisk means.
 */
const watchAlerts = () => {
  const shown: string[] = [];
  const lastText = new WeakMap<Element, string>();
  const record = (element: Element | null) => {
    if (!element) return;
    const alerts = [
      ...(element.getAttribute('role') === 'alert' ? [element] : []),
      ...element.querySelectorAll('[role="alert"]'),
    ];
    for (const alert of alerts) {
      const text = (alert.textContent ?? '').trim();
      if (text && lastText.get(alert) !== text) {
        lastText.set(alert, text);
        shown.push(text);
      }
    }
  };
  (window as unknown as { shownAlerts: string[] }).shownAlerts = shown;
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'childList') {
        mutation.addedNodes.forEach((node) =>
          record(node instanceof Element ? node : node.parentElement),
        );
        record(mutation.target instanceof Element ? mutation.target : null);
      } else {
        const target = mutation.target;
        record(target instanceof Element ? target : target.parentElement);
      }
    }
  }).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['role'],
  });
};

async function watchedPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(watchAlerts);
  return context.newPage();
}

async function alertsSoFar(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { shownAlerts: string[] }).shownAlerts);
}

/** Clicks, waits for the next page, waits a little longer, and finds no alert shown meanwhile. */
async function submitWithoutAlerts(page: Page, button: string, destination: RegExp) {
  await page.evaluate(() => {
    (window as unknown as { shownAlerts: string[] }).shownAlerts.length = 0;
  });
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page).toHaveURL(destination);
  await page.waitForTimeout(750);
  expect(await alertsSoFar(page), `alerts while "${button}" led to ${page.url()}`).toEqual([]);
}

/** Every form on the page: asterisk note once, marks and aria-required agreeing. */
async function expectRequiredMarked(page: Page, atLeast: number) {
  const report = await page.locator('form').evaluateAll((forms) =>
    forms.map((form) => {
      const problems: string[] = [];
      const notes = [...form.querySelectorAll('[data-required-note]')];
      const required = [...form.querySelectorAll('[aria-required="true"]')];
      const marks = [...form.querySelectorAll('[data-required-mark]')];
      if ((required.length > 0 || marks.length > 0) && notes.length !== 1)
        problems.push(`${notes.length} asterisk notes`);
      if (
        notes[0] &&
        notes[0].textContent?.trim() !== '*Required fields are marked with an asterisk.'
      )
        problems.push(`note says "${notes[0].textContent}"`);
      const firstControl = form.querySelector('input:not([type=hidden]), select, textarea');
      if (notes[0] && firstControl && notes[0].compareDocumentPosition(firstControl) & 2)
        problems.push('the note comes after a field');
      for (const mark of marks) {
        const label = mark.closest('label');
        if (label && label.control?.getAttribute('aria-required') !== 'true')
          problems.push(`"${label.textContent}" is marked but not aria-required`);
      }
      for (const control of required) {
        if (control.getAttribute('role') === 'radiogroup') continue;
        const label = (control as HTMLInputElement).labels?.[0];
        if (!label?.querySelector('[data-required-mark]'))
          problems.push(`${control.id} is aria-required but its label has no asterisk`);
      }
      return { form: form.getAttribute('aria-label') ?? '', marked: marks.length, problems };
    }),
  );
  expect(report.flatMap((form) => form.problems.map((p) => `${form.form}: ${p}`))).toEqual([]);
  expect(
    report.reduce((sum, form) => sum + form.marked, 0),
    `required fields marked on ${page.url()}`,
  ).toBeGreaterThanOrEqual(atLeast);
}

test('no alert flashes after a successful submit that moves on; a lost connection still shows one', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const parent = await watchedPage(browser);
  const staff = await watchedPage(browser);
  const userId = uniqueUserId('alerts');

  // Sign-up.
  await fillSignUpForm(parent, { firstName: 'Ada', lastName: 'Alert', userId });
  await expectRequiredMarked(parent, 8);
  await submitWithoutAlerts(parent, 'Create account', /^(?!.*\/signup)/);
  await parent.context().clearCookies();

  // Parent sign-in.
  await parent.goto('/login');
  await expectRequiredMarked(parent, 2);
  await parent.getByLabel('User ID or email').fill(userId);
  await parent.getByLabel('Password', { exact: true }).fill(strongPassword);
  await submitWithoutAlerts(parent, 'Sign in', /\/dashboard$/);

  // Staff sign-in and the two-step code.
  await staff.goto('/staff/login');
  await expectRequiredMarked(staff, 2);
  await staff.getByLabel('User ID or email').fill(demoFrontDesk.userId);
  await staff.getByLabel('Password', { exact: true }).fill(demoFrontDesk.password);
  await submitWithoutAlerts(staff, 'Sign in', /\/staff\/login\/verify$/);
  await expectRequiredMarked(staff, 1);
  await staff
    .getByLabel('Verification code')
    .fill(await unusedTotpCode(demoFrontDesk.userId, demoFrontDesk.totpSecret));
  await submitWithoutAlerts(staff, 'Verify', /\/staff$/);

  // Registering a child.
  const dateOfBirth = '2020-07-08';
  await staff.goto('/staff/patients/new');
  await expectRequiredMarked(staff, 3);
  await staff.getByLabel('First name').fill('Alma');
  await staff.getByLabel('Last name').fill(`Alert${userId.slice(-4)}`);
  await staff.getByLabel('Date of birth').fill(dateOfBirth);
  await submitWithoutAlerts(staff, 'Register child', /\/staff\/patients\/[0-9a-f-]{36}(\?|$)/);
  await expectRequiredMarked(staff, 2);
  const pin = await issuePinFor(staff, 'Ada Alert', 'Mother');

  // Linking the child.
  await parent.goto('/children/link');
  await expectRequiredMarked(parent, 3);
  await parent.getByLabel('PIN').fill(pin);
  await parent.getByLabel('Child’s date of birth').fill(dateOfBirth);
  await parent.getByLabel('Your relationship to the child').selectOption('mother');
  await submitWithoutAlerts(parent, 'Link child', /\/dashboard\?linked=/);

  // Sending a message.
  await parent.goto('/services/message');
  await expectRequiredMarked(parent, 3);
  await parent.getByLabel('Clinical question').check();
  await parent.getByLabel('Subject', { exact: true }).fill('A quick question');
  await parent.getByLabel('Message', { exact: true }).fill('Is the clinic open on Saturday?');
  await submitWithoutAlerts(parent, 'Send message', /\/services\/message\/sent\?conversation=/);

  // The other forms a parent meets mark theirs too.
  for (const [path, atLeast] of [
    ['/forgot-password', 1],
    ['/forgot-user-id', 1],
    ['/account', 3],
  ] as const) {
    await parent.goto(path);
    await expectRequiredMarked(parent, atLeast);
  }

  // A dropped connection is still said plainly.
  await parent.goto('/services/message');
  await parent.getByLabel('Clinical question').check();
  await parent.getByLabel('Subject', { exact: true }).fill('Another question');
  await parent.getByLabel('Message', { exact: true }).fill('Is the clinic open on Sunday?');
  await parent.route('**/services/message', async (route) => {
    if (route.request().method() === 'POST') await route.abort('internetdisconnected');
    else await route.continue();
  });
  await parent.getByRole('button', { name: 'Send message', exact: true }).click();
  await expect(
    parent
      .getByRole('alert')
      .filter({ hasText: 'We could not reach the portal. Check your connection and try again.' }),
  ).toBeVisible();
  await expect(parent).toHaveURL(/\/services\/message$/);
});

test('a lost connection at sign-in shows the message, and the next try signs in', async ({
  browser,
}) => {
  const page = await watchedPage(browser);
  await page.route('**/login', async (route) => {
    if (route.request().method() === 'POST') await route.abort('internetdisconnected');
    else await route.continue();
  });
  await signIn(page, '/login', uniqueUserId('offline'), 'whatever-password-1');
  await expect(
    page.getByRole('alert').filter({ hasText: 'We could not reach the portal.' }),
  ).toBeVisible();
  expect(await alertsSoFar(page)).toContain(
    'We could not reach the portal. Check your connection and try again.',
  );
});
