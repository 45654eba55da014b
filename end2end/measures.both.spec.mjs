// Published measures and employment (issue #18): the occupation page's "How others rate this
// occupation", the /measures page and the list's employment sort — with and without JavaScript.
import { test, expect } from './fixtures.mjs';

test('an occupation page sets published measures beside the Atlas and shows employment', async ({ page }) => {
  await page.goto('/occupations/29-1224.00');
  const section = page.locator('#published');
  await expect(section.getByRole('heading', { name: 'How others rate this occupation' })).toBeVisible();
  await expect(section.locator('.employment')).toContainText('US employment');
  expect(await section.locator('table.measures tbody th[scope="row"]').count()).toBeGreaterThanOrEqual(3);
  // Every flagged row is followed by its reason.
  const flagged = await section.locator('tr.flagged').count();
  await expect(section.locator('tr.disagreement')).toHaveCount(flagged);
  await section.getByRole('link', { name: /How each measure was made/ }).click();
  await expect(page).toHaveURL(/\/measures$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Published measures beside the Atlas');
});

test('the measures page lists each measure with its correlations and disagreements', async ({ page }) => {
  await page.goto('/measures');
  const sections = page.locator('section.measure');
  expect(await sections.count()).toBeGreaterThanOrEqual(4);
  const first = sections.first();
  await expect(first.locator('.correlation-list li')).toHaveCount(3);
  await expect(first).toContainText(/Covers \d+ of the \d+ catalog occupations/);
  const disagreement = first.locator('ol.disagreements a').first();
  const href = await disagreement.getAttribute('href');
  await disagreement.click();
  await expect(page).toHaveURL(new RegExp(href.replace(/[.#]/g, '\\$&') + '$'));
  await expect(page.locator('#published tr.disagreement').first()).toContainText('Differs by');
});

test('the list sorts by employment and shows workers and wages', async ({ page }) => {
  await page.goto('/occupations?sort=employment');
  const workers = (await page.locator('table.results tbody tr td:nth-child(7)').allTextContents())
    .map((text) => Number(text.replace(/,/g, '')))
    .filter((value) => !Number.isNaN(value));
  expect(workers.length).toBeGreaterThan(10);
  expect(workers).toEqual([...workers].sort((a, b) => b - a));
});

test('the home page weighs verdicts and patterns by employment', async ({ page }) => {
  await page.goto('/');
  const section = page.locator('#workforce');
  await expect(section).toContainText('million');
  await expect(section.locator('table').first().locator('tbody tr')).toHaveCount(3);
  await expect(section.locator('table').nth(1).locator('tbody tr')).toHaveCount(7);
});
