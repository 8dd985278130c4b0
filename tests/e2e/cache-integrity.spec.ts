// A sibling page on the same origin (another repository's GitHub Pages site at
// https://<user>.github.io/evil/) can open the service worker's caches: CacheStorage belongs to
// the origin, not the path. It writes its own HTML (or script) in place of kalshi-keys' offline
// copy. The worker checks every cached body against the SHA-256 the build published: the changed
// copy is refused with words, and the next load comes from the site again.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test, ui } from './fixtures';
import { serveStatic, type StaticServer } from './static-server';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

let temp = '';
let server: StaticServer | undefined;
test.beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'kalshi-keys-cache-'));
});
test.afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(temp, { recursive: true, force: true });
});

/**
 * The attacker's page: its own script finds kalshi-keys' cache and overwrites `targets` (paths
 * on the origin) with `body`, then says how many entries it wrote.
 */
async function poisoner(dir: string, targets: string[], body: string, type: string) {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'poison.js'),
    `(async () => {
  let written = 0;
  for (const name of await caches.keys()) {
    if (!name.includes('/kalshi-keys/')) continue;
    const cache = await caches.open(name);
    for (const url of ${JSON.stringify(targets)}) {
      await cache.put(url, new Response(${JSON.stringify(body)}, { headers: { 'Content-Type': ${JSON.stringify(type)} } }));
      written++;
    }
  }
  document.title = 'written ' + written;
})();`,
  );
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>Nothing to see</title><script src="poison.js"></script>',
  );
}

/** The origin as GitHub Pages serves an account's sites: kalshi-keys and an attacker's folder. */
async function sharedOrigin(targets: (entry: string) => string[], body: string, type: string) {
  const root = join(temp, 'site');
  await cp(DIST, join(root, 'kalshi-keys'), { recursive: true });
  const html = await readFile(join(root, 'kalshi-keys', 'index.html'), 'utf8');
  const entry = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
  await poisoner(join(root, 'evil'), targets(entry), body, type);
  server = await serveStatic(root, '/');
  return { app: `${server.url}kalshi-keys/`, evil: `${server.url}evil/` };
}

async function installOfflineCopy(page: Page, app: string): Promise<void> {
  await page.goto(app);
  await expect(ui(page).createKey).toBeEnabled();
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

test("a sibling page's HTML written into the offline copy is refused, and the page says so", async ({
  page,
}) => {
  const attack =
    '<!doctype html><title>kalshi-keys</title><h1>Attacker page</h1><p>Paste your key here</p>';
  const { app, evil } = await sharedOrigin(
    () => ['/kalshi-keys/', '/kalshi-keys/index.html'],
    attack,
    'text/html',
  );
  await installOfflineCopy(page, app);

  await page.goto(evil);
  await expect(page).toHaveTitle('written 2');

  await page.goto(app);
  await expect(
    page.getByText('This copy of kalshi-keys was changed on this computer'),
  ).toBeVisible();
  await expect(page.locator('body')).toContainText('it was not run');
  await expect(page.locator('body')).toContainText(
    'Reload to load kalshi-keys from the site again',
  );
  await expect(page.getByRole('heading', { name: 'Attacker page' })).toHaveCount(0);
  await page.goto(`${app}index.html`);
  await expect(page.getByRole('heading', { name: 'Attacker page' })).toHaveCount(0);

  // As the text says: a reload brings the published page back, and a fresh offline copy.
  await page.goto(app);
  await expect(ui(page).heading).toHaveText('Your Kalshi API keys');
  await expect(ui(page).createKey).toBeEnabled();
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
  await expect(page.getByRole('heading', { name: 'Attacker page' })).toHaveCount(0);
});

test("a sibling page's script written in place of kalshi-keys' own never runs", async ({
  page,
}) => {
  const { app, evil } = await sharedOrigin(
    (entry) => [`/kalshi-keys/${entry}`],
    "document.body.textContent = 'Attacker script ran';",
    'text/javascript',
  );
  await installOfflineCopy(page, app);
  await page.goto(evil);
  await expect(page).toHaveTitle('written 1');

  const refused = page.waitForResponse((r) => r.url().endsWith('.js') && r.status() === 500);
  await page.goto(app);
  expect((await refused).statusText()).toBe('Changed on this computer');
  await expect(page.getByText('Attacker script ran')).toHaveCount(0);
  await expect(ui(page).createKey).toHaveCount(0);
  // The changed copy is gone: the next load runs the published script.
  await page.reload();
  await expect(ui(page).createKey).toBeEnabled();
});

test('a host that rewrites index.html on the way: the page works online and says it will not open offline', async ({
  page,
  watch,
}) => {
  server = await serveStatic(DIST, '/kalshi-keys/');
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  // What an HTML-minifying or script-injecting CDN does: the same page, other bytes.
  server.override = (relative, res) => {
    if (relative !== '' && relative !== 'index.html') return false;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(html.replace(/\n\s+/g, '\n') + '<!-- served by ExampleCDN -->');
    return true;
  };
  await page.goto(server.url);
  await expect(page.getByRole('status').filter({ hasText: 'will not open offline' })).toBeVisible();
  await expect(ui(page).createKey).toBeEnabled();
  expect(
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active),
  ).toBeFalsy();
  expect(watch.pageErrors).toEqual([]);
});
