// Browser tests: Debian's Chromium (never a downloaded browser) against the production build in
// dist/, served by `vite preview`. tests/run.mjs builds dist/ before Playwright runs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';

export { CHROMIUM_ARGS, CHROMIUM_PATH };
// E2E_PORT and E2E_OUTPUT_DIR only matter when several runs share one checkout at the same time:
// each needs its own server (a reused one stops when its run ends) and its own output folder.
const PORT = Number(process.env.E2E_PORT ?? 4173);
export const BASE_URL = `http://127.0.0.1:${PORT}/`;

// Browser tests must never skip silently: without the browser the run stops here, loudly.
if (!existsSync(CHROMIUM_PATH)) {
  throw new Error(
    `Chromium not found at ${CHROMIUM_PATH}. Install Debian's package ` +
      '(`sudo apt-get install -y chromium`, or run `npm test`, which does it) ' +
      'or set CHROMIUM_PATH to a Chromium binary.',
  );
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: process.env.E2E_OUTPUT_DIR ?? '../../test-results',
  fullyParallel: false,
  // Two cores shared with the preview server and Chromium's own processes.
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    permissions: ['clipboard-read', 'clipboard-write'],
    viewport: { width: 1200, height: 900 },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: repoRoot,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
