// Accessibility of the plan pages (axe runs in the page, so with JavaScript on).
import { test, expect, seriousAccessibilityViolations } from './fixtures.mjs';

test('no serious accessibility violations on the plan form and a plan page', async ({ page }) => {
  await page.goto('/plans/new');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByLabel('Plan name').first().fill('Accessibility check');
  await page.getByLabel('Role 1: occupation or profile').fill('29-1224.00');
  await page.getByLabel('Role 1: headcount (FTE)').fill('4');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{32}$/);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});
