// Two hosted builds side by side, for a change to start-up that one bench run cannot tell from noise:
// both served on one origin (/a/ and /b/, so they share one IndexedDB holding 100 keys), loaded in
// turn in one browser context, and the medians of each printed in the page's own clock: when
// "Create a key" appears, when IndexedDB is first opened, when 100 keys are listed.
//   git stash && npx vite build --outDir /tmp/a && git stash pop && npx vite build --outDir /tmp/b
//   node tests/bench/ab-start-up.mjs /tmp/a /tmp/b [loads each, default 15]
import { chromium } from '@playwright/test';
import { normalize } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { serveMounts } from './serve.mjs';
import { median } from './stats.mjs';

const [dirA, dirB, loadsArg] = process.argv.slice(2);
if (!dirA || !dirB)
  throw new Error('usage: node tests/bench/ab-start-up.mjs <dist A> <dist B> [loads]');
const LOADS = Number(loadsArg ?? 15);
const dirs = { a: normalize(dirA), b: normalize(dirB) };
const KEYS = 100;

const { server, origin } = await serveMounts([
  ['/a/', dirs.a],
  ['/b/', dirs.b],
]);

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext();
  await context.addInitScript(`(() => {
    const b = (window.__ab = { usableAt: null, openAt: null, listedAt: null });
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args) {
      b.openAt ??= performance.now();
      return open.apply(this, args);
    };
    new MutationObserver(() => {
      if (b.usableAt === null && [...document.querySelectorAll('a, button')].some((e) => e.textContent.trim() === 'Create a key')) b.usableAt = performance.now();
      if (b.listedAt === null && document.querySelectorAll('ul[aria-label="Stored keys"] > li').length >= ${KEYS}) b.listedAt = performance.now();
    }).observe(document, { childList: true, subtree: true, attributes: true });
  })();`);

  // 100 records of one key pair, written as the app stores them (version 2: 'keys' and 'list').
  const seeding = await context.newPage();
  await seeding.goto(`${origin}/a/`);
  await seeding.waitForFunction(() => window.__ab.usableAt !== null);
  await seeding.evaluate(async (count) => {
    const pair = await crypto.subtle.generateKey(
      {
        name: 'RSA-PSS',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      false,
      ['sign', 'verify'],
    );
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('kalshi-keys', 2);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['keys', 'list'], 'readwrite');
    for (let i = 0; i < count; i++) {
      const info = {
        id: `ab-${i}`,
        name: `Key ${i}`,
        createdAt: Date.now() - i * 1000,
        environment: 'demo',
        kalshiKeyId: '',
        fingerprint: 'SHA256:ab',
        publicKeyPem: '-----BEGIN PUBLIC KEY-----\nab\n-----END PUBLIC KEY-----\n',
      };
      tx.objectStore('list').put(info, info.id);
      tx.objectStore('keys').put({ ...info, ...pair }, info.id);
    }
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, KEYS);
  await seeding.close();

  const runs = { a: [], b: [] };
  for (let i = 0; i < LOADS; i++) {
    for (const build of i % 2 ? ['b', 'a'] : ['a', 'b']) {
      const page = await context.newPage();
      await page.goto(`${origin}/${build}/`);
      await page.waitForFunction(() => window.__ab.listedAt !== null, null, { timeout: 20_000 });
      runs[build].push(await page.evaluate(() => window.__ab));
      await page.close();
    }
  }
  const ms = (xs) => `${median(xs).toFixed(1)} ms`;
  for (const build of ['a', 'b']) {
    const r = runs[build];
    console.log(
      `${build} (${dirs[build]}): usable ${ms(r.map((x) => x.usableAt))}, IndexedDB opened ${ms(r.map((x) => x.openAt))}, ${KEYS} listed ${ms(r.map((x) => x.listedAt))}, listed after usable ${ms(r.map((x) => x.listedAt - x.usableAt))} (${r.length} loads)`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
