// With JavaScript: the Content-Security-Policy lets every main page hydrate and draw its charts,
// and nothing on them is blocked (the fixture fails a test on any CSP violation or console error).
import { test, expect, waitForHydration } from './fixtures.mjs';

const pages = [
  '/',
  '/occupations',
  '/occupations/29-1224.00',
  '/compare?codes=29-1224.00,43-9021.00',
  '/methodology',
  '/cases',
  '/profiles/new',
  '/api',
  '/no/such/page',
];

for (const path of pages) {
  test(`${path} hydrates under the CSP without a violation`, async ({ page }) => {
    const response = await page.goto(path);
    const policy = response.headers()['content-security-policy'];
    expect(policy).toContain("frame-ancestors 'none'");
    const scriptSrc = policy.split(';').find((directive) => directive.trim().startsWith('script-src'));
    expect(scriptSrc).not.toContain('unsafe-inline');
    const nonce = /'nonce-([0-9a-f]+)'/.exec(policy)?.[1];
    expect(nonce, 'the policy names a nonce').toBeTruthy();
    await waitForHydration(page);
    // Every script the page ran inline carried this response's nonce (browsers hide the
    // attribute's value from the DOM, but not the property).
    const nonces = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')]
      .filter((script) => !script.type || script.type === 'module' || script.type.includes('javascript'))
      .map((script) => script.nonce));
    expect(nonces.length).toBeGreaterThan(0);
    for (const scriptNonce of nonces) expect(scriptNonce).toBe(nonce);
    const charts = page.locator('.chart');
    for (let index = 0; index < await charts.count(); index++) {
      await expect(charts.nth(index)).toHaveAttribute('data-drawn', 'true');
    }
  });
}

test('the same page twice gets two different nonces (the second from the page cache)', async ({ page }) => {
  const first = await page.goto('/occupations/29-1224.00');
  const second = await page.goto('/occupations/29-1224.00');
  const nonceOf = (response) => /'nonce-([0-9a-f]+)'/.exec(response.headers()['content-security-policy'])[1];
  expect(nonceOf(first)).not.toBe(nonceOf(second));
  await waitForHydration(page);
});
