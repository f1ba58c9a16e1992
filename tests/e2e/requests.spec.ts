import { expect, test, type Browser, type Page } from '@playwright/test';

import {
  demoClinical,
  demoFrontDesk,
  signedInParentWithChild,
  signInStaff,
  type StaffLogin,
} from './helpers';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A new parent, signed in on a browser of their own, with a newly linked child. */
async function parentWithChild(browser: Browser, medicine?: string) {
  const page = await (await browser.newContext()).newPage();
  const { childLastName } = await signedInParentWithChild(page, {
    firstName: 'Iris',
    lastNamePrefix: 'Req',
    dateOfBirth: '2018-07-07',
    relationship: 'Mother',
    arrange: async (sql, childId) => {
      if (medicine)
        await sql`insert into medications (child_id, name) values (${childId}, ${medicine})`;
    },
  });
  return { page, childLastName };
}

/** Opens Patient Services on a phone-sized screen and picks the kind of request. */
async function startRequest(page: Page, label: string) {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.getByText('Patient Services').click();
  await page.getByRole('link', { name: label }).click();
  await expect(page.getByRole('note')).toContainText('call 911');
}

async function submitAndSee(page: Page) {
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page).toHaveURL(/\/services\/requests\/[0-9a-f-]{36}\?sent=1$/);
  await expect(page.getByText('Request sent')).toBeVisible();
  await expect(page.getByTestId('request-status')).toHaveText('Received');
  return page.url().replace(/\?sent=1$/, '');
}

/** The office finds the request by the child's name and opens it. */
async function openInQueue(browser: Browser, login: StaffLogin, childLastName: string) {
  const page = await (await browser.newContext()).newPage();
  await signInStaff(page, login);
  await page.goto('/staff/requests');
  await page.getByRole('textbox', { name: 'Child’s name or MRN' }).fill(childLastName);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: `${childLastName}, Iris` }).click();
  await expect(page).toHaveURL(/\/staff\/requests\/[0-9a-f-]{36}$/);
  return page;
}

async function setStatus(page: Page, status: string) {
  await page.getByLabel('New status').selectOption({ label: status });
}

async function attachCompleted(page: Page) {
  await page
    .getByLabel('File (PDF, JPEG or PNG, up to 10 MB)')
    .setInputFiles({ name: 'done.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Attach file' }).click();
  await expect(
    page.getByRole('link', { name: 'The completed file from the office' }),
  ).toBeVisible();
}

async function downloadCompleted(page: Page, requestUrl: string) {
  await page.goto(requestUrl);
  await expect(page.getByTestId('request-status')).toHaveText('Ready');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('link', { name: /^Download PDF/ })
      .last()
      .click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-completed\.pdf$/);
}

test('an appointment request is booked by the front desk and the parent sees the time', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page, childLastName } = await parentWithChild(browser);
  await startRequest(page, 'Request an appointment');
  await page.getByLabel('Reason for the visit').selectOption({ label: 'Sick visit' });
  await page.getByLabel('Days and times that suit you').fill('Weekday mornings');
  await page.getByLabel('Phone number').fill('555-555-0100');
  const url = await submitAndSee(page);

  const office = await openInQueue(browser, demoFrontDesk, childLastName);
  await office.getByRole('button', { name: 'Assign to me' }).click();
  await setStatus(office, 'Scheduled');
  const when = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await office.getByLabel('Date and time booked').fill(`${when}T10:30`);
  await office.getByRole('button', { name: 'Save status' }).click();
  await expect(office.getByTestId('request-status')).toHaveText('Scheduled');

  await page.goto(url);
  await expect(page.getByTestId('request-status')).toHaveText('Scheduled');
  await page.getByRole('link', { name: 'Open the conversation in your Inbox' }).click();
  await expect(page.getByText(/Your appointment is booked for/)).toBeVisible();
});

test('a prescription renewal goes to the clinical queue and is sent to the pharmacy', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page, childLastName } = await parentWithChild(browser, 'Albuterol inhaler');
  await startRequest(page, 'Ask for a prescription renewal');
  await page.getByLabel('Albuterol inhaler').check();
  await page.getByLabel('Pharmacy name').fill('Main Street Pharmacy');
  await page.getByLabel('Pharmacy phone').fill('555-555-0199');
  await page.getByLabel('Pharmacy address').fill('1 Main Street');
  const url = await submitAndSee(page);

  const office = await openInQueue(browser, demoClinical, childLastName);
  await setStatus(office, 'Sent to pharmacy');
  await office.getByRole('button', { name: 'Save status' }).click();
  await expect(office.getByTestId('request-status')).toHaveText('Sent to pharmacy');

  await page.goto(url);
  await expect(page.getByTestId('request-status')).toHaveText('Sent to pharmacy');
});

test('a school form goes up blank and comes back completed, as a download', async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, childLastName } = await parentWithChild(browser);
  await startRequest(page, 'Ask for a form');
  await page.getByLabel('Type of form').selectOption({ label: 'School' });
  await page
    .getByLabel('The blank form (optional)')
    .setInputFiles({ name: 'school.pdf', mimeType: 'application/pdf', buffer: PDF });
  const url = await submitAndSee(page);
  await expect(page.getByText('The blank form you sent')).toBeVisible();

  const office = await openInQueue(browser, demoFrontDesk, childLastName);
  await attachCompleted(office);
  await setStatus(office, 'Ready');
  await office.getByRole('button', { name: 'Save status' }).click();
  await expect(office.getByTestId('request-status')).toHaveText('Ready');

  await downloadCompleted(page, url);
});

/** A PDF of about `megabytes` MB: the header, a long comment, the trailer. */
function pdfOf(megabytes: number) {
  const head = '%PDF-1.4\n1 0 obj <<>> endobj\n%';
  const tail = '\ntrailer <<>>\n%%EOF\n';
  return Buffer.from(head + 'x'.repeat(megabytes * 1024 * 1024 - head.length - tail.length) + tail);
}

test('a 5 MB form goes through the front door to the office; an 11 MB one is refused at the field', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page, childLastName } = await parentWithChild(browser);
  await startRequest(page, 'Ask for a form');
  await page.getByLabel('Type of form').selectOption({ label: 'Sports' });
  const field = page.getByLabel('The blank form (optional)');
  await field.setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: pdfOf(11) });
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(
    page.getByText('This file is larger than 10 MB. Choose a smaller file.'),
  ).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/services\/requests\/new\/form$/);

  const five = pdfOf(5);
  await field.setInputFiles({ name: 'sports.pdf', mimeType: 'application/pdf', buffer: five });
  await submitAndSee(page);
  await expect(page.getByText('The blank form you sent')).toBeVisible();

  const office = await openInQueue(browser, demoFrontDesk, childLastName);
  const [download] = await Promise.all([
    office.waitForEvent('download'),
    office.locator('a[href*="/files/"]').first().click(),
  ]);
  const saved = await download.path();
  expect((await import('node:fs')).statSync(saved).size).toBe(five.byteLength);
});

test('a copy of the records is attached within the 30-day clock and downloaded', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page, childLastName } = await parentWithChild(browser);
  await startRequest(page, 'Ask for a copy of the records');
  await page.getByLabel('What do you need?').selectOption({ label: 'Immunization record' });
  const url = await submitAndSee(page);

  const office = await (await browser.newContext()).newPage();
  await signInStaff(office, demoFrontDesk);
  await office.goto('/staff/requests?kind=records&tab=open');
  await office.getByRole('textbox', { name: 'Child’s name or MRN' }).fill(childLastName);
  await office.getByRole('button', { name: 'Search' }).click();
  const row = office.getByRole('row', { name: new RegExp(childLastName) });
  await expect(row).toContainText('Day 1 of 30');
  await row.getByRole('link').click();
  await attachCompleted(office);
  await setStatus(office, 'Ready');
  await office.getByRole('button', { name: 'Save status' }).click();
  await expect(office.getByTestId('request-status')).toHaveText('Ready');

  await downloadCompleted(page, url);
});
