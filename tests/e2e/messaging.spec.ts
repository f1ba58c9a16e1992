import { expect, test, type Browser, type Page } from '@playwright/test';

import { e2eDatabase } from './db';
import {
  demoAdmin,
  demoBilling,
  demoClinical,
  signedInParentWithChild,
  signInStaff,
  uniqueUserId,
} from './helpers';

const staffLogins = { clinical: demoClinical, billing: demoBilling, admin: demoAdmin };

async function staffPage(browser: Browser, role: keyof typeof staffLogins): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInStaff(page, staffLogins[role]);
  return page;
}

/** A new parent, signed in on a browser of their own, with a newly linked child. */
async function parentWithChild(browser: Browser) {
  const page = await (await browser.newContext()).newPage();
  const { parent, childLastName } = await signedInParentWithChild(page, {
    firstName: 'Iris',
    lastNamePrefix: 'Msg',
    dateOfBirth: '2020-07-07',
    relationship: 'Mother',
  });
  return { page, parent, childLastName };
}

test('a clinical question goes to the clinical queue, is answered, read and closed; billing never sees it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page: parent, parent: account, childLastName } = await parentWithChild(browser);
  const subject = `Fever question ${uniqueUserId('').slice(1, 6)}`;

  // The parent writes from Patient Services, below the emergency notice.
  await parent.getByText('Patient Services').click();
  await parent.getByRole('link', { name: 'Send a secure message' }).click();
  await expect(parent).toHaveURL(/\/services\/message$/);
  await expect(parent.getByRole('note', { name: 'Before you write' })).toContainText(
    'call 911 or go to the nearest emergency room',
  );
  await parent
    .getByLabel('Which child is this about?')
    .selectOption({ label: `Iris ${childLastName}` });
  await parent.getByLabel('Clinical question').check();
  await parent.getByLabel('Subject', { exact: true }).fill(subject);
  await parent
    .getByLabel('Message', { exact: true })
    .fill('She has had a fever of 101 since last night. <script>alert("x")</script>');
  await expect(parent.getByText(/of 5,000 characters/)).toBeVisible();
  await parent.getByRole('button', { name: 'Send message' }).dblclick();
  await expect(parent.getByRole('heading', { name: 'Your message was sent' })).toBeVisible();
  await expect(parent.getByText('2 business days')).toBeVisible();

  // Billing does not see it; clinical does, assigns it and replies.
  const billing = await staffPage(browser, 'billing');
  await billing.goto('/staff/messages');
  await billing.getByLabel('Child’s name or subject').fill(subject);
  await billing.getByRole('button', { name: 'Search' }).click();
  await expect(billing.getByText('No conversations here.')).toBeVisible();
  expect(billing.url()).not.toContain(subject);

  const nurse = await staffPage(browser, 'clinical');
  await nurse.goto('/staff/messages?tab=unassigned');
  await nurse.getByLabel('Child’s name or subject').fill(subject);
  await nurse.getByRole('button', { name: 'Search' }).click();
  await expect(nurse).toHaveURL(/\/staff\/messages\?tab=unassigned$/);
  await expect(nurse.getByRole('link', { name: new RegExp(subject) })).toHaveCount(1);
  await nurse.getByRole('link', { name: new RegExp(subject) }).click();
  // Stored as typed, shown as text.
  await expect(nurse.getByText('<script>alert("x")</script>', { exact: false })).toBeVisible();
  const conversationUrl = nurse.url();
  const conversationId = conversationUrl.split('/').at(-1)!;
  const billingResponse = await billing.goto(`/staff/messages/${conversationId}`);
  expect(billingResponse?.status()).toBe(404);
  await nurse.getByRole('button', { name: 'Assign to me' }).click();
  await expect(nurse.getByText('assigned to Casey Nurse')).toBeVisible();
  await nurse
    .getByRole('textbox', { name: 'Reply to the parent' })
    .fill('Give her fluids and call us if it goes above 104.');
  await nurse.getByRole('button', { name: 'Send reply' }).click();
  await expect(nurse.getByText('Not read by the parent yet')).toBeVisible();

  // The notice email names nothing.
  const sql = e2eDatabase();
  try {
    await expect
      .poll(
        async () =>
          (
            await sql`select count(*)::int as n from mail_outbox where to_address = ${`${account.userId}@example.org`} and template = 'new-message'`
          )[0]?.n,
        { timeout: 15_000 },
      )
      .toBe(1);
    const [mail] =
      await sql`select subject, text_body, html_body from mail_outbox where to_address = ${`${account.userId}@example.org`} and template = 'new-message'`;
    expect(mail?.subject).toBe('You have a new secure message in your patient portal');
    for (const secret of ['Iris', childLastName, subject, 'fluids'])
      expect(`${mail?.subject} ${mail?.text_body} ${mail?.html_body}`).not.toContain(secret);
  } finally {
    await sql.end();
  }

  // The parent sees the unread count after navigating, finds no compose button in the Inbox, reads and replies.
  await parent.getByRole('link', { name: 'Home' }).click();
  await expect(parent.getByRole('link', { name: /Inbox\s*1 unread/ })).toBeVisible();
  await parent.getByRole('link', { name: /Inbox/ }).click();
  await expect(parent.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(
    parent.getByRole('link', { name: 'Patient Services → Send a secure message' }),
  ).toBeVisible();
  await expect(parent.getByRole('button', { name: /new message|compose/i })).toHaveCount(0);
  await expect(parent.getByRole('link', { name: /new message|compose/i })).toHaveCount(0);
  await parent.getByRole('link', { name: new RegExp(subject) }).click();
  await expect(parent.getByText('Give her fluids')).toBeVisible();
  await expect(parent.getByRole('note', { name: 'Before you write' })).toBeVisible();
  await parent.getByRole('textbox', { name: 'Your reply' }).fill('Thank you, she is drinking now.');
  await parent.getByRole('button', { name: 'Send reply' }).click();
  await expect(parent.getByText('Thank you, she is drinking now.').first()).toBeVisible();
  await expect(
    parent
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Inbox', exact: true }),
  ).toBeVisible();

  // The office sees it was read, then closes; the parent can no longer reply.
  await nurse.reload();
  await expect(nurse.getByText(/Read by the parent/)).toBeVisible();
  await expect(nurse.getByText('Thank you, she is drinking now.')).toBeVisible();
  await nurse.getByRole('button', { name: 'Close conversation' }).click();
  await expect(nurse.getByText('This conversation is closed. Reopen it to reply.')).toBeVisible();
  await parent.reload();
  await expect(
    parent.getByText('The office closed this conversation, so it cannot take replies.'),
  ).toBeVisible();
  await expect(parent.getByRole('textbox', { name: 'Your reply' })).toHaveCount(0);

  // Double-clicking "Send message" made one conversation.
  await parent.goto('/inbox');
  await expect(parent.getByRole('link', { name: new RegExp(subject) })).toHaveCount(1);
});
