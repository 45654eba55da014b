// With JavaScript: rows are added, removed and reordered in place, and the preview re-scores as
// you type with the assessment model compiled to wasm.
import { test, expect, waitForHydration, seriousAccessibilityViolations } from './fixtures.mjs';

test('rows can be added, moved and removed, and the preview follows the input', async ({ page }) => {
  await page.goto('/profiles/new');
  await waitForHydration(page);
  const rows = page.locator('.task-row');
  await expect(rows).toHaveCount(5);
  await page.locator('#task-0-title').fill('Read screening mammograms');
  await page.locator('#task-0-share').fill('40');
  await page.locator('#task-0-kind').selectOption('judging_cases');
  for (const [dimension, value] of [['standardization', '5'], ['error_tolerance', '1'], ['verifiability', '4'], ['frequency', '5']]) {
    await page.locator(`#task-0-ratings-${dimension}`).selectOption(value);
  }
  const preview = page.locator('.profile-preview');
  await expect(preview).toContainText('Complement');
  await expect(rows.first().locator('.row-preview')).toContainText('Second reader');
  await page.locator('#task-0-ratings-error_tolerance').selectOption('5');
  await expect(rows.first().locator('.row-preview')).toContainText('Automate');
  await expect(preview).toContainText('Replace');

  await page.getByRole('button', { name: 'Add more rows' }).click();
  await expect(rows).toHaveCount(6);
  // Move the filled row down: it keeps its input and takes the second row's field names.
  await page.getByRole('button', { name: 'Move task 1 down' }).click();
  await expect(rows.nth(1).locator('input[type="text"]').first()).toHaveValue('Read screening mammograms');
  await expect(rows.nth(1).locator('input[type="text"]').first()).toHaveAttribute('name', 'tasks[1].title');
  await page.getByRole('button', { name: 'Remove task 1' }).click();
  await expect(rows).toHaveCount(5);
  await expect(rows.first().locator('input[type="text"]').first()).toHaveAttribute('name', 'tasks[0].title');
  await page.getByLabel(/Name of the profile/).fill('Reordered');
  await page.getByRole('button', { name: 'Save and assess' }).click();
  await expect(page).toHaveURL(/\/profiles\/[0-9a-f]{32}$/);
  await expect(page.locator('table.tasks tbody tr')).toHaveCount(1);
  await waitForHydration(page);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test('a row suggests a kind and ratings as its title is typed, and Use fills them', async ({ page }) => {
  await page.goto('/profiles/new');
  await waitForHydration(page);
  await page.locator('#task-0-title').fill('Enter orders into the records system');
  const suggestion = page.locator('.task-row').first().locator('.suggestion');
  await expect(suggestion).toContainText('Suggested: Moving information');
  await expect(suggestion).toContainText('Closest archetype');
  const use = suggestion.getByRole('button', { name: 'Use' });
  await expect(use).toBeVisible();
  await use.click();
  await expect(page.locator('#task-0-kind')).toHaveValue('moving_information');
  await expect(page.locator('#task-0-ratings-standardization')).toHaveValue('5');
  await page.locator('#task-0-share').fill('100');
  await expect(page.locator('.task-row').first().locator('.row-preview')).toContainText('Automate');
});

for (const path of ['/profiles/new', '/profiles/new?template=29-1224.00']) {
  test(`no serious accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await waitForHydration(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
}
