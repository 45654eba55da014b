// The home page, with and without JavaScript.
import { test, expect } from './fixtures.mjs';

test('the home page says what the app does and shows the reference case', async ({ page }) => {
  const response = await page.goto('/');
  expect(response.status()).toBe(200);
  await expect(page).toHaveTitle('Automatability Atlas');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Which parts of a job should AI take over?');
  // The figures behind the chart are in the page itself, so they are there without wasm or ECharts.
  const table = page.locator('.chart-data table').first();
  await expect(table).toContainText('Second reader');
  await expect(table).toContainText('35%');
});

test('an unknown address shows the 404 page', async ({ page }) => {
  const response = await page.goto('/occupations-that-do-not-exist/42');
  expect(response.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
});
