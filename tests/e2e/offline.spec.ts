// The hosted build (issue 4, items 1 and 2): served under a sub-path as a static host would, it
// works offline after one visit thanks to its service worker, and says when a new deploy is ready.
// dist/ is built by `npm test` before Playwright runs; nothing is built here.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import {
  expect,
  kalshiMessage,
  keyHeading,
  keyItem,
  mintKey,
  openView,
  signRequest,
  test,
  ui,
  verifyWithNode,
} from './fixtures';
import { rehashWorker } from './worker-digests';
import { serveStatic, type StaticServer } from './static-server';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Resolves once the service worker has installed (precached the build) and controls the page. */
async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

let servers: StaticServer[] = [];
let temps: string[] = [];
test.afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
  servers = [];
  temps = [];
});

async function serve(root: string, headers?: Record<string, string>): Promise<StaticServer> {
  const server = await serveStatic(root, '/some/repo/', headers);
  servers.push(server);
  return server;
}

test('dist/ uses relative URLs only: no absolute /assets path', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  expect(html).not.toMatch(/["'(=]\s*\/assets\//);
  expect(html).toMatch(/src="\.\/assets\/[^"]+\.js"/);
  const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
  expect(sw).not.toMatch(/["']\/assets\//);
  for (const file of await readdir(join(DIST, 'assets'))) {
    if (!/\.(css|js)$/.test(file)) continue;
    const text = await readFile(join(DIST, 'assets', file), 'utf8');
    expect(text, file).not.toMatch(/url\(\s*["']?\/assets\//);
  }
});

// Hosts differ in ways the precache must survive:
//  - Vary: Origin with every file (vite preview; S3 or a CDN with CORS turned on): the module
//    script's request carries an Origin header and the precache request did not, so a lookup that
//    honours Vary misses it, and offline the page stays blank;
//  - Vary: *, which the Cache API refuses to store at all;
//  - index.html redirected to the folder (Cloudflare Pages, Netlify's pretty URLs): a stored
//    redirected response is refused for a navigation, so a link to .../index.html failed to open.
const HOSTS: Array<[string, Record<string, string>, StaticServer['override']?]> = [
  ['a static host', {}],
  ['a host that sends Vary: Origin', { Vary: 'Origin' }],
  ['a host that sends Vary: *', { Vary: '*' }],
  [
    'a host that redirects index.html to the folder',
    {},
    (relative, res) => {
      if (relative !== 'index.html') return false;
      res.writeHead(301, { Location: './' }).end();
      return true;
    },
  ],
];

for (const [host, headers, override] of HOSTS) {
  test(`served under /some/repo/ by ${host}, then offline after one visit: the reload still mints and signs`, async ({
    page,
    context,
    watch,
  }) => {
    const server = await serve(DIST, headers);
    server.override = override;
    await page.goto(server.url);
    await expect(ui(page).nav).toBeVisible();
    // index.html's "could not start" text is for a script that never ran: the app replaces it.
    await expect(page.getByText('could not start')).toHaveCount(0);
    await mintKey(page, 'Online key');
    await controlledByServiceWorker(page);
    await expect(page.getByText('will not open offline')).toHaveCount(0);
    const scope = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())?.scope,
    );
    expect(scope).toBe(server.url);

    // Network off for the page, and the host gone as well, so nothing can come from the network.
    await context.setOffline(true);
    server.down = true;
    const before = server.requests.length;
    await page.reload();
    // The reload stays on the key's page: its address.
    await expect(keyHeading(page, 'Online key')).toBeVisible();
    await openView(page, 'Keys');
    await expect(keyItem(page, 'Online key')).toHaveCount(1);
    // The address as links and bookmarks give it: a view of its own, from the cache too.
    await page.goto(`${server.url}index.html?utm_source=x#/sign`);
    await expect(ui(page).heading).toHaveText('Sign a request');
    await expect(ui(page).signingKey.locator('option:checked')).toHaveText(/^Online key/);
    await openView(page, 'Keys');
    await expect(keyItem(page, 'Online key')).toHaveCount(1);

    const publicPem = await mintKey(page, 'Offline key');
    await ui(page).kalshiKeyId.fill('7c0b3c1e-2f4d-4a5b-8c6d-0e1f2a3b4c5d');
    const path = '/trade-api/v2/portfolio/balance';
    const signed = await signRequest(page, { method: 'GET', path });
    expect(signed.key).toBe('7c0b3c1e-2f4d-4a5b-8c6d-0e1f2a3b4c5d');
    expect(
      verifyWithNode(publicPem, kalshiMessage(signed.timestamp, 'GET', path), signed.signature),
    ).toBe(true);
    // The browser may ask for sw.js to look for an update (and fail quietly); the page itself came
    // entirely from the worker's cache.
    expect(server.requests.slice(before).filter((p) => !p.endsWith('/sw.js'))).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
  });
}

// A host that lacks a file (an upload that skipped sw.js or kalshi-keys.html) leaves no offline
// copy: the page works online and must say that it will not open offline, not fail later.
for (const missing of ['sw.js', 'kalshi-keys.html']) {
  test(`a host without ${missing}: the page works and says it will not open offline`, async ({
    page,
    watch,
  }) => {
    const server = await serve(DIST);
    server.override = (relative, res) => {
      if (relative !== missing) return false;
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return true;
    };
    await page.goto(server.url);
    await expect(
      page.getByRole('status').filter({ hasText: 'will not open offline' }),
    ).toContainText('Download for offline use');
    await mintKey(page, 'Online key');
    expect(watch.pageErrors).toEqual([]);
  });
}

test('hosted at the domain root beside other pages: those still come from the host, online', async ({
  page,
}) => {
  const site = await mkdtemp(join(tmpdir(), 'kalshi-keys-site-'));
  temps.push(site);
  await cp(DIST, site, { recursive: true });
  await mkdir(join(site, 'blog'));
  await writeFile(
    join(site, 'blog', 'index.html'),
    '<!doctype html><title>Blog</title><h1>My blog</h1>',
  );
  const server = await serveStatic(site, '/');
  servers.push(server);
  await page.goto(server.url);
  await controlledByServiceWorker(page);

  // The worker's scope is the whole site: it must answer only for the page's own files.
  await page.goto(`${server.url}blog/`);
  await expect(page.getByRole('heading', { level: 1, name: 'My blog' })).toBeVisible();
  expect((await page.goto(`${server.url}no-such-page`))?.status()).toBe(404);
  await page.goto(server.url);
  await expect(ui(page).createKey).toBeEnabled();
});

test('a new deploy is announced with "Update now", and a click switches to it', async ({
  page,
  watch,
}) => {
  const temp = await mkdtemp(join(tmpdir(), 'kalshi-keys-deploy-'));
  temps.push(temp);
  const first = join(temp, 'first');
  const second = join(temp, 'second');
  await cp(DIST, first, { recursive: true });
  await cp(DIST, second, { recursive: true });
  // The second deploy: a page that says which it is, and a worker with another version (so another
  // cache), as a real rebuild would produce.
  const html = await readFile(join(second, 'index.html'), 'utf8');
  await writeFile(
    join(second, 'index.html'),
    html.replace(
      '<meta charset="UTF-8" />',
      '<meta charset="UTF-8" />\n    <meta name="e2e-deploy" content="second" />',
    ),
  );
  const sw = await readFile(join(second, 'sw.js'), 'utf8');
  const versioned = sw.replace(/const VERSION = "[^"]+";/, 'const VERSION = "e2e-second-deploy";');
  expect(versioned).not.toBe(sw);
  await writeFile(join(second, 'sw.js'), versioned);
  // A rebuild publishes the digests of its own files (index.html changed above).
  await rehashWorker(second);

  const server = await serve(first);
  await page.goto(server.url);
  await controlledByServiceWorker(page);
  const deployMarker = page.locator('meta[name="e2e-deploy"]');
  await expect(deployMarker).toHaveCount(0);

  server.root = second;
  // What the browser does on its own on the next navigation or periodic check.
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
  const banner = page.getByRole('status').filter({ hasText: /new version.*ready/i });
  await expect(banner).toBeVisible();
  // Until the click, the old version keeps running, and says so.
  await expect(deployMarker).toHaveCount(0);

  await banner.getByRole('button', { name: 'Update now', exact: true }).click();
  await expect(deployMarker).toHaveCount(1);
  await expect(ui(page).nav).toBeVisible();
  await expect(page.getByRole('button', { name: 'Update now' })).toHaveCount(0);
  expect(watch.pageErrors).toEqual([]);
  expect(watch.cspViolations).toEqual([]);
});

test('a copy of the hosted page made with "Save page as" says why it cannot start and what to use instead', async ({
  page,
}) => {
  // What "Save page as" keeps: the HTML and its files side by side, opened from disk, where
  // Chromium refuses to load a module script (the page's origin is null).
  const saved = await mkdtemp(join(tmpdir(), 'kalshi-keys-saved-'));
  temps.push(saved);
  await cp(DIST, saved, { recursive: true });
  await page.goto(pathToFileURL(join(saved, 'index.html')).href);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('could not start');
  await expect(alert).toContainText('Download for offline use');
  await expect(alert).toBeVisible();
  await expect(ui(page).createKey).toHaveCount(0);
  await expect(ui(page).nav).toHaveCount(0);
});
