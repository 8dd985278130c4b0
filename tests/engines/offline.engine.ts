// Offline in every engine: the hosted build under a sub-path, served by its service worker once
// the host is gone (mint and sign there), and a new deploy announced; the single file from
// file://, with keys in memory unless "Keep keys on this computer" is ticked, and what that
// choice says checked against what the engine really does with local files' storage.
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { serveStatic, type StaticServer } from '../e2e/static-server';
import { rehashWorker } from '../e2e/worker-digests';
import { NAV, app, button, kalshiMessage, keyItem, verifyWithNode } from './app';
import { waitFor, type Tab } from './driver';
import { DIST, engineSuite } from './harness';

const s = engineSuite();
let servers: StaticServer[] = [];
let temps: string[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
  servers = [];
  temps = [];
});

async function serve(root: string): Promise<StaticServer> {
  const server = await serveStatic(root, '/some/repo/');
  servers.push(server);
  return server;
}

async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

const UPDATE_BANNER = { role: 'status', hasText: /new version.*ready/i };

/** Resolves once the service worker has installed (precached the build) and controls the tab. */
function controlledByServiceWorker(tab: Tab): Promise<true> {
  return waitFor(
    () =>
      tab.evaluate(async () => {
        await navigator.serviceWorker.ready;
        return navigator.serviceWorker.controller !== null;
      }),
    { timeout: 20_000, message: 'the service worker to control the page' },
  );
}

/** Signs a GET with `name` (given a Kalshi key ID first) and checks it with node:crypto. */
async function expectSigns(tab: Tab, name: string, publicPem: string) {
  const a = app(tab);
  await a.setKalshiKeyId(name, randomUUID());
  const path = '/trade-api/v2/portfolio/balance';
  const signed = await a.sign({ key: name, method: 'GET', path });
  expect(
    verifyWithNode(publicPem, kalshiMessage(signed.timestamp, 'GET', path), signed.signature),
  ).toBe(true);
}

describe('7. offline', () => {
  test('after one visit the service worker serves the page with the host gone; it mints and signs there', async () => {
    const server = await serve(DIST);
    const { tab } = await s.open(server.url);
    const a = app(tab);
    await a.mint('Online key');
    await controlledByServiceWorker(tab);
    // The first install is not an update: nothing to announce.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await tab.count(UPDATE_BANNER)).toBe(0);
    expect(
      await tab.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope),
    ).toBe(server.url);

    // The host is gone: every connection to it is dropped unanswered.
    server.down = true;
    const before = server.requests.length;
    await tab.reload();
    await tab.waitForCount(NAV);
    await a.view('home');
    await tab.waitForCount(keyItem('Online key'));
    const publicPem = await a.mint('Offline key');
    await expectSigns(tab, 'Offline key', publicPem);
    // The browser may ask for sw.js to look for an update; the page came from the worker's cache.
    expect(server.requests.slice(before).filter((p) => !p.endsWith('/sw.js'))).toEqual([]);
  });

  test('a new deploy is announced with "Update now", and a click switches to it', async () => {
    const dir = await temp('kalshi-keys-deploy-');
    const [first, second] = [join(dir, 'first'), join(dir, 'second')];
    await cp(DIST, first, { recursive: true });
    await cp(DIST, second, { recursive: true });
    // The second deploy: a page that says which it is, and a worker with another version.
    const html = await readFile(join(second, 'index.html'), 'utf8');
    await writeFile(
      join(second, 'index.html'),
      html.replace(
        '<meta charset="UTF-8" />',
        '<meta charset="UTF-8" />\n    <meta name="e2e-deploy" content="second" />',
      ),
    );
    const sw = await readFile(join(second, 'sw.js'), 'utf8');
    const versioned = sw.replace(/const VERSION = "[^"]+";/, 'const VERSION = "e2e-second";');
    expect(versioned).not.toBe(sw);
    await writeFile(join(second, 'sw.js'), versioned);
    // The worker installs only files whose bodies match its digests: a rebuild publishes new ones.
    await rehashWorker(second);

    const server = await serve(first);
    const { tab } = await s.open(server.url);
    await app(tab).view('new');
    await controlledByServiceWorker(tab);
    const deploy = () =>
      tab.evaluate(
        () => document.querySelector('meta[name="e2e-deploy"]')?.getAttribute('content') ?? null,
      );
    expect(await deploy()).toBeNull();
    expect(await tab.count(UPDATE_BANNER)).toBe(0);

    server.root = second;
    // What the browser does by itself on a later navigation or its periodic check.
    await tab.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await tab.waitForCount(UPDATE_BANNER, 1, { timeout: 20_000 });
    // Until the click, the old version keeps running.
    expect(await deploy()).toBeNull();
    await tab.click(button('Update now', UPDATE_BANNER));
    await waitFor(async () => (await deploy()) === 'second', {
      timeout: 20_000,
      message: 'the second deploy to load',
    });
    await tab.waitForCount(NAV);
    expect(await tab.count(button('Update now'))).toBe(0);
  });
});

describe('8. the single file from file://', () => {
  const SINGLE_FILE_URL = pathToFileURL(join(DIST, 'kalshi-keys.html')).href;
  const KEEP = { role: 'checkbox', name: 'Keep keys on this computer' };

  test('it mints and signs; keys stay in memory unless "Keep keys on this computer" is ticked', async () => {
    const { tab } = await s.open(SINGLE_FILE_URL);
    const a = app(tab);
    const publicPem = await a.mint('Air-gapped key');
    await expectSigns(tab, 'Air-gapped key', publicPem);
    await a.view('settings');
    expect(await tab.attribute(KEEP, 'aria-describedby')).toBe('file-storage-why');
    expect(
      await tab.evaluate(
        () =>
          document.querySelector<HTMLInputElement>('input[aria-describedby="file-storage-why"]')
            ?.checked,
      ),
    ).toBe(false);
    // The page asks before the reload throws memory-only keys away; the harness says yes.
    await tab.reload();
    expect(await a.storedKeyNames()).toEqual([]);

    await a.view('settings');
    await tab.check(KEEP);
    await a.mint('Kept key');
    await tab.reload();
    await a.view('home');
    await tab.waitForCount(keyItem('Kept key'));
    await a.view('settings');
    expect(
      await tab.evaluate(
        () =>
          document.querySelector<HTMLInputElement>('input[aria-describedby="file-storage-why"]')
            ?.checked,
      ),
    ).toBe(true);
  });

  test('what "Keep keys on this computer" says about other local files is true in this engine', async () => {
    // Chromium, Firefox ESR and WebKitGTK all give every file:// page one storage (measured
    // here): an unrelated HTML file opened from disk reaches keys the single file stored.
    const dir = await temp('kalshi-keys-other-file-');
    const other = pathToFileURL(join(dir, 'unrelated.html')).href;
    await writeFile(
      join(dir, 'unrelated.html'),
      '<!doctype html><meta charset="utf-8"><title>Unrelated</title><p>Another local file.</p>',
    );
    const { tab, profile } = await s.open(SINGLE_FILE_URL);
    const a = app(tab);
    await a.mint('Memory key');
    await a.view('settings');
    const why = { role: 'status', hasText: /HTML file/ };
    expect(await tab.texts(why)).toEqual([
      'Opened from a file: keys are kept in this tab only, since every HTML file opened from this computer could use stored keys.',
    ]);
    const stranger = await profile.newTab(other);
    expect(await stranger.evaluate(storedKeysSeenFromHere)).toEqual([]);

    await tab.check(KEEP);
    await tab.waitForText(
      why,
      'Stored keys can be used by any HTML file opened from this computer.',
    );
    await stranger.reload();
    expect(await stranger.evaluate(storedKeysSeenFromHere)).toEqual(['Memory key']);
  });
});

/**
 * Runs in another page: the names of the stored key records holding a CryptoKey that this page
 * can read from the kalshi-keys database, if that database exists for it.
 */
async function storedKeysSeenFromHere(): Promise<string[]> {
  const done = <T>(request: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  // Opening a database that is not there would create it, for the page too: look first.
  if (!(await indexedDB.databases()).some((d) => d.name === 'kalshi-keys')) return [];
  const db = await done(indexedDB.open('kalshi-keys'));
  try {
    const found: string[] = [];
    for (const store of Array.from(db.objectStoreNames))
      for (const value of await done(db.transaction(store).objectStore(store).getAll()))
        if ((value as { privateKey?: unknown })?.privateKey instanceof CryptoKey)
          found.push(String((value as { name?: unknown }).name));
    return found;
  } finally {
    db.close();
  }
}
