#!/usr/bin/env node
// `npm run bench`: builds the page, then measures on this one machine, in one run, RSA-2048 keygen,
// Kalshi signing and key import four ways (the page in headless Chromium via WebCrypto, node:crypto,
// node-forge in pure-JS mode, `openssl speed`), plus the page itself (time to a usable "Generate
// key" button, 100 stored keys listed, long tasks, gzip weight). Prints one Markdown table and
// writes the figures to tests/bench/results.json. Targets missed are reported, never enforced:
// the exit code is non-zero only when something could not be measured.
import { execFileSync, execSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, verify as nodeVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { forgeBaselines, nodeKeygen, nodeSigning, opensslSpeed, pssOptions } from './baselines.mjs';
import { hostedPageFiles } from './page-files.mjs';
import { relayLoad } from './relay-load.mjs';
import { serveMounts } from './serve.mjs';
import { packageFigures } from './package.mjs';
import { describeLongTasks, median, summary } from './stats.mjs';
import { fmt, table } from './table.mjs';
import { CHROMIUM_ARGS as CHROMIUM_FLAGS, CHROMIUM_PATH as CHROMIUM } from '../chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dist = join(root, 'dist');
const KEYS_TO_SEED = 100;
const SIGNATURES = 1000; // per configuration and round: >= 500 as the issue asks
const ROUNDS = 3; // signing configurations alternate over rounds, and the median is kept
const START_UP_LOADS = 9; // loads per start-up figure (floor and app alternate; 100 keys listed)
const LIST_SELECTOR = 'ul[aria-label="Stored keys"] > li';
const started = Date.now();
const failures = [];

const log = (...args) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s]`, ...args);

/** Runs one measurement; a failure is recorded (and makes the exit code non-zero) but the run goes on. */
async function measure(name, fn) {
  log(name);
  try {
    return await fn();
  } catch (error) {
    // Playwright errors quote their arguments, and one of them is a 4 MB paste.
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 400);
    failures.push({ name, error: message });
    log(`  could not measure ${name}: ${message}`);
    return undefined;
  }
}

function sizes() {
  const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
  const first = hostedPageFiles(dist, { firstLoad: true });
  const files = first.map((file) => ({ file, gzip: gz(file) }));
  const later = hostedPageFiles(dist)
    .filter((file) => !first.includes(file))
    .map((file) => ({ file, gzip: gz(file) }));
  return {
    hosted: { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) },
    onDemand: { files: later, gzip: later.reduce((sum, f) => sum + f.gzip, 0) },
    single: { file: 'kalshi-keys.html', gzip: gz('kalshi-keys.html') },
  };
}

// ---------- builds and the one-origin server ----------
function buildApp() {
  try {
    execSync('npm run build', { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''));
    throw new Error('npm run build failed');
  }
}

async function buildBenchPage(outDir) {
  await build({
    configFile: false,
    root: join(here, 'page'),
    base: '/bench/',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      reportCompressedSize: false,
    },
  });
}

/**
 * The start-up floor: the app's own CSP (read from the built index.html) and one external module
 * script that enables a "Generate key" button, since under script-src 'self' no page that needs a
 * script can be usable sooner than that one request.
 */
function writeFloorPage(outDir) {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(
    readFileSync(join(dist, 'index.html'), 'utf8'),
  )?.[1];
  if (!csp) throw new Error('dist/index.html has no CSP meta: build the hosted page first');
  writeFileSync(
    join(outDir, 'floor.html'),
    `<!doctype html><html lang="en"><head><meta charset="UTF-8" /><meta http-equiv="Content-Security-Policy" content="${csp}"><title>floor</title><script type="module" src="./floor.js"></script></head><body><button disabled>Generate key</button></body></html>`,
  );
  writeFileSync(join(outDir, 'floor.js'), "document.querySelector('button').disabled = false;\n");
}

// ---------- page instrumentation ----------
// Runs before any page script. Records long tasks, and the page's own clock (ms since navigation
// start) at the first moment the DOM shows an enabled "Create a key" (the home of a first visit) or
// "Generate key" button (the floor page), and 100 listed keys.
const INSTRUMENT = `(() => {
  window.__bench = { longtasks: [], usableAt: null, listedAt: null, idb: {}, clickedAt: null, shownAt: null, keygen: null };
  // Click on "Generate key" to the new public key in "Public key (PEM)": the button's click (capture,
  // before the page's handler) and the first time the textarea is given another PEM.
  addEventListener('click', (event) => {
    if (event.target.closest?.('button')?.textContent.trim() === 'Generate key') {
      window.__bench.clickedAt = performance.now();
      window.__bench.shownAt = null;
      window.__bench.keygen = null;
      window.__bench.shownFrom = document.getElementById('public-pem')?.value ?? '';
    }
  }, true);
  // The key generation a click starts, so the page's own part of that time shows: click to
  // generateKey, and the key made to the public key shown. RSA keygen time varies a lot from key
  // to key (a random prime search), which is why the ratio needs many keys.
  const generateKey = SubtleCrypto.prototype.generateKey;
  SubtleCrypto.prototype.generateKey = function (...args) {
    const b = window.__bench;
    const start = performance.now();
    const clicked = b.clickedAt !== null && b.shownAt === null && b.keygen === null;
    return generateKey.apply(this, args).then((keys) => {
      if (clicked) b.keygen = { start, end: performance.now() };
      return keys;
    });
  };
  const valueSetter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
  Object.defineProperty(HTMLTextAreaElement.prototype, 'value', {
    ...valueSetter,
    set(v) {
      valueSetter.set.call(this, v);
      const b = window.__bench;
      if (this.id === 'public-pem' && b.clickedAt !== null && b.shownAt === null && String(v).includes('BEGIN PUBLIC KEY') && v !== b.shownFrom) b.shownAt = performance.now();
    },
  });
  // Where start-up time goes: when the page first opens IndexedDB and when Chromium answers, and
  // the first read of the key list ('list' store). Bench-only: the page itself carries no marks.
  const idb = window.__bench.idb;
  const first = (name, request) => {
    if (idb[name]) return;
    idb[name] = { start: performance.now(), end: null };
    request.addEventListener('success', () => (idb[name].end = performance.now()));
  };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    const request = open.apply(this, args);
    first('open', request);
    return request;
  };
  const getAll = IDBObjectStore.prototype.getAll;
  IDBObjectStore.prototype.getAll = function (...args) {
    const request = getAll.apply(this, args);
    if (this.name === 'list') first('listRead', request);
    return request;
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longtasks.push({ start: e.startTime, duration: e.duration, attribution: e.attribution?.[0]?.containerType ?? null });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const check = () => {
    const b = window.__bench;
    if (b.usableAt === null) {
      for (const button of document.querySelectorAll('button')) {
        const text = button.textContent.trim();
        if ((text === 'Create a key' || text === 'Generate key') && !button.disabled && !button.closest('fieldset:disabled')) {
          b.usableAt = performance.now();
          break;
        }
      }
    }
    if (b.listedAt === null && document.querySelectorAll(${JSON.stringify(LIST_SELECTOR)}).length >= ${KEYS_TO_SEED}) {
      b.listedAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`;

const longTasksSince = (page, since) =>
  page.evaluate((t) => window.__bench.longtasks.filter((e) => e.start + e.duration >= t), since);
const pageNow = (page) => page.evaluate(() => performance.now());

async function newContext(browser) {
  const context = await browser.newContext();
  await context.addInitScript(INSTRUMENT);
  return context;
}

/** Loads the app and waits for `waitFor` (usableAt / listedAt) in the page's own clock. */
async function loadApp(context, origin, waitFor) {
  const page = await context.newPage();
  await page.goto(`${origin}/app/`);
  await page.waitForFunction((key) => window.__bench[key] !== null, waitFor, { timeout: 20_000 });
  const figures = await page.evaluate(() => ({
    usableAt: window.__bench.usableAt,
    listedAt: window.__bench.listedAt,
    idb: window.__bench.idb,
    marks: performance
      .getEntriesByType('mark')
      .map((m) => ({ name: m.name, startTime: m.startTime })),
    domContentLoaded:
      performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
  }));
  return { page, figures };
}

async function inPageBenchmarks(browser, origin, pkcs1Pem) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${origin}/bench/`);
  await page.waitForFunction(() => document.title.endsWith('ready'), null, { timeout: 20_000 });
  const result = {};

  result.check = await measure('page signatures verify with node:crypto', async () => {
    const sample = await page.evaluate(() => window.bench.sampleSignature());
    const key = createPublicKey(sample.publicKeyPem);
    for (const signature of [sample.signature, sample.pooled]) {
      if (
        !nodeVerify(
          'sha256',
          Buffer.from(sample.message),
          pssOptions(key),
          Buffer.from(signature, 'base64'),
        )
      ) {
        throw new Error('a page signature failed node:crypto verification');
      }
    }
    return 'verified';
  });

  result.keygen = await measure(
    `page keygen (${KEYS_TO_SEED} keys, stored in the app's IndexedDB)`,
    async () => {
      const t = await pageNow(page);
      const times = await page.evaluate((n) => window.bench.seed(n), KEYS_TO_SEED);
      return { ...summary(times), longTasks: describeLongTasks(await longTasksSince(page, t)) };
    },
  );

  result.signing = await measure(
    `page signing (${ROUNDS} rounds x ${SIGNATURES} signatures per configuration)`,
    async () => {
      const t = await pageNow(page);
      await page.evaluate(() => window.bench.signRequests(100, 1)); // warm-up
      const cores = cpus().length;
      const configs = {
        sequential: () => page.evaluate((n) => window.bench.signRequests(n, 1), SIGNATURES),
        inFlight2: () => page.evaluate((n) => window.bench.signRequests(n, 2), SIGNATURES),
        inFlight4: () => page.evaluate((n) => window.bench.signRequests(n, 4), SIGNATURES),
        // For comparison only, the page has no worker pool: signMany on one worker per core
        // (at most 4), 4 in flight each, 100 per call.
        pool: () =>
          page.evaluate(
            ([n, size]) => window.bench.signPool(n, 100, size, 4),
            [SIGNATURES * 2, Math.min(cores, 4)],
          ),
        pool1: () => page.evaluate((n) => window.bench.signPool(n, 100, 1, 4), SIGNATURES),
      };
      const samples = Object.fromEntries(Object.keys(configs).map((k) => [k, []]));
      const longTasksByConfig = Object.fromEntries(Object.keys(configs).map((k) => [k, []]));
      let poolKind;
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, run] of Object.entries(configs)) {
          const since = await pageNow(page);
          const value = await run();
          longTasksByConfig[name].push(...(await longTasksSince(page, since)));
          if (typeof value === 'number') samples[name].push(value);
          else {
            samples[name].push(value.perSecond);
            poolKind = value.kind;
          }
        }
      }
      return {
        perSecond: Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)])),
        samples,
        poolKind,
        poolWorkers: Math.min(cores, 4),
        longTasks: describeLongTasks(await longTasksSince(page, t)),
        longTasksByConfig,
      };
    },
  );

  result.storeList = await measure(`page key store: read ${KEYS_TO_SEED} stored keys`, async () => {
    const { ms: times, keys } = await page.evaluate(() => window.bench.listStored(5));
    // A fresh page opens the database first, as the app does at start-up.
    const firstReads = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await page.waitForFunction(() => document.title.endsWith('ready'));
      firstReads.push((await page.evaluate(() => window.bench.listStored(1))).ms[0]);
    }
    return { keys, ...summary(times), firstReadAfterLoad: summary(firstReads) };
  });

  result.importPem = await measure('page PKCS#1 PEM import', async () => {
    await page.evaluate((pem) => window.bench.importPem(pem, 3), pkcs1Pem); // warm-up
    const rounds = [];
    for (let i = 0; i < 5; i++)
      rounds.push(await page.evaluate((pem) => window.bench.importPem(pem, 10), pkcs1Pem));
    return { msPerImport: median(rounds), rounds };
  });
  await page.close();

  // The same context (same IndexedDB) now opens the real app: time until 100 keys are listed.
  result.listed = await measure(`app start-up with ${KEYS_TO_SEED} stored keys`, async () => {
    const runs = [];
    for (let i = 0; i < START_UP_LOADS; i++) {
      const { page: app, figures } = await loadApp(context, origin, 'listedAt');
      runs.push(figures);
      await app.close();
    }
    const marks = runs.flatMap((r) => r.marks);
    const span = (pick) => summary(runs.map(pick).filter((x) => Number.isFinite(x)));
    return {
      listedMs: summary(runs.map((r) => r.listedAt)),
      // Each load's path to the list: navigation -> open() -> Chromium's answer -> list read ->
      // 100 items in the DOM.
      phases: {
        openCalledAt: span((r) => r.idb.open?.start),
        openMs: span((r) => r.idb.open?.end - r.idb.open?.start),
        listReadMs: span((r) => r.idb.listRead?.end - r.idb.listRead?.start),
        renderMs: span((r) => r.listedAt - r.idb.listRead?.end),
      },
      usableMs: summary(runs.filter((r) => r.usableAt !== null).map((r) => r.usableAt)),
      pageMarks: [...new Set(marks.map((m) => m.name))].map((name) => ({
        name,
        medianMs: median(marks.filter((m) => m.name === name).map((m) => m.startTime)),
      })),
      runs,
    };
  });
  await context.close();
  return result;
}

async function appBenchmarks(browser, origin, pkcs1Pem, pastedPem) {
  const result = {};
  result.floor = await measure(
    'an empty page, cold (the floor of this machine and server)',
    async () => {
      const runs = [];
      for (let i = 0; i < 5; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${origin}/bench/empty.html`);
        runs.push(
          await page.evaluate(
            () => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
          ),
        );
        await context.close();
      }
      return summary(runs);
    },
  );

  // Under script-src 'self' one script request is the least any page pays before a button works:
  // the floor page has the app's CSP and one external module script that enables "Generate key".
  // Floor and app loads alternate, so a change in the machine's load during the run (a shared VM)
  // falls on both sides of the ratio instead of on one block of loads.
  const startUp = await measure(
    'app time to a usable "Create a key" against a floor page with one module script enabling "Generate key" (same CSP, same server), cold first visits, alternating',
    async () => {
      const floor = [];
      const app = [];
      for (let i = 0; i < START_UP_LOADS; i++) {
        const floorContext = await newContext(browser);
        const page = await floorContext.newPage();
        await page.goto(`${origin}/bench/floor.html`);
        await page.waitForFunction(() => window.__bench.usableAt !== null, null, {
          timeout: 20_000,
        });
        floor.push(await page.evaluate(() => window.__bench.usableAt));
        await floorContext.close();
        const appContext = await newContext(browser);
        app.push((await loadApp(appContext, origin, 'usableAt')).figures);
        await appContext.close();
      }
      return { floor, app };
    },
  );
  result.scriptFloor = startUp && summary(startUp.floor);
  result.usable = startUp && {
    usableMs: summary(startUp.app.map((r) => r.usableAt)),
    runs: startUp.app,
  };

  const context = await newContext(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const { page } = await loadApp(context, origin, 'usableAt');
  // Keys stored so far, as the home lists them: each action leads to a key's page, so the count is
  // read from the key list store itself (the list the home renders from).
  const storedCount = () =>
    page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('kalshi-keys');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const request = db.transaction('list').objectStore('list').count();
            request.onsuccess = () => (db.close(), resolve(request.result));
            request.onerror = () => reject(request.error);
          };
        }),
    );
  const waitForStored = async (n) => {
    const deadline = Date.now() + 30_000;
    while ((await storedCount()) < n) {
      if (Date.now() > deadline) throw new Error(`fewer than ${n} keys stored after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  result.minting = await measure(
    'app: click on "Generate key" to the public key shown, against raw generateKey in the same page (6 each, alternating), and long tasks',
    async () => {
      const t = await pageNow(page);
      const wall = performance.now();
      const raw = [];
      const shown = [];
      const before = [];
      const after = [];
      // Enough keys that the two medians settle: single RSA-2048 keygens range from 20 to 300 ms.
      const rounds = 25;
      for (let i = 0; i < rounds; i++) {
        raw.push(
          await page.evaluate(async () => {
            const start = performance.now();
            await crypto.subtle.generateKey(
              {
                name: 'RSA-PSS',
                modulusLength: 2048,
                publicExponent: new Uint8Array([1, 0, 1]),
                hash: 'SHA-256',
              },
              false,
              ['sign', 'verify'],
            );
            return performance.now() - start;
          }),
        );
        const count = await storedCount();
        await page.evaluate(() => (location.hash = '#/new'));
        await page.getByRole('button', { name: 'Generate key' }).click();
        await page.waitForFunction(() => window.__bench.shownAt !== null, null, {
          timeout: 30_000,
        });
        const b = await page.evaluate(() => window.__bench);
        shown.push(b.shownAt - b.clickedAt);
        if (b.keygen) {
          before.push(b.keygen.start - b.clickedAt);
          after.push(b.shownAt - b.keygen.end);
        }
        await waitForStored(count + 1);
      }
      return {
        keys: rounds,
        wallMsPerKey: (performance.now() - wall) / rounds,
        rawGenerateKey: summary(raw),
        clickToShown: summary(shown),
        clickToKeygen: summary(before),
        keygenToShown: summary(after),
        longTasks: describeLongTasks(await longTasksSince(page, t)),
      };
    },
  );

  result.importing = await measure(
    'app long tasks while importing (a PKCS#1 PEM, then a 4 MB paste)',
    async () => {
      await page.evaluate(() => (location.hash = '#/import'));
      const field = page.getByLabel('Private key (PEM)');
      const importKey = page.getByRole('button', { name: 'Import key' });
      const alerts = () =>
        page.evaluate(() =>
          [...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent),
        );
      // The import is over when the page clears the field (stored) or shows a new alert (refused).
      const importDone = (alertsBefore) =>
        page.waitForFunction(
          ([el, seen]) =>
            el.value === '' ||
            [...document.querySelectorAll('[role="alert"]')].some(
              (e) => e.textContent.trim() !== '' && !seen.includes(e.textContent),
            ),
          [pasteField, alertsBefore],
          { timeout: 60_000 },
        );
      const t = await pageNow(page);
      let before = await storedCount();
      await field.fill(pkcs1Pem);
      await importKey.click();
      await waitForStored(before + 1);
      // Back to the import view for the paste.
      await page.evaluate(() => (location.hash = '#/import'));
      const pasteField = await field.elementHandle();
      const plain = describeLongTasks(await longTasksSince(page, t));

      // 4 MB of pasted log text with a key inside it (the importer finds a key anywhere in the
      // text), pasted for real: the system clipboard, then Ctrl+V, one input event. (Playwright's
      // fill() and execCommand('insertText') split text at line breaks into thousands of input
      // events: minutes of work that no user's paste causes.)
      const filler = 'INFO 2026-01-01T00:00:00Z request handled in 3 ms, nothing to see here\n';
      const paste = `${filler.repeat(Math.ceil((4 * 1024 * 1024) / filler.length))}${pastedPem}`;
      before = await storedCount();
      await page.evaluate((text) => navigator.clipboard.writeText(text), paste);
      await field.fill('');
      await field.focus();
      const t2 = await pageNow(page);
      const wall = performance.now();
      await page.keyboard.press('Control+V');
      // The page keeps only the key block of a paste this large, so wait for the key, not 4 MB.
      await page.waitForFunction((el) => el.value.includes('-----END'), pasteField, {
        timeout: 60_000,
      });
      const alertsBefore = await alerts();
      const pastedAt = performance.now();
      const t3 = await pageNow(page);
      await importKey.click();
      await importDone(alertsBefore);
      const all = await longTasksSince(page, t2);
      const outcome = (await storedCount()) > before ? 'imported' : 'refused with a message';
      return {
        pem: plain,
        paste4MB: {
          bytes: paste.length,
          outcome,
          pasteWallMs: pastedAt - wall,
          importWallMs: performance.now() - pastedAt,
          ...describeLongTasks(all),
          // Ctrl+V until the field holds the key (the page's paste handler keeps only its block),
          // then "Import key" until the key is listed (the page's parser and WebCrypto).
          paste: describeLongTasks(all.filter((task) => task.start < t3)),
          import: describeLongTasks(all.filter((task) => task.start >= t3)),
        },
      };
    },
  );
  await context.close();
  return result;
}

// ---------- main ----------
async function main() {
  const results = {
    date: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      chromium: execFileSync(CHROMIUM, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim(),
    },
  };
  log('building the app (npm run build) and the bench page');
  await measure('npm run build', async () => buildApp());
  const benchDir = mkdtempSync(join(tmpdir(), 'kalshi-keys-bench-'));
  await buildBenchPage(benchDir);
  writeFloorPage(benchDir);
  results.sizes = await measure('gzip sizes', async () => sizes());

  // Native and pure-JS figures first, while no browser competes for the two cores.
  // Two different keys: the app answers a second import of the same key with "already stored".
  const [pkcs1Pem, pastedPem] = [1, 2].map(
    () =>
      generateKeyPairSync('rsa', {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      }).privateKey,
  );
  results.openssl = await measure('openssl speed -seconds 2 rsa2048', async () => opensslSpeed());
  results.node = await measure('node:crypto keygen (20 runs) and signing (2000)', async () => ({
    keygen: nodeKeygen(20),
    signing: nodeSigning(2000),
  }));
  results.forge = await measure(
    'node-forge pure JS keygen (3-8 runs, ~30 s cap) and signing (~5 s)',
    async () => forgeBaselines(),
  );

  results.package = await measure('npm package: tarball, bundle size, kalshiFetch throughput', () =>
    packageFigures({ log }),
  );

  // The app under /app/ and the bench page under /bench/, on one origin so both share IndexedDB.
  // The app's service worker is scoped to /app/, so it never answers for the bench page.
  const { server, origin } = await serveMounts([
    ['/app/', dist],
    ['/bench/', benchDir],
  ]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    results.page = await measure('in-page benchmarks', () =>
      inPageBenchmarks(browser, origin, pkcs1Pem),
    );
    results.app = await measure('app benchmarks', () =>
      appBenchmarks(browser, origin, pkcs1Pem, pastedPem),
    );
  } finally {
    await browser.close();
    server.close();
    rmSync(benchDir, { recursive: true, force: true });
  }
  results.relay = await measure('relay under load (four floods, fresh relay each)', () =>
    relayLoad({ log }),
  );
  results.failures = failures;
  results.durationSeconds = (Date.now() - started) / 1000;
  results.table = table(results, KEYS_TO_SEED);
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(results.table);
  if (results.relay) console.log(`\n${results.relay.table}`);
  if (results.package) console.log(`\n${results.package.table}`);
  console.log(
    `\n${results.machine.cores} cores (${results.machine.cpu}), ${results.machine.chromium}, Node ${results.machine.node}, ${results.openssl?.version ?? 'openssl n/a'}; ${fmt(results.durationSeconds)} s. Figures: tests/bench/results.json`,
  );
  if (failures.length) {
    console.error(
      `\nCould not measure: ${failures.map((f) => `${f.name} (${f.error})`).join('; ')}`,
    );
    process.exitCode = 1;
  }
}

// The issue allows 5 minutes on 2 cores; a hang (a page that never lists its keys) must not run forever.
setTimeout(() => {
  console.error('bench: still running after 6 minutes; giving up.');
  process.exit(1);
}, 360_000).unref();

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
