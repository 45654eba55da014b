// With JavaScript: the wasm bundle hydrates the page and ECharts draws the chart.
import { test, expect, waitForHydration } from './fixtures.mjs';

test('the chart is drawn by ECharts from the server-rendered option', async ({ page }) => {
  await page.goto('/');
  const chart = page.locator('.chart').first();
  await expect(chart).toHaveAttribute('data-drawn', 'true');
  await expect(chart.locator('svg')).toBeVisible();
  // The bars are drawn: ECharts renders each as a path in the SVG.
  expect(await chart.locator('svg path').count()).toBeGreaterThan(4);
});

test('after hydration the sort control reorders the chart', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  const chart = page.locator('.chart').first();
  const before = await chart.getAttribute('data-echarts');
  const button = page.locator('#sort-reference');
  await expect(button).toHaveText('Sort by share');
  await button.click();
  await expect(button).toHaveText('Show in pattern order');
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  const after = await chart.getAttribute('data-echarts');
  expect(after).not.toEqual(before);
});
