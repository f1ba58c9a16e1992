import { expect, test } from '@playwright/test';

import { e2eDatabase } from './db';
import { signIn, signUpParent } from './helpers';

test('the parent is warned two minutes before the idle sign-out, can stay signed in, and is signed out at zero', async ({
  page,
}) => {
  // The page's clock is ours to move; the server keeps real time.
  await page.clock.install();
  const { userId, password } = await signUpParent(page);
  await signIn(page, '/login', userId, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  const sql = e2eDatabase();
  const sessionsOf =
    () => sql`select end_reason, extract(epoch from now() - last_seen_at)::int as idle_seconds from sessions
                               where user_id = (select id from users where user_id = ${userId}) order by created_at desc`;
  try {
    const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await page.clock.fastForward('27:00');
    await expect(dialog).toBeHidden();
    await page.clock.fastForward('01:30');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(/signed out in [01]:\d\d/);
    await expect(dialog).toBeFocused();

    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    await expect(dialog).toBeHidden();
    expect((await sessionsOf())[0]).toMatchObject({ end_reason: null });
    const [extended] =
      await sql`select count(*)::int as n from audit_events where action = 'auth.session_extended'
                                 and actor_id = (select id from users where user_id = ${userId})`;
    expect(extended?.n).toBe(1);

    // Nobody answers this time: at zero the page signs out and says why.
    await page.clock.fastForward('30:00');
    await expect(page).toHaveURL(/\/login\?notice=idle$/);
    await expect(
      page.getByText('You were signed out after a period without activity'),
    ).toBeVisible();
    expect((await sessionsOf())[0]).toMatchObject({ end_reason: 'idle' });
  } finally {
    await sql.end();
  }
});

test('the server ends an idle session on its own clock, whatever the page does', async ({
  page,
}) => {
  const { userId, password } = await signUpParent(page);
  await signIn(page, '/login', userId, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  const sql = e2eDatabase();
  try {
    await sql`update sessions set last_seen_at = now() - interval '31 minutes'
              where ended_at is null and user_id = (select id from users where user_id = ${userId})`;
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login$/);
    const [ended] =
      await sql`select end_reason from sessions where user_id = (select id from users where user_id = ${userId}) order by created_at desc limit 1`;
    expect(ended?.end_reason).toBe('idle');
    const [event] =
      await sql`select count(*)::int as n from audit_events where action = 'auth.session_expired'
                              and actor_id = (select id from users where user_id = ${userId})`;
    expect(event?.n).toBe(1);
  } finally {
    await sql.end();
  }
});

test('the verification email goes out after sign-up, with a link that confirms the address', async ({
  page,
}) => {
  const { userId, password } = await signUpParent(page);
  const sql = e2eDatabase();
  try {
    // Sent after the response, by the same server: wait for the dispatcher to mark it.
    await expect
      .poll(
        async () =>
          (
            await sql`select status from mail_outbox where to_address = ${`${userId}@example.org`}`
          )[0]?.status,
        { timeout: 15_000 },
      )
      .toBe('delivered_locally');
    const [mail] =
      await sql`select text_body from mail_outbox where to_address = ${`${userId}@example.org`}`;
    const link = String(mail?.text_body).match(/https?:\/\/\S+verify-email\?token=\S+/)?.[0];
    expect(link).toBeTruthy();
    expect(String(mail?.text_body)).not.toMatch(/Maya|diagnos|medication/i);
    await page.goto(new URL(link!).pathname + new URL(link!).search);
    await page.getByRole('button', { name: 'Confirm my email' }).click();
    await expect(page.getByText('Thank you, your email is confirmed.')).toBeVisible();
    await signIn(page, '/login', userId, password);
    await expect(page.getByText(/is confirmed\./)).toBeVisible();
  } finally {
    await sql.end();
  }
});
