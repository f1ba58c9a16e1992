import { expect, test, type Locator, type Page } from '@playwright/test';

import {
  signedInParentWithChild,
  signIn,
  signUpParent,
  strongPassword,
  uniqueUserId,
} from './helpers';

/**
 * Issue 22: a parent page's forms are left out of its first-load JavaScript (deferredForm in
 * components/forms/deferred-form.tsx). The page comes alive without them; until the form's code
 * arrives the form is the server's HTML, and what is typed or sent in that time is not lost.
 */

/** Holds back every script that holds `marker` (a string in the form's own code) until `release`. */
async function holdScriptsWith(page: Page, marker: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route('**/_next/static/chunks/**/*.js', async (route) => {
    const response = await route.fetch();
    if ((await response.text()).includes(marker)) {
      held.push(route.request().url());
      await released;
    }
    await route.fulfill({ response });
  });
  return { release, held };
}

/** React has taken over this element (hydrated it), so its handlers run. */
function isLive(element: Locator) {
  return element.evaluate((node) =>
    Object.keys(node).some((key) => key.startsWith('__reactFiber')),
  );
}

async function expectPageLiveFormNot(page: Page, form: Locator, held: string[]) {
  await expect.poll(() => isLive(page.locator('main h1'))).toBe(true);
  // The form's chunk is asked for once the page is live, so it may not have been asked for yet.
  await expect.poll(() => held.length).toBeGreaterThan(0);
  expect(await isLive(form)).toBe(false);
}

test('a message typed before the form’s code arrives is kept and sent', async ({ page }) => {
  const { childLastName } = await signedInParentWithChild(page, {
    firstName: 'Ada',
    lastNamePrefix: 'Late',
    dateOfBirth: '2021-03-04',
    relationship: 'Father',
  });

  const { release, held } = await holdScriptsWith(page, 'idempotencyKey');
  // Not 'load': the load event waits for the held script.
  await page.goto('/services/message', { waitUntil: 'domcontentloaded' });
  const form = page.getByRole('form', { name: 'Send a secure message' });
  await expectPageLiveFormNot(page, form, held);

  const subject = `Late script ${uniqueUserId('').slice(1, 6)}`;
  await form
    .getByLabel('Which child is this about?')
    .selectOption({ label: `Ada ${childLastName}` });
  await form.getByLabel('Clinical question').check();
  await form.getByLabel('Subject', { exact: true }).fill(subject);
  await form.getByLabel('Message', { exact: true }).fill('Typed while the form was still loading.');

  release();
  await expect.poll(() => isLive(form)).toBe(true);
  await expect(form.getByLabel('Subject', { exact: true })).toHaveValue(subject);
  await expect(form.getByLabel('Message', { exact: true })).toHaveValue(
    'Typed while the form was still loading.',
  );
  await expect(form.getByLabel('Clinical question')).toBeChecked();
  await form.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('heading', { name: 'Your message was sent' })).toBeVisible();
});

test('a form that needs JavaScript, sent before its code arrives, is sent once it has', async ({
  page,
}) => {
  const parent = await signUpParent(page);
  await signIn(page, '/login', parent.userId, parent.password);
  await expect(page).toHaveURL(/\/dashboard$/);

  const { release, held } = await holdScriptsWith(page, 'ch-answer');
  await page.goto('/account', { waitUntil: 'domcontentloaded' });
  const form = page.getByRole('form', { name: 'Change hint question' });
  await expectPageLiveFormNot(page, form, held);

  await form.getByLabel('Hint question').selectOption({ index: 1 });
  await form.getByLabel('Hint answer').fill('Blue bicycle');
  await form.getByLabel('Current password').fill(strongPassword);
  await form.getByRole('button', { name: 'Change hint' }).click();
  await expect(page).toHaveURL(/\/account$/);

  release();
  await expect(form.getByText('Your hint question and answer are changed.')).toBeVisible();
});
