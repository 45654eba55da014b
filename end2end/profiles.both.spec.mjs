// Custom task profiles, with and without JavaScript: create one from scratch, from an occupation
// and from a CSV file; see its assessment; edit it with the edit link; fail to edit without it;
// delete it.
import { test, expect } from './fixtures.mjs';

/** Fills task row `index` of the profile form. */
async function fillTask(page, index, { title, share, kind, ratings }) {
  await page.locator(`#task-${index}-title`).fill(title);
  await page.locator(`#task-${index}-share`).fill(String(share));
  await page.locator(`#task-${index}-kind`).selectOption(kind);
  const dimensions = ['standardization', 'error_tolerance', 'verifiability', 'frequency'];
  for (const [position, dimension] of dimensions.entries()) {
    await page.locator(`#task-${index}-ratings-${dimension}`).selectOption(String(ratings[position]));
  }
}

async function saveNewProfile(page, name) {
  await page.goto('/profiles/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Describe your own work');
  await page.getByLabel(/Name of the profile/).fill(name);
  await fillTask(page, 0, { title: 'Read screening mammograms', share: 40, kind: 'judging_cases', ratings: [5, 1, 4, 5] });
  await fillTask(page, 1, { title: 'Discuss results with patients', share: 10, kind: 'working_with_people', ratings: [2, 2, 2, 3] });
  await page.getByRole('button', { name: 'Save and assess' }).click();
  await expect(page).toHaveURL(/\/profiles\/[0-9a-f]{32}$/);
  return page.url();
}

test('a profile made from scratch is saved and assessed', async ({ page }) => {
  await saveNewProfile(page, 'Screening radiologist <b>unit</b> 🩻');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Screening radiologist <b>unit</b> 🩻');
  await expect(page.locator('#verdict-heading')).toBeVisible();
  await expect(page.locator('table.tasks tbody tr')).toHaveCount(2);
  await expect(page.locator('table.tasks tbody tr').first().locator('.task-pattern')).toHaveText('Second reader');
  await expect(page.locator('table.tasks tbody tr').first().locator('.task-kind')).toContainText('Judging cases');
  await expect(page.locator('#verdict-margins')).toContainText('points of');
  await expect(page.locator('#edit-link')).toHaveAttribute('href', /\/edit\?token=[0-9a-f]{64}$/);
  await expect(page.locator('#model-version')).toContainText('Scored with model version');
  await expect(page.getByRole('link', { name: 'CSV' })).toHaveAttribute('href', /\/profiles\/[0-9a-f]{32}\/summary\.csv$/);
});

test('a form with mistakes comes back with the input and a message next to each field', async ({ page }) => {
  await page.goto('/profiles/new');
  await fillTask(page, 0, { title: 'Read screening mammograms', share: 400, kind: 'judging_cases', ratings: [5, 1, 4, 5] });
  await page.getByRole('button', { name: 'Save and assess' }).click();
  await expect(page.locator('#form-errors')).toContainText('Please correct 2 problems');
  await expect(page.locator('#name-error')).toHaveText('enter a name for the profile');
  await expect(page.locator('#task-0-title')).toHaveValue('Read screening mammograms');
  await expect(page.locator('#task-0-share')).toHaveValue('400');
  await expect(page.locator('#task-0-share')).toHaveAttribute('aria-invalid', 'true');
});

test('an occupation is a template for a profile', async ({ page }) => {
  await page.goto('/occupations/29-1224.00');
  await page.getByRole('link', { name: 'Use as a template for your own profile' }).click();
  await expect(page).toHaveURL(/\/profiles\/new\?template=29-1224\.00/);
  await expect(page.locator('.notice')).toContainText('Started from Radiologists');
  await expect(page.getByLabel(/Name of the profile/)).toHaveValue('Radiologists (my version)');
  await expect(page.locator('#base_occupation')).toHaveValue('29-1224.00');
  await page.getByLabel(/Name of the profile/).fill('Our radiology department');
  await page.getByRole('button', { name: 'Save and assess' }).click();
  await expect(page).toHaveURL(/\/profiles\/[0-9a-f]{32}$/);
  await expect(page.locator('table.tasks tbody tr')).toHaveCount(8);
  await expect(page.locator('.profile-meta')).toContainText('Started from Radiologists');
});

test('the Suggest button fills the kind and ratings of rows left blank from the closest archetype', async ({ page }) => {
  await page.goto('/profiles/new');
  await page.locator('#task-0-title').fill('Read screening images for signs of cancer');
  await page.locator('#task-0-share').fill('50');
  await page.locator('#task-1-title').fill('Teach a class of new staff');
  await page.locator('#task-1-share').fill('50');
  await page.locator('#task-1-kind').selectOption('making');
  await page.getByRole('button', { name: 'Suggest kinds and ratings for rows left blank' }).click();
  await expect(page.locator('.notice').first()).toContainText('Closest archetype');
  await expect(page.locator('#task-0-kind')).toHaveValue('judging_cases');
  await expect(page.locator('#task-0-ratings-error_tolerance')).toHaveValue('1');
  // A kind the user chose is kept; only the blank ratings are filled.
  await expect(page.locator('#task-1-kind')).toHaveValue('making');
  await expect(page.locator('#task-1-ratings-verifiability')).not.toHaveValue('');
  await page.getByLabel(/Name of the profile/).fill('Suggested profile');
  await page.getByRole('button', { name: 'Save and assess' }).click();
  await expect(page).toHaveURL(/\/profiles\/[0-9a-f]{32}$/);
  await expect(page.locator('table.tasks tbody tr').first().locator('.task-pattern')).toHaveText('Second reader');
});

test('a CSV task list fills the form, and its errors name line and column', async ({ page }) => {
  await page.goto('/profiles/new');
  const header = 'title,share,standardization,error_tolerance,verifiability,frequency,notes\n';
  await page.locator('#tasks_csv').setInputFiles({
    name: 'team.csv', mimeType: 'text/csv',
    buffer: Buffer.from(header + 'Key in invoices,60,5,4,5,5,\nAnswer supplier calls,abc,2,3,2,4,\n'),
  });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.locator('#upload-errors')).toContainText('team.csv: line 3, column share');
  await page.locator('#tasks_csv').setInputFiles({
    name: 'team.csv', mimeType: 'text/csv',
    buffer: Buffer.from(header + 'Key in invoices,60,5,4,5,5,\n"Answer supplier calls, by phone",40,2,3,2,4,Often in Spanish\n'),
  });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.locator('.notice').first()).toContainText('Loaded 2 tasks from team.csv');
  await expect(page.locator('#task-1-title')).toHaveValue('Answer supplier calls, by phone');
  // Without a kind column the kind is read from each title.
  await expect(page.locator('#task-0-kind')).toHaveValue('moving_information');
  await expect(page.locator('#task-1-kind')).toHaveValue('service_exchange');
  await page.getByLabel(/Name of the profile/).fill('Accounts payable team');
  await page.getByRole('button', { name: 'Save and assess' }).click();
  await expect(page).toHaveURL(/\/profiles\/[0-9a-f]{32}$/);
  await expect(page.locator('table.tasks')).toContainText('Often in Spanish');
});

test('the edit link edits and deletes; without it the profile is read-only', async ({ page, browser, javaScriptEnabled }) => {
  const url = await saveNewProfile(page, 'Profile to edit');
  const editLink = await page.locator('#edit-link').getAttribute('href');

  // Someone else, with only the address.
  const stranger = await browser.newContext({ javaScriptEnabled });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(url);
  await expect(strangerPage.locator('.profile-meta')).toContainText('Read-only');
  const refused = await strangerPage.goto(`${url}/edit`);
  expect(refused.status()).toBe(403);
  await expect(strangerPage.getByRole('heading', { level: 1 })).toContainText('can only be changed with its edit link');
  await stranger.close();

  await page.goto(editLink);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit profile');
  await page.getByLabel(/Name of the profile/).fill('Edited profile');
  await page.locator('#task-1-share').fill('30');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edited profile');
  await expect(page.locator('#edit-link')).toHaveCount(0);

  // The browser remembers the token: the edit page opens without the link.
  await page.getByRole('link', { name: 'Edit or delete' }).click();
  await page.getByLabel('Yes, delete this profile for good').check();
  await page.getByRole('button', { name: 'Delete profile' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile deleted');
  const gone = await page.goto(url);
  expect(gone.status()).toBe(404);
});
