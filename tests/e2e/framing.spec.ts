// Clickjacking: a page that frames kalshi-keys (another site, or another page on the same origin,
// or another local file framing the single file) gets one sentence and a link, never the key
// manager, and the framed page opens no IndexedDB and registers no service worker.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Frame, Page } from '@playwright/test';
import { expect, test, ui } from './fixtures';
import { serveStatic, type StaticServer } from './static-server';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const REFUSAL = /runs only in a tab of its own, never inside another page/;

let temp = '';
let servers: StaticServer[] = [];
test.beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'kalshi-keys-framing-'));
});
test.afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  await rm(temp, { recursive: true, force: true });
});

/** An attacker's page: the target in a frame made nearly invisible over a decoy button. */
async function attackPage(dir: string, target: string): Promise<void> {
  await writeFile(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>Win a prize</title>
<button style="position:absolute;top:120px;left:40px">Claim your prize</button>
<iframe src="${target}" style="position:absolute;top:0;left:0;width:1000px;height:800px;opacity:0.0001"></iframe>`,
  );
}

async function serve(root: string, mount: string): Promise<StaticServer> {
  const server = await serveStatic(root, mount);
  servers.push(server);
  return server;
}

/** The frame that holds kalshi-keys, once its script has run. */
async function framedPage(page: Page): Promise<Frame> {
  await expect(page.frameLocator('iframe').getByRole('alert')).toContainText(REFUSAL);
  return page.frames().find((f) => f !== page.mainFrame())!;
}

/** Asserts the frame shows only the refusal, and a link to `pageUrl` that opens a new tab. */
async function expectOnlyRefusal(frame: Frame, pageUrl: string): Promise<void> {
  const app = frame.locator('#app');
  await expect(app).toHaveText(
    /^kalshi-keys runs only in a tab of its own[^]*Open kalshi-keys in its own tab\.$/,
  );
  await expect(frame.getByRole('button')).toHaveCount(0);
  await expect(frame.getByRole('textbox')).toHaveCount(0);
  const link = frame.getByRole('link', { name: 'Open kalshi-keys in its own tab', exact: true });
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener');
  expect(await link.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(pageUrl);
}

/** What the framed document's origin (in its storage partition) holds: databases and workers. */
function storageOf(frame: Frame) {
  return frame.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    // Service workers do not exist for file:// pages (getRegistrations() throws there).
    workers:
      location.protocol === 'file:' ? 0 : (await navigator.serviceWorker.getRegistrations()).length,
  }));
}

test('framed by another origin: only the refusal and a link to its own tab; no IndexedDB, no service worker', async ({
  page,
  context,
  watch,
}) => {
  const site = await serve(DIST, '/kalshi-keys/');
  const evilDir = join(temp, 'evil');
  await mkdir(evilDir);
  // Another port is another origin of the same site, as in the review's attack (a cross-site
  // frame gets no storage at all in Chromium: third-party storage is blocked).
  await attackPage(evilDir, site.url);
  const evil = await serve(evilDir, '/');
  await page.goto(evil.url);

  const frame = await framedPage(page);
  await expectOnlyRefusal(frame, site.url);
  expect(await storageOf(frame)).toEqual({ databases: [], workers: 0 });
  watch.expectClean();

  // The link opens the page in a tab of its own, where it runs, with no handle back to the framer.
  const opened = context.waitForEvent('page');
  await frame.getByRole('link', { name: 'Open kalshi-keys in its own tab' }).click();
  const tab = await opened;
  await expect(ui(tab).createKey).toBeEnabled();
  expect(tab.url()).toBe(site.url);
  expect(await tab.evaluate(() => window.opener)).toBeNull();
});

test('framed by another page on the same origin: only the refusal; no IndexedDB, no service worker', async ({
  page,
  watch,
}) => {
  // One origin, two folders: https://<user>.github.io/kalshi-keys/ and /evil/.
  const root = join(temp, 'site');
  await cp(DIST, join(root, 'kalshi-keys'), { recursive: true });
  await mkdir(join(root, 'evil'));
  await attackPage(join(root, 'evil'), '../kalshi-keys/');
  const site = await serve(root, '/');
  await page.goto(`${site.url}evil/`);

  const frame = await framedPage(page);
  await expectOnlyRefusal(frame, `${site.url}kalshi-keys/`);
  // Same origin: the framing page itself sees the origin's whole storage.
  for (const where of [frame, page.mainFrame()])
    expect(await storageOf(where)).toEqual({ databases: [], workers: 0 });
  watch.expectClean();
});

test('the single file framed by another local file: only the refusal; no IndexedDB', async ({
  page,
  watch,
}) => {
  const single = pathToFileURL(join(DIST, 'kalshi-keys.html')).href;
  await attackPage(temp, single);
  await page.goto(pathToFileURL(join(temp, 'index.html')).href);

  const frame = await framedPage(page);
  await expectOnlyRefusal(frame, single);
  expect((await storageOf(frame)).databases).toEqual([]);
  watch.expectClean();
});
