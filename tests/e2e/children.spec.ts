import { expect, test, type Browser, type Page } from '@playwright/test';

import {
  demoAdmin,
  issuePinFor,
  registerChild,
  signIn,
  signInStaff,
  signUpParent,
  uniqueUserId,
} from './helpers';

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function linkChild(page: Page, pin: string, dateOfBirth: string) {
  await page.goto('/children/link');
  await page.getByLabel('PIN').fill(pin);
  await page.getByLabel('Child’s date of birth').fill(dateOfBirth);
  await page.getByLabel('Your relationship to the child').selectOption('mother');
  await page.getByRole('button', { name: 'Link child' }).click();
}

test('staff registers a child and issues PINs; two parents link the child; a wrong date of birth, a stranger and a revoked parent are kept out', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const lastName = `Quinn${uniqueUserId('').slice(1, 6)}`;
  const dateOfBirth = '2021-03-04';

  // The office registers the child.
  const staff = await newPage(browser);
  await signInStaff(staff, demoAdmin);
  const childId = await registerChild(staff, { firstName: 'Olive', lastName, dateOfBirth });
  const childUrl = `/staff/patients/${childId}`;

  // A PIN needs two confirmations of who is calling.
  await staff.getByLabel('Guardian’s name').fill('Ana Parent');
  await staff.getByLabel('Relationship to the child').fill('Mother');
  await staff.getByRole('button', { name: 'Issue PIN' }).click();
  await expect(
    staff.getByRole('alert').filter({ hasText: 'Confirm at least two things' }),
  ).toBeVisible();
  const pinA = await issuePinFor(staff, 'Ana Parent', 'Mother');
  const letter = staff.getByRole('article', { name: 'PIN letter' });
  await expect(letter).toContainText('Olive');
  await expect(letter).toContainText('March 4, 2021');
  await expect(letter).toContainText(/Use it before/);
  // The letter prints on one page, on US Letter and on A4.
  await staff.emulateMedia({ media: 'print' });
  for (const format of ['Letter', 'A4'] as const) {
    const pdf = (await staff.pdf({ format })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length, `${format} pages`).toBe(1);
  }
  await staff.emulateMedia({ media: 'screen' });
  await staff.getByRole('button', { name: 'Done' }).click();
  const pinB = await issuePinFor(staff, 'Ben Parent', 'Father');
  await staff.getByRole('button', { name: 'Done' }).click();
  await expect(staff.getByText('PINs not yet used')).toBeVisible();

  // Parent A signs up and links the child, typing the PIN loosely.
  const parentA = await newPage(browser);
  const a = await signUpParent(parentA);
  await signIn(parentA, '/login', a.userId, a.password);
  await expect(parentA.getByText('No children are linked to your account yet.')).toBeVisible();
  await linkChild(parentA, pinA.toLowerCase().replace('-', ' '), dateOfBirth);
  await expect(parentA).toHaveURL(/\/dashboard\?linked=/);
  await expect(parentA.getByText('Olive is now linked to your account.')).toBeVisible();
  await parentA.getByRole('link', { name: /Olive/ }).click();
  await expect(parentA.getByRole('heading', { name: `Olive ${lastName}` })).toBeVisible();

  // Parent B links the same child with the second PIN.
  const parentB = await newPage(browser);
  const b = await signUpParent(parentB);
  await signIn(parentB, '/login', b.userId, b.password);
  await expect(parentB).toHaveURL(/\/dashboard$/);
  await linkChild(parentB, pinB, dateOfBirth);
  await expect(parentB.getByText('Olive is now linked to your account.')).toBeVisible();
  await parentB.goto(`/children/${childId}`);
  await expect(parentB.getByRole('heading', { name: `Olive ${lastName}` })).toBeVisible();

  // A third parent with a used PIN and the wrong date of birth gets the one message, and cannot open the child by URL.
  const parentC = await newPage(browser);
  const c = await signUpParent(parentC);
  await signIn(parentC, '/login', c.userId, c.password);
  await expect(parentC).toHaveURL(/\/dashboard$/);
  await linkChild(parentC, pinA, '2021-03-05');
  await expect(
    parentC
      .getByRole('alert')
      .filter({ hasText: 'The PIN and date of birth do not match an active PIN.' }),
  ).toBeVisible();
  const response = await parentC.goto(`/children/${childId}`);
  expect(response?.status()).toBe(404);
  await expect(parentC.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();

  // The office sees both links, then removes B's access; B's open page loses the child on the next request.
  await staff.goto(childUrl);
  await expect(staff.getByText(`(${a.userId})`)).toBeVisible();
  await expect(staff.getByText(`(${b.userId})`)).toBeVisible();
  const linkOfB = staff.getByRole('listitem').filter({ hasText: `(${b.userId})` });
  await linkOfB.getByRole('button', { name: 'Remove access for Robin Tester' }).click();
  await linkOfB.getByLabel('Reason').fill('Custody change');
  await linkOfB.getByRole('button', { name: 'Remove access now' }).click();
  await expect(linkOfB.getByText(/Access removed \(Custody change/)).toBeVisible();

  const reload = await parentB.reload();
  expect(reload?.status()).toBe(404);
  await parentB.goto('/dashboard');
  await expect(parentB.getByText('No children are linked to your account yet.')).toBeVisible();
  await parentA.goto(`/children/${childId}`);
  await expect(parentA.getByRole('heading', { name: `Olive ${lastName}` })).toBeVisible();
});

test('staff find a child by name, date of birth or chart number', async ({ page }) => {
  await signInStaff(page, demoAdmin);
  await page.goto('/staff/patients');
  const searches = [
    { q: 'rivera', dob: '' },
    { q: 'DEMO-0001', dob: '' },
    { q: '', dob: '2021-04-12' },
    { q: 'maya rivera', dob: '' },
  ];
  // Each search posts and the page comes back with the results: wait for that before typing the
  // next one, or the returning page resets the field under the typing.
  const search = async (q: string, dob: string) => {
    await page.getByLabel('Name or chart number').fill(q);
    await page.getByLabel('Date of birth').fill(dob);
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Search' }).click(),
    ]);
    await expect(page.getByRole('button', { name: 'Search' })).toBeEnabled();
  };
  for (const { q, dob } of searches) {
    await search(q, dob);
    await expect(page.getByRole('link', { name: /Rivera, Maya/ }), q).toBeVisible();
    // Posted, so neither the name nor the date of birth is in the address.
    expect(new URL(page.url()).search).toBe('');
  }
  await search('zzzznobody', '');
  await expect(page.getByText('No patient matches this search.')).toBeVisible();
  expect(page.url()).not.toContain('zzzznobody');
});
