// With JavaScript: hydration, charts drawn by ECharts, live behaviour and accessibility.
import { test, expect, waitForHydration, seriousAccessibilityViolations } from './fixtures.mjs';

test('the charts are drawn by ECharts from the server-rendered options', async ({ page }) => {
  await page.goto('/');
  const charts = page.locator('.chart');
  await expect(charts).toHaveCount(3);
  for (let index = 0; index < 3; index++) {
    await expect(charts.nth(index)).toHaveAttribute('data-drawn', 'true');
    await expect(charts.nth(index).locator('svg')).toBeVisible();
  }
  expect(await charts.nth(2).locator('svg path').count()).toBeGreaterThan(100);
});

test('after hydration the try-the-model widget scores ratings live', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  const result = page.locator('#try-result');
  await expect(result).toContainText('Second reader');
  await page.getByLabel('Error tolerance').selectOption('5');
  await expect(result).toContainText('Automate');
});

test('moving a what-if slider on a radiology task changes its pattern, and reset restores it', async ({ page }) => {
  await page.goto('/occupations/29-1224.00');
  await waitForHydration(page);
  const firstPattern = page.locator('table.tasks tbody tr').first().locator('.task-pattern');
  await expect(firstPattern).toHaveText('Second reader');
  const slider = page.locator('#whatif-0-error_tolerance');
  await slider.fill('5');
  await expect(firstPattern).toHaveText('Automate');
  await expect(page.locator('.whatif-status')).toContainText('Changed ratings');
  await page.locator('#whatif-reset').click();
  await expect(firstPattern).toHaveText('Second reader');
  await expect(slider).toHaveValue('1');
});

test('typing in the search box updates the list as you type', async ({ page }) => {
  await page.goto('/occupations');
  await waitForHydration(page);
  // The list is updated in place (no page load, so this mark survives), after a pause in
  // typing: eight quick keystrokes make fewer than eight requests.
  await page.evaluate(() => { window.__samePage = true; });
  let searches = 0;
  let answered = 0;
  page.on('request', (request) => {
    if (request.url().includes('/_sf/load_occupations')) searches += 1;
  });
  page.on('requestfinished', (request) => {
    if (request.url().includes('/_sf/load_occupations')) answered += 1;
  });
  await page.getByLabel('Search titles and tasks').pressSequentially('radiolog', { delay: 30 });
  await expect(page).toHaveURL(/q=radiolog/);
  await expect(page.locator('table.results tbody tr').first()).toContainText('Radiolog');
  await expect(page.locator('#result-count')).toContainText('Showing 1–');
  expect(await page.evaluate(() => window.__samePage)).toBe(true);
  expect(searches).toBeGreaterThan(0);
  expect(searches).toBeLessThan(8);
  // The address names the last search once its answer is shown; an older search may still be
  // on its way (its answer is dropped), and a reload would cancel it, so wait for every answer.
  await expect.poll(() => answered).toBe(searches);
  // The address is a real, bookmarkable URL: loading it shows the same list.
  await page.reload();
  await expect(page.getByLabel('Search titles and tasks')).toHaveValue('radiolog');
  await expect(page.locator('table.results tbody tr').first()).toContainText('Radiolog');
});

test('clicking a point on the automation map opens its occupation', async ({ page }) => {
  await page.goto('/');
  const map = page.locator('.chart').nth(2);
  await expect(map).toHaveAttribute('data-drawn', 'true');
  await map.scrollIntoViewIfNeeded();
  // Where ECharts drew the first "complement" point, in page pixels.
  const target = await map.evaluate((element) => {
    const chart = window.echarts.getInstanceByDom(element);
    const point = chart.getOption().series[1].data[0];
    const [x, y] = chart.convertToPixel({ seriesIndex: 1 }, point.value);
    const box = element.getBoundingClientRect();
    return { x: box.left + x, y: box.top + y, url: point.url };
  });
  expect(target.url).toMatch(/^\/occupations\//);
  await page.mouse.click(target.x, target.y);
  // Points can overlap, so the click may open a neighbour: any occupation page will do.
  await expect(page).toHaveURL(/\/occupations\/\d\d-\d{4}\.\d\d$/);
  await expect(page.locator('#verdict-heading')).toBeVisible();
});

for (const path of ['/', '/occupations', '/occupations/29-1224.00', '/compare?codes=29-1224.00,43-9021.00', '/methodology', '/cases', '/cases/radiology', '/api', '/no-such-page']) {
  test(`no serious accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await waitForHydration(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
}
