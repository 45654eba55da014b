// The home page and the 404 page, with and without JavaScript.
import { test, expect } from './fixtures.mjs';

test('the home page says what the app does and shows the catalog at a glance', async ({ page }) => {
  const response = await page.goto('/');
  expect(response.status()).toBe(200);
  await expect(page).toHaveTitle('Automatability Atlas');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Which parts of a job should AI take over?');
  await expect(page.locator('meta[name="description"]')).toHaveCount(1);
  // The figures behind each chart are in the page itself, so they are there without wasm or ECharts.
  await expect(page.locator('.chart-data table')).toHaveCount(3);
  await expect(page.locator('.chart-data table').nth(2)).toContainText('Radiologists');
  await expect(page.getByRole('link', { name: /radiology case/i })).toHaveAttribute('href', '/cases/radiology');
  await expect(page.getByRole('link', { name: /How the ratings become/ })).toHaveAttribute('href', '/methodology');
});

test('an unknown address shows the 404 page', async ({ page }) => {
  const response = await page.goto('/occupations-that-do-not-exist/42');
  expect(response.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
});

test('an unknown occupation code shows the 404 page with close matches', async ({ page }) => {
  const response = await page.goto('/occupations/29-1224.07');
  expect(response.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.locator('.close-matches')).toContainText('Radiologists');
});
