import { expect, test } from '@playwright/test';

import { e2eDatabase } from './db';
import { demoParent, signIn } from './helpers';

test('a parent sees growth charts with the child’s measurements as points, each with its percentile', async ({
  page,
}) => {
  const sql = e2eDatabase();
  const [maya] = await sql`select id from children where mrn = 'DEMO-0001'`;
  await sql.end();
  await signIn(page, '/login', demoParent.userId, demoParent.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/children/${String(maya?.id)}`);
  await page.getByRole('link', { name: 'See growth charts' }).click();
  await expect(page.getByRole('heading', { name: 'Maya’s growth' })).toBeVisible();

  const weight = page.getByRole('region', { name: 'Weight for age' });
  await expect(
    weight.getByRole('figure', { name: 'Weight for age chart' }).locator('svg circle').first(),
  ).toBeVisible();
  // Fourteen check-ups, each plotted and listed with a percentile.
  await expect(weight.locator('svg circle')).toHaveCount(14);
  await expect(weight.getByRole('row')).toHaveCount(15);
  await expect(weight.getByRole('row').nth(1)).toContainText(/\d+(st|nd|rd|th)/);
  await expect(weight).toContainText('WHO Child Growth Standards');
  await expect(weight).toContainText('Source: CDC');
  await expect(page.getByRole('region', { name: 'BMI for age (2 years and up)' })).toBeVisible();
});
