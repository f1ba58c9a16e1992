import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

import { e2eDatabase } from './db';
import { demoClinical, demoParent, signIn, signInStaff, signUpParent } from './helpers';
import { pdfText } from './pdf-text';

// The e2e server runs in the default practice time zone.
const todayIso = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
  new Date(),
);
const todayShort = `${todayIso.slice(5, 7)}/${todayIso.slice(8, 10)}/${todayIso.slice(0, 4)}`;
const todayLong = new Date(`${todayIso}T12:00:00Z`).toLocaleDateString('en-US', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

async function childId(mrn: string): Promise<string> {
  const sql = e2eDatabase();
  const [row] = await sql`select id from children where mrn = ${mrn}`;
  await sql.end();
  return String(row?.id);
}

async function addEntry(
  page: Page,
  section: RegExp,
  fields: Record<string, string>,
  options: { confidential?: boolean; shows: string },
) {
  const region = page.getByRole('region', { name: section });
  const form = region.getByRole('form', { name: 'Add entry' });
  // The "Add to …" fold stays open after an entry is added.
  if (!(await form.isVisible())) await region.getByText(/^Add to /).click();
  for (const [label, value] of Object.entries(fields)) {
    const field = form.getByLabel(label, { exact: true });
    if ((await field.evaluate((element) => element.tagName)) === 'SELECT')
      await field.selectOption({ label: value });
    else await field.fill(value);
  }
  if (options.confidential) await form.getByLabel(/Confidential \(adolescent care\)/).check();
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(
    region.getByRole('listitem').filter({ hasText: options.shows }).first(),
  ).toBeVisible();
}

test('a clinician charts a vaccine and a result; the parent sees them, prints and downloads the record, and never sees what is confidential', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const maya = await childId('DEMO-0001');
  const sofia = await childId('DEMO-0003');

  // The clinician's side.
  await signInStaff(page, demoClinical);
  await page.goto(`/staff/patients/${maya}`);
  await addEntry(
    page,
    /^Immunizations/,
    {
      Vaccine: '21 – varicella',
      'Date given': todayIso,
      'Dose number': '3',
      'Lot number': 'E2E-LOT',
      Site: 'Left arm',
    },
    { shows: 'E2E-LOT' },
  );
  await addEntry(
    page,
    /^Immunizations/,
    { Vaccine: '165 – HPV9', 'Date given': todayIso, 'Dose number': '1' },
    { confidential: true, shows: 'HPV9' },
  );
  await addEntry(
    page,
    /^Problems and conditions/,
    { 'Problem or condition': 'Confidential e2e concern' },
    { confidential: true, shows: 'Confidential e2e concern' },
  );
  await addEntry(
    page,
    /^Test results/,
    {
      Test: 'Hemoglobin e2e',
      Result: '12.4',
      Units: 'g/dL',
      'Reference range': '11.5–15.5',
      'Collected on': todayIso,
      'Resulted on': todayIso,
    },
    { shows: 'Hemoglobin e2e' },
  );
  const result = page
    .getByRole('region', { name: /^Test results/ })
    .getByRole('listitem')
    .filter({ hasText: 'Hemoglobin e2e' });
  await expect(result.getByText('Not released: parents cannot see this result yet.')).toBeVisible();

  // Before release, the parent does not see the result.
  const parent = await (await browser.newContext()).newPage();
  await signIn(parent, '/login', demoParent.userId, demoParent.password);
  await expect(parent).toHaveURL(/\/dashboard$/);
  await parent.goto(`/children/${maya}`);
  await expect(parent.getByRole('heading', { name: 'Immunizations' })).toBeVisible();
  await expect(parent.getByText('Hemoglobin e2e')).toHaveCount(0);

  await result.getByLabel('Comment for the parents (optional)').fill('Looks good.');
  await result.getByRole('button', { name: 'Release to the portal' }).click();
  await expect(result.getByText('Not released: parents cannot see this result yet.')).toHaveCount(
    0,
  );

  await parent.reload();
  const immunizations = parent.getByRole('region', { name: 'Immunizations' });
  await expect(
    immunizations
      .getByRole('listitem')
      .filter({ hasText: 'varicella' })
      .filter({ hasText: todayLong }),
  ).toBeVisible();
  await expect(parent.getByText('Hemoglobin e2e')).toBeVisible();
  // Where Maya stands against the schedule: two MMR doses by 4 years complete that series.
  await expect(immunizations.getByText(/your child’s clinician decides/)).toBeVisible();
  await expect(immunizations.getByRole('row', { name: /^MMR/ })).toContainText('Complete');
  await expect(parent.getByText('Note from your clinician: Looks good.')).toBeVisible();
  await expect(parent.getByText('Amoxicillin', { exact: false }).first()).toBeVisible();
  const content = await parent.content();
  expect(content).not.toMatch(/Confidential e2e concern|HPV9|Throat culture/);

  // The printable record and its PDF.
  await parent.getByRole('link', { name: 'Print for school or daycare' }).click();
  await expect(parent).toHaveURL(new RegExp(`/children/${maya}/immunizations/print$`));
  await expect(parent.getByRole('heading', { name: 'Immunization record' })).toBeVisible();
  await expect(
    parent.getByRole('row').filter({ hasText: 'varicella' }).filter({ hasText: todayShort }),
  ).toBeVisible();
  expect(await parent.content()).not.toMatch(/HPV9/);
  // One sheet for a five-year-old's full series, on US Letter and A4.
  for (const format of ['Letter', 'A4'] as const) {
    const printed = (await parent.pdf({ format })).toString('latin1');
    expect(printed.match(/\/Type\s*\/Page[^s]/g)?.length, `${format} pages`).toBe(1);
  }
  const downloading = parent.waitForEvent('download');
  await parent.getByRole('link', { name: 'Download PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('immunization-record.pdf');
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(pdf);
  expect(text).toContain('varicella');
  expect(text).toContain('Maya Rivera');
  expect(text).not.toMatch(/HPV|Confidential/);

  // The teenager's confidential visit is not there, not even as a count.
  await parent.goto(`/children/${sofia}`);
  await expect(parent.getByRole('heading', { name: 'Visits' })).toBeVisible();
  expect(await parent.content()).not.toMatch(/Confidential adolescent/);
  expect(await parent.locator('main').innerText()).not.toMatch(/confidential|hidden|withheld/i);

  // Another parent gets 404 on all of it.
  const stranger = await (await browser.newContext()).newPage();
  const other = await signUpParent(stranger);
  await signIn(stranger, '/login', other.userId, other.password);
  await expect(stranger).toHaveURL(/\/dashboard$/);
  for (const path of [
    `/children/${maya}`,
    `/children/${maya}/immunizations/print`,
    `/children/${maya}/immunizations/pdf`,
  ]) {
    expect((await stranger.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
});

test('the vaccine picker finds a vaccine by name, CVX code or disease, by keyboard, and still refuses an unknown one', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const maya = await childId('DEMO-0001');
  await signInStaff(page, demoClinical);
  await page.goto(`/staff/patients/${maya}`);
  const region = page.getByRole('region', { name: /^Immunizations/ });
  const form = region.getByRole('form', { name: 'Add entry' });
  if (!(await form.isVisible())) await region.getByText(/^Add to /).click();
  const vaccine = form.getByRole('combobox', { name: 'Vaccine' });
  const list = form.getByRole('listbox');

  // By disease: the words a parent or school uses.
  await vaccine.fill('measles');
  await expect(vaccine).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByRole('option').first()).toContainText(/MMR/);
  await vaccine.press('ArrowDown');
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(vaccine).toHaveAttribute('aria-activedescendant', /-listbox-0$/);
  for (const [width, height] of [
    [375, 740],
    [1280, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await vaccine.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`vaccine-picker-${width}.png`) });
    await testInfo.attach(`vaccine picker at ${width} px`, {
      path: testInfo.outputPath(`vaccine-picker-${width}.png`),
      contentType: 'image/png',
    });
  }
  await vaccine.press('Enter');
  await expect(vaccine).toHaveValue('03 – MMR');
  await expect(vaccine).toHaveAttribute('aria-expanded', 'false');

  // By common name and by code; Escape closes the list without choosing.
  await vaccine.fill('DTaP');
  await expect(list.getByRole('option').first()).toContainText('DTaP');
  await vaccine.press('Escape');
  await expect(vaccine).toHaveAttribute('aria-expanded', 'false');
  await vaccine.fill('20');
  await expect(list.getByRole('option').first()).toHaveText(/^20\s*DTaP$/);
  await list.getByRole('option').first().click();
  await expect(vaccine).toHaveValue('20 – DTaP');

  // Something not on the list keeps the server's clear message next to the field.
  await vaccine.fill('9999');
  await expect(list).toBeHidden();
  await form.getByLabel('Date given', { exact: true }).fill(todayIso);
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form.getByText('that is not a CVX code we know')).toBeVisible();
});
