import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { demoParent as seededParent } from '../../db/demo-logins';
import { fillSignUpForm, uniqueUserId } from './helpers';

/**
 * Issue 18 item 3: sign-up signs the new parent in and leads on to linking a child, instead of
 * ending on the sign-in page.
 */
test('sign-up signs the new parent in and opens the welcome step: the PIN explained, "Link a child" on the page, and how to get a PIN', async ({
  page,
}) => {
  const userId = uniqueUserId('welcome');
  await fillSignUpForm(page, { firstName: 'Robin', lastName: 'Tester', userId });
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/welcome$/);
  await expect(
    page.getByRole('heading', { name: 'Welcome, Robin. Your account is ready.' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByText(`We sent a link to ${userId}@example.org`)).toBeVisible();
  await expect(page.getByText(/you need a PIN from the office/)).toBeVisible();
  const form = page.getByRole('form', { name: 'Link a child' });
  await expect(form.getByLabel('PIN')).toBeVisible();
  await expect(form.getByLabel('Child’s date of birth')).toBeVisible();

  // The form works here: a PIN that matches nothing gets the one message, on this page.
  await form.getByLabel('PIN').fill('AAAAA-AAAAA');
  await form.getByLabel('Child’s date of birth').fill('2020-01-01');
  await form.getByLabel('Your relationship to the child').selectOption('mother');
  await form.getByRole('button', { name: 'Link child' }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'The PIN and date of birth do not match an active PIN.' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/welcome$/);

  // No PIN yet: the help page's first step says how to get one.
  await page.getByRole('link', { name: 'I don’t have a PIN yet' }).click();
  await expect(page).toHaveURL(/\/help\/registration#get-a-pin$/);
  await expect(page.getByRole('heading', { name: '1. Get a PIN from the office' })).toBeVisible();

  // Skipping leads home, still signed in; confirming the email is still asked for there.
  await page.goto('/welcome');
  await page.getByRole('link', { name: 'Skip for now and go to my home page' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Hello, Robin' })).toBeVisible();
  await expect(page.getByText('Please confirm your email address')).toBeVisible();
});

test('the welcome step has no serious accessibility problems and fits 375 px and 1280 px', async ({
  page,
}) => {
  await fillSignUpForm(page, {
    firstName: 'Robin',
    lastName: 'Tester',
    userId: uniqueUserId('welcome'),
  });
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/welcome');
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${width}px: ${v.id}`),
    ).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `/welcome at ${width} px`).toBeLessThanOrEqual(0);
  }
});

test('sign-up with an email already on file makes no account and signs nobody in', async ({
  page,
}) => {
  await fillSignUpForm(page, {
    firstName: 'Robin',
    lastName: 'Tester',
    userId: uniqueUserId('taken'),
  });
  await page.getByLabel('Email').fill(seededParent.email);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/login\?notice=created$/);
  await expect(page.getByText('We have sent an email to the address you gave')).toBeVisible();
  await page.goto('/welcome');
  await expect(page).toHaveURL(/\/login$/);
});
