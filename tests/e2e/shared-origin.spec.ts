// Served from a folder of a *.github.io host, the page says at the top that other pages on that
// origin can use its keys, and what to do. A hostname mapped to loopback stands in for GitHub
// Pages; Chromium treats it as secure, as https would be (WebCrypto needs a secure context).
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { expect, openView, test, ui } from './fixtures';
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

/** `notice` is on screen above the current view's heading. */
async function expectAboveHeading(page: Page, notice: Locator): Promise<void> {
  const [top, heading] = await Promise.all([notice.boundingBox(), ui(page).heading.boundingBox()]);
  expect(top!.y + top!.height).toBeLessThanOrEqual(heading!.y);
}

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
  // At the top: the first of the notices, which the page shows above every view's heading.
  const first = page.locator('#app .notices > :first-child');
  expect(await first.getAttribute('role')).toBe('alert');
  await expect(first).toContainText(`Other pages on ${HOST}`);
  await expectAboveHeading(page, first);
  // The page still works (it warns, it does not refuse), and the warning stays in every view.
  await openView(page, 'Create a key');
  await expect(ui(page).generateKey).toBeEnabled();
  await expect(warning(page)).toContainText(`Other pages on ${HOST} can use the keys stored here.`);
  await expectAboveHeading(page, warning(page));
  expect(errors).toEqual([]);
  await page.close();
});

test('on an origin of its own (here 127.0.0.1) there is no such warning', async ({ page }) => {
  await page.goto(server.url);
  await openView(page, 'Create a key');
  await expect(ui(page).generateKey).toBeEnabled();
  await expect(warning(page)).toHaveCount(0);
  await expect(page.getByText(/can use the keys stored here/)).toHaveCount(0);
});
