// Without JavaScript: the server-rendered page is all there is, and it must be complete.
import { test, expect } from './fixtures.mjs';

test('without JavaScript the page is complete and the chart area gives way to its table', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).not.toHaveClass(/\bjs\b/);
  await expect(page.locator('.chart').first()).toBeHidden();
  await expect(page.locator('.chart-data table').first()).toBeVisible();
  await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
});
