// Shared fixtures: every page must load without console errors, uncaught exceptions, failed
// requests, requests to any other host or Content-Security-Policy violations.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page, javaScriptEnabled }, use) => {
    const problems = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // A page that is meant to be a 404 logs its own status; that is not a problem.
      const isOwnStatus = message.text().startsWith('Failed to load resource') && message.location().url === page.url();
      if (!isOwnStatus) problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      // Without JavaScript, Chromium cancels the module preloads of the wasm bundle: expected.
      const cancelledPreload = !javaScriptEnabled && /\/pkg\/atlas\.([0-9a-f]{16}\.)?(js|wasm)$/.test(request.url());
      if (!cancelledPreload) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
    });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'data:' && url.hostname !== '127.0.0.1') problems.push(`request to another host: ${request.url()}`);
    });
    // Chromium logs CSP violations to the console too; this names the directive and the blocked
    // resource. Init scripts come from the test runner, so the page's policy does not apply to them.
    await page.exposeBinding('__reportCspViolation', (_source, text) => problems.push(`CSP violation: ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__reportCspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    await use(page);
    expect(problems, 'the page reported problems').toEqual([]);
  },
});

/** Waits until the wasm bundle has hydrated the page (the app marks <body> when it has). */
export async function waitForHydration(page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
}

export { expect };

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousAccessibilityViolations(page) {
  // Evaluated by the test runner rather than added as a <script>: the page's CSP (rightly) refuses
  // an inline script without its nonce.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes, e.g. ${violation.nodes[0]?.target})`);
}
