import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

import { demoStaff, demoParent as seededParent } from '../../db/demo-logins';
import { totpCodeAt } from '../../lib/two-step/totp';
import { e2eDatabase } from './db';

export interface StaffLogin {
  userId: string;
  password: string;
  totpSecret: string;
}

function seededStaff(role: string): StaffLogin {
  const member = demoStaff.find((candidate) => candidate.role === role);
  if (!member) throw new Error(`no demo staff member for ${role}`);
  return member;
}

export const demoParent = { userId: seededParent.userId, password: seededParent.password };
export const demoAdmin = seededStaff('admin');
export const demoFrontDesk = seededStaff('front_desk');
export const demoClinical = seededStaff('clinical');
export const demoBilling = seededStaff('billing');
export const strongPassword = 'marble-tundra-pelican-orbit-7';

export function uniqueUserId(prefix = 'e2e'): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}

/** Fills the sign-up form (strong password, a hint) and waits for the strength meter to agree. */
export async function fillSignUpForm(
  page: Page,
  person: { firstName: string; lastName: string; userId: string },
) {
  const { userId } = person;
  await page.goto('/signup');
  await page.getByLabel('First name').fill(person.firstName);
  await page.getByLabel('Last name').fill(person.lastName);
  await page.getByLabel('User ID').fill(userId);
  await page.getByLabel('Email').fill(`${userId}@example.org`);
  await page.getByLabel('Password', { exact: true }).fill(strongPassword);
  await page.getByLabel('Confirm password').fill(strongPassword);
  await page.getByLabel('Hint question').selectOption({ index: 1 });
  await page.getByLabel('Hint answer').fill('Pancake');
  await expect(page.getByText(/Password strength: (Strong|Very strong)/)).toBeVisible();
}

/**
 * Signs up, which signs the new parent in and opens the welcome step, then signs out: the tests
 * that use it start from a parent who comes back later and signs in.
 */
export async function signUpParent(page: Page, userId = uniqueUserId()) {
  await fillSignUpForm(page, { firstName: 'Robin', lastName: 'Tester', userId });
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-out/);
  return { userId, password: strongPassword };
}

export async function signIn(
  page: Page,
  path: '/login' | '/staff/login',
  identifier: string,
  password: string,
) {
  await page.goto(path);
  await page.getByLabel('User ID or email').fill(identifier);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * The code an authenticator would show, for a 30-second step this account has not used yet.
 * The portal refuses a code from a step it has already accepted, and the tests sign the same
 * demo staff in many times, so this waits (at most one step) when the current one is spent.
 */
export async function unusedTotpCode(userId: string, secret: string): Promise<string> {
  const sql = e2eDatabase();
  try {
    for (;;) {
      const [row] = await sql<
        { step: number | null }[]
      >`select totp_last_used_step as step from users where lower(user_id) = lower(${userId})`;
      const lastUsed = row?.step ?? null;
      const current = Math.floor(Date.now() / 30_000);
      // The portal accepts the step before and after the current one as well.
      const step = [current, current + 1].find(
        (candidate) => lastUsed === null || candidate > lastUsed,
      );
      if (step !== undefined) return totpCodeAt(secret, new Date(step * 30_000 + 1_000));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    await sql.end();
  }
}

/**
 * A new parent, signed in on `page`, with a new child already linked (arranged in the database:
 * the PIN flow has its own test). `arrange` adds to the child's chart in the same connection.
 */
export async function signedInParentWithChild(
  page: Page,
  child: {
    firstName: string;
    /** The child's last name starts with it; a random tail keeps each run's child apart. */
    lastNamePrefix: string;
    dateOfBirth: string;
    relationship: string;
    arrange?: (sql: ReturnType<typeof e2eDatabase>, childId: string) => Promise<unknown>;
  },
) {
  const parent = await signUpParent(page);
  const childLastName = `${child.lastNamePrefix}${uniqueUserId('').slice(1, 7)}`;
  const sql = e2eDatabase();
  try {
    const [row] = await sql<{ id: string }[]>`
      insert into children (first_name, last_name, date_of_birth)
      values (${child.firstName}, ${childLastName}, ${child.dateOfBirth}) returning id`;
    await sql`
      insert into guardianships (child_id, guardian_user_id, relationship)
      select ${row!.id}, id, ${child.relationship} from users where user_id = ${parent.userId}`;
    await child.arrange?.(sql, row!.id);
  } finally {
    await sql.end();
  }
  await signIn(page, '/login', parent.userId, parent.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  return { parent, childLastName };
}

/** Password, then the code page, as a staff member does with their phone in hand. */
export async function signInStaff(page: Page, login: StaffLogin) {
  await signIn(page, '/staff/login', login.userId, login.password);
  await expect(page).toHaveURL(/\/staff\/login\/verify$/);
  await page
    .getByLabel('Verification code')
    .fill(await unusedTotpCode(login.userId, login.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

/** The office registers a child (staff page already signed in); returns the child's id. */
export async function registerChild(
  staff: Page,
  child: { firstName: string; lastName: string; dateOfBirth: string },
): Promise<string> {
  await staff.goto('/staff/patients/new');
  await staff.getByLabel('First name').fill(child.firstName);
  await staff.getByLabel('Last name').fill(child.lastName);
  await staff.getByLabel('Date of birth').fill(child.dateOfBirth);
  await staff.getByRole('button', { name: 'Register child' }).click();
  await expect(staff.getByText('The child is registered.')).toBeVisible();
  return new URL(staff.url()).pathname.split('/').at(-1)!;
}

/** On the child's staff page: confirms two things about the caller and issues a PIN; returns it as printed. */
export async function issuePinFor(
  staff: Page,
  guardianName: string,
  relationship: string,
): Promise<string> {
  await staff.getByLabel('Confirmed the child’s date of birth').check();
  await staff.getByLabel('Confirmed the address or phone number on file').check();
  await staff.getByLabel('Guardian’s name').fill(guardianName);
  await staff.getByLabel('Relationship to the child').fill(relationship);
  await staff.getByRole('button', { name: 'Issue PIN' }).click();
  const letter = staff.getByRole('article', { name: 'PIN letter' });
  await expect(letter).toBeVisible();
  await expect(letter).toContainText(`Dear ${guardianName},`);
  const pin = (await letter.locator('.font-mono').textContent())!.trim();
  expect(pin).toMatch(
    /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}$/,
  );
  return pin;
}
