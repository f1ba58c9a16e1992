import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';

import { e2eDatabase } from './db';
import { demoAdmin, demoClinical, demoParent, signIn, signInStaff } from './helpers';

test('a clinician opens a chart; the parent sees it on the activity page; the admin finds it in the audit trail and exports it', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const sql = e2eDatabase();
  const [maya] = await sql`select id from children where mrn = 'DEMO-0001'`;
  await sql.end();
  const mayaId = String(maya?.id);

  await signInStaff(page, demoClinical);
  await page.goto(`/staff/patients/${mayaId}`);
  await expect(page.getByRole('heading', { name: 'Health record' })).toBeVisible();

  const parent = await (await browser.newContext()).newPage();
  await signIn(parent, '/login', demoParent.userId, demoParent.password);
  await expect(parent).toHaveURL(/\/dashboard$/);
  await parent.goto(`/children/${mayaId}`);
  await parent.getByRole('link', { name: /See who has seen Maya’s information/ }).click();
  await expect(parent).toHaveURL(new RegExp(`/children/${mayaId}/activity$`));
  await expect(
    parent
      .getByRole('listitem')
      .filter({ hasText: 'Casey Nurse (clinical staff)' })
      .filter({ hasText: 'Opened the chart' })
      .first(),
  ).toBeVisible();
  await expect(parent.getByRole('listitem').filter({ hasText: 'You' }).first()).toBeVisible();

  const admin = await (await browser.newContext()).newPage();
  await signInStaff(admin, demoAdmin);
  await admin.getByRole('link', { name: 'Audit trail' }).first().click();
  const filters = admin.getByRole('form', { name: 'Filter the audit trail' });
  await filters.getByLabel('Child (name or chart number)').fill('DEMO-0001');
  await filters.getByLabel('What').selectOption({ label: 'Record views, prints and downloads' });
  await filters.getByRole('button', { name: 'Show' }).click();
  // The unfiltered trail can list the same views: wait for the filtered page before reading a
  // row, or a slow navigation lands after the row was expanded (seen on a loaded CI machine).
  // The child's name travels in a cookie, never the address; the choice of "What" does.
  await expect(admin).toHaveURL(/[?&]group=record_view(&|$)/);
  await expect(admin.getByText('This child’s history, newest first, by day.')).toBeVisible();
  const row = admin.getByRole('row').filter({ hasText: 'Casey Nurse (demo.clinical)' }).first();
  await expect(row).toBeVisible();
  // Plain words in the table, as on the parent's page; the code only in the event's detail.
  await expect(row).toContainText(/Opened the (chart|patient page)/);
  await expect(row).not.toContainText('record.viewed');
  // Filtered by child, a run of views is one line: its events are behind "Each of the N".
  const open = row.getByRole('link', { name: 'Open' });
  if ((await open.count()) > 0) await open.click();
  else
    // A run's events sit behind a <details>; open it (again, if the page was drawn anew since)
    // and follow its first event.
    await expect(async () => {
      const run = row.locator('details');
      if ((await run.getAttribute('open')) === null) await run.locator('summary').click();
      await run.getByRole('link').first().click({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
  await expect(admin.getByRole('heading', { name: /Audit event \d+/ })).toBeVisible();
  await expect(admin.getByText('record.viewed', { exact: true })).toBeVisible();
  await expect(admin.getByText(/"section": "(chart|staff_summary)"/)).toBeVisible();
  await admin.goBack();

  // The child's whole history, without choosing "What": by day, repeated views as one line.
  await filters.getByLabel('What').selectOption({ label: 'Everything' });
  await filters.getByRole('button', { name: 'Show' }).click();
  await expect(admin.getByText('This child’s history, newest first, by day.')).toBeVisible();
  await expect(
    admin
      .locator('tbody th[scope="colgroup"]')
      .filter({ hasText: /[A-Z][a-z]+ \d{1,2}, \d{4}/ })
      .first(),
  ).toBeVisible();
  const grouped = admin
    .getByRole('row')
    .filter({ hasText: 'Casey Nurse (demo.clinical)' })
    .filter({ hasText: /Opened the chart; Opened the patient page · \d+ times/ })
    .first();
  await expect(grouped).toBeVisible();
  await expect(admin.getByRole('table')).not.toContainText('record.viewed');

  const downloading = admin.waitForEvent('download');
  await admin.getByRole('link', { name: 'Export these as CSV' }).click();
  const csv = await readFile((await (await downloading).path())!, 'utf8');
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toMatch(/^event_id,chain_position,occurred_at,actor/);
  expect(
    lines.some(
      (line) =>
        line.includes('demo.clinical') &&
        line.includes('record.viewed') &&
        line.includes('DEMO-0001'),
    ),
  ).toBe(true);
});
