// Served from a folder of a *.github.io host, the page says at the top that other pages on that
// origin can use its keys, and what to do. A hostname mapped to loopback stands in for GitHub
// Pages; Chromium treats it as secure, as https would be (WebCrypto needs a secure context).
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { serveStatic, type StaticServer } from './static-server';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const HOST = 'alice.github.io';

let server: StaticServer;
let browser: Browser;
test.beforeAll(async () => {
  server = await serveStatic(DIST, '/kalshi-keys/');
  const port = new URL(server.url).port;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      `--unsafely-treat-insecure-origin-as-secure=http://${HOST}:${port}`,
    ],
  });
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const warning = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'can use the keys stored here' });

test(`at ${HOST}/kalshi-keys/ the page says first that other pages on ${HOST} can use its keys, and what to do`, async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(server.url.replace('127.0.0.1', HOST));
  await expect(warning(page)).toContainText(`Other pages on ${HOST} can use the keys stored here.`);
  await expect(warning(page)).toContainText('Keep no keys here');
  await expect(warning(page)).toContainText('a site of its own');
  // At the top: the first thing in the page, above the heading.
  expect(await page.locator('#app > :first-child').getAttribute('role')).toBe('alert');
  await expect(page.locator('#app > :first-child')).toContainText(`Other pages on ${HOST}`);
  // The page still works (it warns, it does not refuse).
  await expect(page.getByRole('button', { name: 'Generate key' })).toBeEnabled();
  expect(errors).toEqual([]);
  await page.close();
});

test('on an origin of its own (here 127.0.0.1) there is no such warning', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole('button', { name: 'Generate key' })).toBeEnabled();
  await expect(warning(page)).toHaveCount(0);
  await expect(page.getByText(/can use the keys stored here/)).toHaveCount(0);
});
