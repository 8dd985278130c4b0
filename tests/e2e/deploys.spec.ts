// The hosted build across deploys, as real hosts and users produce them: several tabs open, a CDN
// that has not caught up with every file, a file that fails, and two copies on one origin. Each
// deploy is a copy of dist/ whose script has another name and whose worker has another version,
// as a rebuild gives. dist/ is built by `npm test` before Playwright runs; nothing is built here.
import { cp, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, keyHeading, keyItem, mintKey, openView, test, ui } from './fixtures';
import { serveStatic, type StaticServer } from './static-server';
import { rehashWorker } from './worker-digests';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

let temp = '';
let servers: StaticServer[] = [];
test.beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'kalshi-keys-deploys-'));
});
test.afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(temp, { recursive: true, force: true });
  servers = [];
});

async function serve(root: string, mount?: string): Promise<StaticServer> {
  const server = await serveStatic(root, mount);
  servers.push(server);
  return server;
}

/** A build of the page named `name`: dist/ with the script renamed and the worker re-versioned. */
async function deploy(name: string): Promise<string> {
  const dir = join(temp, name);
  await cp(DIST, dir, { recursive: true });
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  // The entry script, which index.html names (not an on-demand chunk).
  const script = (await readdir(join(dir, 'assets'))).find(
    (f) => f.endsWith('.js') && html.includes(f),
  )!;
  const renamed = script.replace(/\.js$/, `-${name}.js`);
  await rename(join(dir, 'assets', script), join(dir, 'assets', renamed));
  // On-demand chunks import what they share from the entry script, by its name.
  for (const chunk of await readdir(join(dir, 'assets'))) {
    if (!chunk.endsWith('.js')) continue;
    const code = await readFile(join(dir, 'assets', chunk), 'utf8');
    if (code.includes(script))
      await writeFile(join(dir, 'assets', chunk), code.replaceAll(script, renamed));
  }
  await writeFile(
    join(dir, 'index.html'),
    html
      .replace(script, renamed)
      .replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n<meta name="e2e-deploy" content="${name}" />`,
      ),
  );
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  await writeFile(
    join(dir, 'sw.js'),
    sw.replace(script, renamed).replace(/const VERSION = "[^"]+";/, `const VERSION = "${name}";`),
  );
  // A rebuild publishes the digests of its own files.
  await rehashWorker(dir);
  return dir;
}

/** Which deploy the page runs (the test's marker in its index.html). */
const deployOf = (page: Page) => page.locator('meta[name="e2e-deploy"]').getAttribute('content');

async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

/** What the browser does on its own on the next navigation or periodic check. */
async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update().catch(() => undefined);
  });
}

const updateNow = (page: Page) => page.getByRole('button', { name: 'Update now', exact: true });

test('with two tabs open, "Update now" in one tab, then in the other: both run the new deploy', async ({
  context,
}) => {
  const server = await serve(await deploy('first'));
  const tabs = [await context.newPage(), await context.newPage()] as const;
  for (const tab of tabs) {
    await tab.goto(server.url);
    await controlledByServiceWorker(tab);
  }
  server.root = await deploy('second');
  await checkForUpdate(tabs[0]);
  for (const tab of tabs) await expect(updateNow(tab)).toBeVisible();

  await updateNow(tabs[0]).click();
  await expect.poll(() => deployOf(tabs[0])).toBe('second');
  // The other tab still runs the first deploy, and says so; its button must still work although
  // the new version is no longer waiting (the first tab switched to it).
  expect(await deployOf(tabs[1])).toBe('first');
  await updateNow(tabs[1]).click();
  await expect.poll(() => deployOf(tabs[1])).toBe('second');
  await expect(ui(tabs[1]).createKey).toBeEnabled();
  await expect(updateNow(tabs[1])).toHaveCount(0);
});

// What the README promises about updates: a new version never replaces the one a tab runs; it is
// announced there ("Update now") and, without a click, it runs once every tab of the old one is
// closed (the browser's service-worker lifecycle), from the next tab opened.
test('without "Update now", the new deploy waits while any tab of the old one is open, and runs in the next tab once they are all closed', async ({
  context,
}) => {
  const server = await serve(await deploy('first'));
  const first = await context.newPage();
  await first.goto(server.url);
  await controlledByServiceWorker(first);
  server.root = await deploy('second');
  await checkForUpdate(first);
  await expect(updateNow(first)).toBeVisible();

  // A reload, and a second tab opened meanwhile, still run the old version, and say so.
  await first.reload();
  expect(await deployOf(first)).toBe('first');
  const second = await context.newPage();
  await second.goto(server.url);
  expect(await deployOf(second)).toBe('first');
  await expect(updateNow(second)).toBeVisible();

  await first.close();
  // One tab of the old version is still open: a new tab still gets the old version.
  const third = await context.newPage();
  await third.goto(server.url);
  expect(await deployOf(third)).toBe('first');

  await second.close();
  await third.close();
  const next = await context.newPage();
  await next.goto(server.url);
  expect(await deployOf(next)).toBe('second');
  await expect(ui(next).createKey).toBeEnabled();
  await expect(updateNow(next)).toHaveCount(0);
});

// A deploy the worker must not install: the old version keeps running, online and offline, and
// nothing offers an update that would leave a blank page.
const BROKEN_DEPLOYS: Array<
  [string, (server: StaticServer, first: string) => Promise<void> | void]
> = [
  [
    // CDNs expire each file on its own (GitHub Pages: 10 min) and uploads land one by one, so the
    // new sw.js can come with the last deploy's index.html, whose script the host no longer has.
    'its sw.js arrives while the host still serves the last index.html',
    async (server, first) => {
      await cp(join(first, 'index.html'), join(server.root, 'index.html'));
    },
  ],
  [
    'one of its files answers 500',
    (server) => {
      server.override = (relative, res) => {
        if (!relative.startsWith('assets/') || !relative.endsWith('.css')) return false;
        res.writeHead(500).end();
        return true;
      };
    },
  ],
];

for (const [what, breakIt] of BROKEN_DEPLOYS) {
  test(`a deploy where ${what} is not offered, and the old version keeps working offline`, async ({
    page,
    context,
  }) => {
    const first = await deploy('first');
    const server = await serve(first);
    await page.goto(server.url);
    await mintKey(page, 'Kept key');
    await controlledByServiceWorker(page);

    server.root = await deploy('second');
    await breakIt(server, first);
    await checkForUpdate(page);
    await page.reload();
    // The reload stays on the key's page (its address), and the page works.
    await expect(keyHeading(page, 'Kept key')).toBeVisible();
    expect(await deployOf(page)).toBe('first');
    await expect(updateNow(page)).toHaveCount(0);

    await context.setOffline(true);
    server.down = true;
    await page.reload();
    await expect(keyHeading(page, 'Kept key')).toBeVisible();
    await openView(page, 'Keys');
    await expect(ui(page).createKey).toBeEnabled();
    await expect(keyItem(page, 'Kept key')).toHaveCount(1);
    expect(await deployOf(page)).toBe('first');
  });
}

test('two copies on one origin (/sites/a/ and /sites/b/, other versions): each still works offline', async ({
  page,
  context,
}) => {
  const sites = join(temp, 'sites');
  await cp(await deploy('a'), join(sites, 'a'), { recursive: true });
  await cp(await deploy('b'), join(sites, 'b'), { recursive: true });
  const server = await serve(sites, '/sites/');
  for (const copy of ['a', 'b']) {
    await page.goto(`${server.url}${copy}/`);
    await controlledByServiceWorker(page);
  }

  await context.setOffline(true);
  server.down = true;
  for (const copy of ['a', 'b']) {
    await page.goto(`${server.url}${copy}/`);
    await expect(ui(page).createKey).toBeEnabled();
    expect(await deployOf(page)).toBe(copy);
  }
});
