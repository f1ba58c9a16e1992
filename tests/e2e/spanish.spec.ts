import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

import { e2eDatabase } from './db';
import { demoAdmin, issuePinFor, signInStaff, strongPassword, uniqueUserId } from './helpers';
import {
  expectNoEnglish,
  fillLinkChildForm,
  fillSignUpFormInAnyLanguage,
  formWith,
  signInInAnyLanguage,
  submitOf,
} from './languages';
import { pdfText } from './pdf-text';

/**
 * The main parent journey, entirely in Spanish: the switch on the home page, signing up, linking
 * a child with a PIN, a message to the office, the record, the printable immunization record and
 * its PDF, and the emails. Every page is checked for English sentences (all of them are listed
 * before the test fails). Fields are found by name, buttons by position, never by English words.
 */

/**
 * What the office typed into the chart (instructions, reactions, reasons, summaries, results): a
 * clinician writes it in their own words, in whatever language they write, and the portal shows it
 * as written. It is not the portal's text, so it is left out of the English check.
 */
async function chartTextOf(childId: string): Promise<string[]> {
  const sql = e2eDatabase();
  try {
    const rows = await sql`
      select instructions as text from medications where child_id = ${childId}
      union all select name from medications where child_id = ${childId}
      union all select substance from allergies where child_id = ${childId}
      union all select reaction from allergies where child_id = ${childId}
      union all select name from problems where child_id = ${childId}
      union all select reason from visits where child_id = ${childId}
      union all select summary from visits where child_id = ${childId}
      union all select clinician from visits where child_id = ${childId}
      union all select test_name from test_results where child_id = ${childId}
      union all select release_comment from test_results where child_id = ${childId}`;
    return rows.map((row) => String(row.text ?? '')).filter((text) => text.length > 0);
  } finally {
    await sql.end();
  }
}

async function demoChild() {
  const sql = e2eDatabase();
  try {
    const [child] =
      await sql`select id, first_name, last_name, to_char(date_of_birth, 'YYYY-MM-DD') as dob from children where mrn = 'DEMO-0001'`;
    return {
      id: String(child?.id),
      firstName: String(child?.first_name),
      lastName: String(child?.last_name),
      dateOfBirth: String(child?.dob),
    };
  } finally {
    await sql.end();
  }
}

async function mailsTo(userId: string) {
  const sql = e2eDatabase();
  try {
    return await sql<
      { template: string; subject: string; text_body: string }[]
    >`select template, subject, text_body from mail_outbox where to_address = ${`${userId}@example.org`} order by created_at`;
  } finally {
    await sql.end();
  }
}

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

/** Words of Spanish sentences: a page, an email or a PDF in Spanish has some of them. */
const spanish = /\b(su|usted|para|cuenta|correo|consultorio|niño|vacunas|portal del paciente)\b/i;
const english = /\b(the|your|please|you|and|this|sign in|child)\b/i;

test('a Spanish-speaking parent goes from the home page to the printed immunization record in Spanish', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const child = await demoChild();
  const parentName = { firstName: 'Lucía', lastName: `Gómez${uniqueUserId('').slice(1, 6)}` };
  const names = [
    child.firstName,
    child.lastName,
    parentName.firstName,
    parentName.lastName,
    `${parentName.firstName} ${parentName.lastName}`,
  ];

  // The office issues a PIN for the child to this parent (its own pages, in English).
  const staff = await (await browser.newContext()).newPage();
  await signInStaff(staff, demoAdmin);
  await staff.goto(`/staff/patients/${child.id}`);
  const pin = await issuePinFor(staff, `${parentName.firstName} ${parentName.lastName}`, 'Mother');

  // An English-speaking browser: the home page is in English until Español is chosen.
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto('/');
  expect(await htmlLang(page)).toBe('en');
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  expect(new URL(page.url()).pathname).toBe('/');
  const cookie = (await context.cookies()).find((c) => c.name === 'portal_locale');
  expect(cookie?.value).toBe('es');
  await expectNoEnglish(page, names);
  // The choice is remembered: a later visit is still in Spanish.
  await page.goto('/faq');
  expect(await htmlLang(page)).toBe('es');
  await expectNoEnglish(page, names);
  await page.goto('/contact');
  const emergency = page.getByRole('note').filter({ hasText: '911' });
  await expect(emergency).toBeVisible();
  expect.soft(await emergency.innerText(), 'the 911 notice in Spanish').toMatch(spanish);
  await expectNoEnglish(page, names);

  // Signing up.
  const userId = uniqueUserId('lucia');
  const signUp = await fillSignUpFormInAnyLanguage(page, { ...parentName, userId });
  await expectNoEnglish(page, names);
  await submitOf(signUp).click();
  await expect(page).toHaveURL(/\/welcome$/);
  expect(await htmlLang(page)).toBe('es');
  await expectNoEnglish(page, names);

  // Linking the child with the PIN, on the welcome step.
  await submitOf(await fillLinkChildForm(page, pin, child.dateOfBirth)).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole('status').filter({ hasText: child.firstName })).toBeVisible();
  await expectNoEnglish(page, names);

  // A message to the office: the 911 notice is there, in Spanish, before the form.
  await page.goto('/services/message');
  const notice = page.getByRole('note').filter({ hasText: '911' });
  await expect(notice).toBeVisible();
  expect.soft(await notice.innerText(), 'the 911 notice in Spanish').toMatch(spanish);
  await expectNoEnglish(page, names);
  const message = formWith(page, 'body');
  await message.locator('[name="childId"]').selectOption(child.id);
  await message.locator('[name="category"]').first().check();
  await message.locator('[name="subject"]').fill('Pregunta sobre vacunas');
  await message.locator('[name="body"]').fill('¿Cuándo le toca la próxima vacuna?');
  await submitOf(message).click();
  await expect(page).toHaveURL(/\/services\/message\/sent/);
  await expectNoEnglish(page, names);
  await page.goto('/inbox');
  await expectNoEnglish(page, names);

  // The record, with its immunizations.
  await page.goto(`/children/${child.id}`);
  await expect(page.locator('#immunizations')).toBeVisible();
  await expectNoEnglish(page, [...names, ...(await chartTextOf(child.id))]);

  // The printable immunization record and its PDF.
  await page.goto(`/children/${child.id}/immunizations/print`);
  await expectNoEnglish(page, names);
  const downloading = page.waitForEvent('download');
  await page.locator(`a[href="/children/${child.id}/immunizations/pdf"]`).click();
  const pdf = await readFile((await (await downloading).path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(pdf);
  expect(text).toContain(child.firstName);
  expect.soft(text, 'Spanish in the PDF').toMatch(spanish);
  expect.soft(text, 'English in the PDF').not.toMatch(english);

  // A signed-in choice is saved on the account: English and back to Spanish with the switch,
  // then a clean browser (no cookie) signs in and finds Spanish again.
  await page.goto('/dashboard');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await context.clearCookies();
  await page.goto('/');
  expect(await htmlLang(page)).toBe('en');
  await signInInAnyLanguage(page, userId, strongPassword);
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(await htmlLang(page)).toBe('es');
  await expectNoEnglish(page, names);

  // Forgotten User ID, asked in Spanish: the reminder goes in the account's language.
  await context.clearCookies();
  await page.goto('/');
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.goto('/forgot-user-id');
  const reminder = formWith(page, 'email');
  await reminder.locator('[name="email"]').fill(`${userId}@example.org`);
  await submitOf(reminder).click();
  await expect(page).toHaveURL(/sent=1/);
  await expectNoEnglish(page, names);

  // The emails the parent got are in Spanish, subject and body.
  await expect
    .poll(async () => (await mailsTo(userId)).map((mail) => mail.template), { timeout: 15_000 })
    .toEqual(expect.arrayContaining(['verify-email', 'user-id-reminder']));
  for (const mail of await mailsTo(userId)) {
    expect.soft(`${mail.subject}\n${mail.text_body}`, mail.template).toMatch(spanish);
    expect.soft(mail.subject, `${mail.template} subject`).not.toMatch(english);
    expect.soft(mail.text_body, `${mail.template} body`).not.toMatch(english);
  }
});

test('a first visit from a Spanish browser (Accept-Language) is in Spanish', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'es-MX' });
  const page = await context.newPage();
  await page.goto('/');
  expect(await htmlLang(page)).toBe('es');
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  expect.soft(await page.evaluate(() => document.body.innerText)).toMatch(spanish);
  await expectNoEnglish(page);
  await page.goto('/help/registration');
  await expectNoEnglish(page);
});
