// Browsing: search, filters, sorting, the detail page and compare — with and without JavaScript.
import { test, expect } from './fixtures.mjs';

test('search finds an occupation by a word from one of its tasks', async ({ page }) => {
  await page.goto('/occupations');
  await page.getByLabel('Search titles and tasks').fill('mammograms');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]q=mammograms/);
  await expect(page.locator('table.results')).toContainText('Radiologists');
  await expect(page.locator('table.results .matched').first()).toContainText(/mammogram/i);
});

test('filters and sorting change the list and the URL', async ({ page }) => {
  await page.goto('/occupations');
  const total = await page.locator('#result-count').textContent();
  await page.getByLabel('Verdict').selectOption('replace');
  await page.getByLabel('Sort by').selectOption('automatability');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/verdict=replace/);
  await expect(page).toHaveURL(/sort=automatability/);
  await expect(page.locator('#result-count')).not.toHaveText(total);
  const badges = page.locator('table.results .badge[class*="verdict-"]');
  expect(await badges.count()).toBeGreaterThan(0);
  for (const text of await badges.allTextContents()) expect(text).toBe('Replace');
  const indices = (await page.locator('table.results tbody tr td:nth-child(5)').allTextContents()).map(Number);
  expect(indices).toEqual([...indices].sort((a, b) => b - a));
});

test('an empty result says so and suggests what to change', async ({ page }) => {
  await page.goto('/occupations?q=zzzzqqqq&verdict=replace');
  await expect(page.locator('.notice.empty')).toContainText('No occupation matches');
  await expect(page.locator('.notice.empty')).toContainText('remove a filter');
});

test('the detail page shows the verdict, charts and the task table', async ({ page }) => {
  await page.goto('/occupations/29-1224.00');
  await expect(page).toHaveTitle('Radiologists · Automatability Atlas');
  await expect(page.locator('#verdict-heading')).toContainText('Complement');
  await expect(page.locator('table.tasks tbody tr')).toHaveCount(8);
  await expect(page.locator('table.tasks')).toContainText('Second reader');
  await expect(page.locator('.chart-figure')).toHaveCount(2);
  await expect(page.locator('.evidence')).toContainText('MASAI');
  await expect(page.getByRole('link', { name: 'CSV' })).toHaveAttribute('href', '/occupations/29-1224.00/summary.csv');
});

test('compare shows two occupations side by side', async ({ page }) => {
  await page.goto('/compare?codes=29-1224.00,43-9021.00');
  await expect(page.locator('table.compare thead')).toContainText('Radiologists');
  await expect(page.locator('table.compare thead')).toContainText('Data Entry Keyers');
  await expect(page.locator('table.compare')).toContainText('Complement');
  await expect(page.locator('table.compare')).toContainText('Replace');
});

test('the methodology and a case study render', async ({ page }) => {
  await page.goto('/methodology');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('article.methodology')).toContainText('second_reader');
  await page.goto('/cases/radiology');
  await expect(page.locator('.figures')).toContainText('44%');
  await expect(page.locator('.sources')).toContainText('Lancet Oncology');
});
