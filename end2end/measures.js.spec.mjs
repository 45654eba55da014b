// Accessibility of the published figures (axe runs in the page, so with JavaScript on).
import { test, expect, seriousAccessibilityViolations } from './fixtures.mjs';

for (const path of ['/measures', '/occupations/43-9021.00', '/']) {
  test(`no serious accessibility violations on ${path} with the published figures`, async ({ page }) => {
    await page.goto(path);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
}
