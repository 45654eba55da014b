// Team plans, with and without JavaScript, as a planner uses them: build a five-role plan in the
// form, build another from a CSV file, change a headcount with the edit link, open every
// download, and try the assumptions.
import { test, expect } from './fixtures.mjs';

const FIVE_ROLES = [
  ['29-1224.00', '6'],
  ['43-9041.00', '40'],
  ['29-2072.00', '12'],
  ['Customer Service Representatives', '25'],
  ['15-1252.00', '8'],
];

async function fillRole(page, index, role, headcount) {
  await page.getByLabel(`Role ${index + 1}: occupation or profile`).fill(role);
  await page.getByLabel(`Role ${index + 1}: headcount (FTE)`).fill(headcount);
}

async function saveFiveRolePlan(page, name) {
  await page.goto('/plans/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plan for a team');
  await page.getByLabel('Plan name').first().fill(name);
  for (const [index, [role, headcount]] of FIVE_ROLES.entries()) {
    await fillRole(page, index, role, headcount);
  }
  await page.getByLabel('Role 1: loaded hourly cost').fill('190');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{32}$/);
}

test('a five-role plan made in the form shows hours, reviewer load and pilots', async ({ page }) => {
  await saveFiveRolePlan(page, 'Hospital back office');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hospital back office');
  await expect(page.locator('#edit-link')).toHaveAttribute('href', /\/plans\/[0-9a-f]{32}\/edit\?token=[0-9a-f]{64}$/);
  await expect(page.locator('#role-table tbody tr')).toHaveCount(5);
  await expect(page.locator('#role-table')).toContainText('Customer Service Representatives');
  await expect(page.locator('#plan-headline')).toContainText('hours freed');
  await expect(page.locator('#review')).toContainText('FTE');
  await expect(page.locator('#freed-value')).toContainText('over the 1 role with a cost');
  await expect(page.locator('#pilot-table tbody tr')).toHaveCount(10);
  await expect(page.locator('#pilot-table tbody tr').first()).toContainText('Measure');
});

test('a mistake in a row comes back next to that row, and nothing is saved', async ({ page }) => {
  await page.goto('/plans/new');
  await page.getByLabel('Plan name').first().fill('Broken plan');
  await fillRole(page, 0, '29-1224.00', '0');
  await fillRole(page, 1, '99-9999.00', '3');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.locator('#form-errors')).toContainText('Role 1, headcount: must be more than 0 FTE');
  await expect(page.getByLabel('Role 1: headcount (FTE)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Role 2: occupation or profile')).toHaveValue('99-9999.00');
});

test('a plan from a CSV file, then a headcount changed with the edit link', async ({ page }, testInfo) => {
  await page.goto('/plans/new');
  const csv = testInfo.outputPath('roles.csv');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(csv, 'role,headcount,hours_per_fte,hourly_cost\r\n29-1224.00,6,1700,190\r\n43-9041.00,40,,38\r\nMedical Records Specialists,12,,\r\n29-1141.00,120,,\r\n43-9021.00,10,,\r\n');
  await page.locator('#roles-csv').setInputFiles(csv);
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await expect(page.locator('.notice[role=status]')).toContainText('Loaded 5 roles from roles.csv');
  await expect(page.getByLabel('Role 3: occupation or profile')).toHaveValue('29-2072.00');
  await page.getByLabel('Plan name').first().fill('Claims and records');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{32}$/);
  const before = await page.locator('#plan-headline').textContent();
  await page.locator('#edit-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit plan');
  await page.getByLabel('Role 4: headcount (FTE)').fill('60');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{32}$/);
  await expect(page.locator('#role-table')).toContainText('60.0');
  expect(await page.locator('#plan-headline').textContent()).not.toEqual(before);
});

test('every download of a plan opens', async ({ page }) => {
  await saveFiveRolePlan(page, 'Downloads check');
  const base = page.url();
  for (const [file, check] of [
    ['plan.csv', (bytes) => expect(bytes.toString('utf8')).toContain('Customer Service Representatives')],
    ['plan.json', (bytes) => expect(JSON.parse(bytes.toString('utf8')).plan.roles).toHaveLength(5)],
    ['plan.xlsx', (bytes) => expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')],
    ['plan.pdf', (bytes) => expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')],
  ]) {
    const response = await page.request.get(`${base}/${file}`);
    expect(response.status(), file).toBe(200);
    expect(response.headers()['content-disposition'], file).toContain('attachment');
    check(await response.body());
  }
});

test('changing adoption moves the totals and the address keeps it', async ({ page, javaScriptEnabled }) => {
  await saveFiveRolePlan(page, 'Adoption check');
  const before = await page.locator('#plan-headline').textContent();
  const field = page.getByLabel('Copilot: adoption (%)');
  if (javaScriptEnabled) {
    const { waitForHydration } = await import('./fixtures.mjs');
    await waitForHydration(page);
    await field.fill('0');
    await expect(page.locator('#plan-headline')).not.toHaveText(before);
    await expect(page).toHaveURL(/adoption\.copilot=0/);
  } else {
    await field.fill('0');
    await page.getByRole('button', { name: 'Recompute' }).click();
    await expect(page).toHaveURL(/adoption\.copilot=0/);
    await expect(page.locator('#plan-headline')).not.toHaveText(before);
  }
  await page.reload();
  await expect(page.getByLabel('Copilot: adoption (%)')).toHaveValue('0');
});
