import { expect, test } from '@playwright/test';

import { e2eDatabase } from './db';
import { demoParent, signIn } from './helpers';

async function childId(mrn: string): Promise<string> {
  const sql = e2eDatabase();
  const [row] = await sql`select id from children where mrn = ${mrn}`;
  await sql.end();
  return String(row?.id);
}

test('a parent shares the immunization record with a school nurse, who opens it with the code until the parent turns it off', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const maya = await childId('DEMO-0001');
  await signIn(page, '/login', demoParent.userId, demoParent.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/children/${maya}`);
  await page
    .getByRole('region', { name: 'Share links for school, daycare or camp' })
    .getByRole('link', { name: 'Make a share link' })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Share Maya’s immunization record' }),
  ).toBeVisible();

  const form = page.getByRole('form', { name: 'Make a share link' });
  await form.getByLabel('Who is it for? (optional)').fill('E2E school nurse');
  await form.getByLabel('The link works for').selectOption({ label: '3 days' });
  await expect(form.getByLabel(/Protect it with a 4-number code/)).toBeChecked();
  await form.getByRole('button', { name: /Make a link/ }).click();
  await expect(page.getByText('Your link is ready')).toBeVisible();
  const url = (await page.getByTestId('share-url').innerText()).trim();
  const code = (await page.getByTestId('share-code').innerText()).trim();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
  expect(code).toMatch(/^\d{4}$/);
  const row = page.getByTestId('share-link-row').filter({ hasText: 'E2E school nurse' });
  await expect(row).toContainText('Works now');
  await expect(row).toContainText('Not opened yet');

  // The nurse: a fresh browser, no account.
  const nurseContext = await browser.newContext();
  const nurse = await nurseContext.newPage();
  await nurse.goto(url);
  await expect(nurse.getByRole('heading', { name: 'A shared immunization record' })).toBeVisible();
  // Before the code, nothing of the child is on the page.
  expect(await nurse.content()).not.toMatch(/Maya|Rivera|DTaP/);
  const wrong = String((Number(code) + 1) % 10_000).padStart(4, '0');
  await nurse.getByLabel('Code').fill(wrong);
  await nurse.getByRole('button', { name: 'Show the record' }).click();
  await expect(nurse.getByText(/That code is not right\. 4 tries are left/)).toBeVisible();
  await nurse.getByLabel('Code').fill(code);
  await nurse.getByRole('button', { name: 'Show the record' }).click();
  await expect(nurse.getByRole('heading', { name: 'Immunization record' })).toBeVisible();
  await expect(nurse.getByText('Maya Rivera')).toBeVisible();
  await expect(nurse.getByRole('heading', { name: 'MMR (measles, mumps, rubella)' })).toBeVisible();
  await expect(nurse.getByRole('button', { name: 'Print' })).toBeVisible();
  // Nothing else of the portal opens with the link.
  for (const path of [
    `/children/${maya}`,
    `/children/${maya}/immunizations/print`,
    `/children/${maya}/fhir`,
    '/dashboard',
  ]) {
    const response = await nurse.request.get(path, { maxRedirects: 0 });
    expect([302, 303, 307, 308], path).toContain(response.status());
    expect(response.headers().location ?? '', path).toMatch(/\/login/);
  }

  // The parent sees the opening, on the child's page and on the activity page.
  await page.goto(`/children/${maya}`);
  await expect(
    page.getByTestId('share-link-row').filter({ hasText: 'E2E school nurse' }),
  ).toContainText('Opened once');
  await page.goto(`/children/${maya}/activity`);
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: 'Someone with a share link' })
      .filter({ hasText: 'Opened the immunization record through a share link' })
      .first(),
  ).toBeVisible();

  // The parent turns it off; the nurse's next visit is refused without naming the child.
  await page.goto(`/children/${maya}`);
  const shareRow = page.getByTestId('share-link-row').filter({ hasText: 'E2E school nurse' });
  await shareRow.getByRole('button', { name: /Turn off/ }).click();
  await expect(page.getByText('The link is turned off. It no longer opens.')).toBeVisible();
  await expect(shareRow).toContainText('Turned off');

  await nurse.goto(url);
  await expect(nurse.getByRole('heading', { name: 'This link no longer opens' })).toBeVisible();
  await expect(nurse.getByText('This link has been turned off.')).toBeVisible();
  expect(await nurse.content()).not.toMatch(/Maya|Rivera/);
  // A link that never existed is a 404.
  expect(
    (await nurse.request.get('/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status(),
  ).toBe(404);
  await nurseContext.close();
});
