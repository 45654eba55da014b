// End-to-end tests in Debian's Chromium (never a downloaded browser), against the release build.
// Two projects: `js` (hydration, live behaviour) and `no-js` (the server-rendered pages alone).
// scripts/e2e.sh sets E2E_PORT, E2E_DATABASE_URL and ATLAS_BIN and starts nothing else.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 3917);
const baseURL = `http://127.0.0.1:${port}`;
const chromium = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

export default defineConfig({
  testDir: '.',
  outputDir: 'test-results',
  // Two browsers, the server and (in CI) nothing else share two cores: hydrating the 1 MB bundle
  // can take seconds under that load, so a test gets a minute.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: chromium,
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    { name: 'js', testMatch: /\.(js|both)\.spec\.mjs$/, use: { javaScriptEnabled: true } },
    { name: 'no-js', testMatch: /\.(nojs|both)\.spec\.mjs$/, use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: `${process.env.ATLAS_BIN || '../target/release/atlas'} serve`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    cwd: '..',
    env: {
      ATLAS_LISTEN_ADDR: `127.0.0.1:${port}`,
      DATABASE_URL: process.env.E2E_DATABASE_URL || 'sqlite://target/e2e.db',
      ATLAS_SITE_ROOT: 'target/site',
      RUST_LOG: 'warn',
      // The tests save many profiles from one address.
      ATLAS_WRITE_RATE_PER_MINUTE: '6000',
      ATLAS_WRITE_BURST: '1000',
    },
  },
});
