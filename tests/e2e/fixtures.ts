// Shared Playwright fixtures and helpers for the browser tests. Import `test` and `expect` from
// here instead of from @playwright/test:
//  - every context is watched: each request that leaves a page is logged, and the test fails at
//    teardown if one went to a non-loopback host; console errors, uncaught page errors and
//    `securitypolicyviolation` events are collected so specs can assert there were none;
//  - openView/openKey move between the views as a user would, by the "Main" navigation and the
//    links of "Stored keys"; mintKey/importPem/signRequest open their view, drive it by its
//    accessible names (issue 3) and fail if a request went to any origin other than the app's
//    while they ran;
//  - verifyWithNode checks a signature with node:crypto, independently of the page's WebCrypto;
//  - launchPersistent opens a Chromium profile on disk, for browser-restart tests;
//  - kalshiMock starts tests/mock/kalshi-mock.ts with a bootstrap key the test can import;
//  - kalshiRelay starts the real relay/kalshi-relay.mjs in front of it, as a user would.
import { constants, verify } from 'node:crypto';
import {
  test as base,
  expect,
  chromium,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { startKalshiMock, type KalshiMock } from '../mock/kalshi-mock';
import { spawnRelay } from '../relay/spawn-relay';
import { nodeRsaKey } from '../helpers/keys';

export { expect };

export interface RequestLogEntry {
  url: string;
  method: string;
  resourceType: string;
  pageUrl: string;
}

export interface CspViolation {
  violatedDirective: string;
  blockedURI: string;
  sourceFile: string;
  documentURI: string;
}

export interface ContextWatch {
  /** Every request any page (or worker) of the context made, in order. */
  requests: RequestLogEntry[];
  /** console.error() calls and failed loads reported on the console. */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
  /** `securitypolicyviolation` events from every document of the context. */
  cspViolations: CspViolation[];
  /** Requests to anything but loopback (127.0.0.0/8, localhost, [::1]). */
  nonLoopbackRequests(): RequestLogEntry[];
  /** Asserts no console error, page error or CSP violation so far. */
  expectClean(): void;
}

const watches = new WeakMap<BrowserContext, ContextWatch>();

/** The watch of a page's context (every context made by these fixtures has one). */
export function watchOf(page: Page): ContextWatch {
  const watch = watches.get(page.context());
  if (!watch) throw new TypeError('This page was not opened through tests/e2e/fixtures.ts.');
  return watch;
}

/** 127.0.0.0/8, localhost and [::1]: this machine. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** True for requests that go over the network (http, https, ws, wss), not data:/blob: URLs. */
function isNetwork(url: URL): boolean {
  return ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol);
}

/** Starts logging requests, console errors, page errors and CSP violations of a context. */
export async function watchContext(context: BrowserContext): Promise<ContextWatch> {
  const watch: ContextWatch = {
    requests: [],
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    nonLoopbackRequests() {
      return this.requests.filter((r) => {
        const url = new URL(r.url);
        return isNetwork(url) && !isLoopback(url.hostname);
      });
    },
    expectClean() {
      expect(this.pageErrors, 'uncaught errors in the page').toEqual([]);
      expect(this.cspViolations, 'Content-Security-Policy violations').toEqual([]);
      expect(this.consoleErrors, 'console errors').toEqual([]);
    },
  };
  context.on('request', (request) => {
    let pageUrl = '';
    try {
      pageUrl = request.frame().url();
    } catch {
      // Service-worker requests have no frame.
    }
    watch.requests.push({
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      pageUrl,
    });
  });
  context.on('console', (message) => {
    if (message.type() === 'error') {
      const { url, lineNumber } = message.location();
      // Chromium fetches /favicon.ico by itself when a page declares no icon; that 404 is the
      // browser's, not the page's (index.html can avoid it with <link rel="icon" href="data:,">).
      if (new URL(url || 'about:blank').pathname.endsWith('/favicon.ico')) return;
      watch.consoleErrors.push(`${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
    }
  });
  context.on('weberror', (error) => watch.pageErrors.push(String(error.error())));
  // A binding, not a page variable: it survives reloads and works under any CSP, because
  // Playwright injects it through the DevTools protocol rather than as a page script.
  await context.exposeBinding('__kkReportCspViolation', (_source, violation: CspViolation) => {
    watch.cspViolations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const report = (window as unknown as Record<string, (v: unknown) => void>)
          .__kkReportCspViolation;
        report?.({
          violatedDirective: event.violatedDirective,
          blockedURI: event.blockedURI,
          sourceFile: event.sourceFile,
          documentURI: event.documentURI,
        });
      },
      true,
    );
  });
  watches.set(context, watch);
  return watch;
}

function expectNoLoopbackLeak(watch: ContextWatch, label: string): void {
  const leaks = watch.nonLoopbackRequests().map((r) => `${r.method} ${r.url} (from ${r.pageUrl})`);
  expect(leaks, `${label}: requests that left this machine`).toEqual([]);
}

/** The local Kalshi mock with a fresh bootstrap key pair whose private half the test can import. */
export interface KalshiMockFixture extends KalshiMock {
  /** PKCS#1 ("RSA PRIVATE KEY"), the format Kalshi hands out. */
  bootstrapPrivatePem: string;
  bootstrapPublicPem: string;
}

/** relay/kalshi-relay.mjs, running. */
export interface KalshiRelayFixture {
  /** The address it printed: what a user pastes into "Relay URL", e.g. http://127.0.0.1:40123 */
  url: string;
  /** Its stdout lines so far: the start-up lines, then one line per request. */
  lines: string[];
}

interface Fixtures {
  /** The watch of the test's own context (auto: every test is watched). */
  watch: ContextWatch;
  /** Opens a Chromium profile in `userDataDir` (closed at teardown if still open), watched too. */
  launchPersistent: (userDataDir: string) => Promise<BrowserContext>;
  /** tests/mock/kalshi-mock.ts on a random loopback port, started for the test and stopped after. */
  kalshiMock: KalshiMockFixture;
  /**
   * The real relay, started as a user would (`node relay/kalshi-relay.mjs --port 0 --origin <the
   * app's origin> --upstream <kalshiMock.url>`) and stopped after the test. The mock, like Kalshi,
   * refuses requests with an Origin header and sends no CORS: the page reaches it only through this.
   */
  kalshiRelay: KalshiRelayFixture;
}

export const test = base.extend<Fixtures>({
  kalshiMock: async ({}, use) => {
    const pair = nodeRsaKey();
    const bootstrapPublicPem = pair.publicPem;
    const mock = await startKalshiMock({ bootstrapPublicKeyPem: bootstrapPublicPem });
    await use(
      Object.assign(mock, {
        bootstrapPublicPem,
        bootstrapPrivatePem: pair.pkcs1Pem,
      }),
    );
    await mock.close();
  },
  kalshiRelay: async ({ kalshiMock, baseURL }, use) => {
    const relay = await spawnRelay([
      '--port',
      '0',
      '--origin',
      new URL(baseURL!).origin,
      '--upstream',
      kalshiMock.url,
    ]);
    try {
      await use({ url: relay.url, lines: relay.lines });
    } finally {
      await relay.stop();
    }
  },
  watch: [
    async ({ context }, use) => {
      const watch = await watchContext(context);
      await use(watch);
      expectNoLoopbackLeak(watch, 'test context');
    },
    { auto: true },
  ],
  launchPersistent: async ({ launchOptions, baseURL, permissions, viewport }, use) => {
    const opened: { context: BrowserContext; watch: ContextWatch }[] = [];
    await use(async (userDataDir) => {
      const context = await chromium.launchPersistentContext(userDataDir, {
        ...launchOptions,
        headless: true,
        baseURL,
        permissions,
        viewport,
      });
      opened.push({ context, watch: await watchContext(context) });
      return context;
    });
    for (const { context, watch } of opened) {
      await context.close();
      expectNoLoopbackLeak(watch, 'persistent context');
    }
  },
});

/** Runs `action` and fails if any request during it went to an origin other than the page's. */
async function onlyAppOrigin<T>(page: Page, label: string, action: () => Promise<T>): Promise<T> {
  const watch = watchOf(page);
  const appOrigin = new URL(page.url()).origin;
  const start = watch.requests.length;
  const result = await action();
  const foreign = watch.requests
    .slice(start)
    .filter((r) => {
      const url = new URL(r.url);
      return isNetwork(url) && url.origin !== appOrigin;
    })
    .map((r) => `${r.method} ${r.url}`);
  expect(foreign, `${label} must not contact any server but the page's own`).toEqual([]);
  return result;
}

/** The views of the "Main" navigation, by their link text. */
export type ViewName =
  | 'Keys'
  | 'Create a key'
  | 'Import a key'
  | 'Sign a request'
  | 'Check a signature'
  | 'Keys on Kalshi'
  | 'Relay and offline';

/** A link of the "Main" navigation. */
export function navLink(page: Page, view: ViewName): Locator {
  return page
    .getByRole('navigation', { name: 'Main', exact: true })
    .getByRole('link', { name: view, exact: true });
}

/**
 * Opens a view through its link in the "Main" navigation, as a user would, unless it is the
 * current one already (a view left and opened again starts afresh, so staying keeps its state).
 */
export async function openView(page: Page, view: ViewName): Promise<void> {
  const link = navLink(page, view);
  if ((await link.getAttribute('aria-current')) !== 'page') await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/** The page's controls, by the accessible names fixed in issue 3; each lives in one view. */
export function ui(page: Page) {
  const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
  return {
    /** The home's primary button (the home is the first view on a first visit). */
    createKey: page.getByRole('button', { name: 'Create a key', exact: true }),
    /** The "Main" navigation: on every view once the page has started. */
    nav: page.getByRole('navigation', { name: 'Main', exact: true }),
    /** The current view's heading (a key's page: the key's name). */
    heading: page.getByRole('heading', { level: 1 }),
    // Create a key (#/new)
    keyName: textbox('Key name'),
    generateKey: page.getByRole('button', { name: 'Generate key', exact: true }),
    // A key's page (#/key/<id>)
    publicKeyPem: textbox('Public key (PEM)'),
    copyPublicKey: page.getByRole('button', { name: 'Copy public key', exact: true }),
    kalshiKeyId: textbox('Kalshi key ID'),
    // Keys (#/)
    storedKeys: page.getByRole('list', { name: 'Stored keys', exact: true }),
    keyItems: page.getByRole('list', { name: 'Stored keys', exact: true }).getByRole('listitem'),
    // Import a key (#/import)
    privateKeyPem: textbox('Private key (PEM)'),
    importKey: page.getByRole('button', { name: 'Import key', exact: true }),
    importName: textbox('Name for imported key'),
    // Create, Import and Sign each have one.
    environment: page.getByRole('combobox', { name: 'Environment', exact: true }),
    // Sign a request (#/sign)
    method: page.getByRole('combobox', { name: 'Method', exact: true }),
    path: textbox('Path'),
    body: textbox('Body'),
    signingKey: page.getByRole('combobox', { name: 'Signing key', exact: true }),
    signRequest: page.getByRole('button', { name: 'Sign request', exact: true }),
    accessKey: textbox('KALSHI-ACCESS-KEY'),
    accessTimestamp: textbox('KALSHI-ACCESS-TIMESTAMP'),
    accessSignature: textbox('KALSHI-ACCESS-SIGNATURE'),
    curlCommand: textbox('curl command'),
    // Relay and offline (#/settings)
    relayUrl: textbox('Relay URL'),
    /** Alerts with something in them (an empty live region may wait on the page). */
    alerts: page.getByRole('alert').filter({ hasText: /\S/ }),
  };
}

/** The stored-key list item (on the home) whose link is named `name`. */
export function keyItem(page: Page, name: string): Locator {
  return ui(page).keyItems.filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** The heading of the key page of `name` (a key's page is headed by its name). */
export function keyHeading(page: Page, name: string): Locator {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/** Opens the page of the stored key `name`: its link in "Stored keys" on the home. */
export async function openKey(page: Page, name: string): Promise<void> {
  await openView(page, 'Keys');
  await keyItem(page, name).getByRole('link', { name, exact: true }).click();
  await expect(keyHeading(page, name)).toBeVisible();
}

/** Sets "Relay URL" in "Relay and offline" and waits until it is stored for the other views. */
export async function setRelayUrl(page: Page, url: string): Promise<void> {
  await openView(page, 'Relay and offline');
  await ui(page).relayUrl.fill(url);
  await expect.poll(() => storedSetting(page, 'relayUrl')).toBe(url);
}

/** A setting the page stored in its IndexedDB (read with the raw API, not the page's code). */
export function storedSetting(page: Page, name: string): Promise<unknown> {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('kalshi-keys');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('settings')) return resolve(db.close());
          const get = db.transaction('settings', 'readonly').objectStore('settings').get(name);
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
          db.close();
        };
      }),
    name,
  );
}

/**
 * Mints a key named `name` in "Create a key" with "Generate key" (no backup, the default), waits
 * for the new key's page (headed by its name, stored) and its public key, and returns that SPKI PEM.
 */
export async function mintKey(page: Page, name: string): Promise<string> {
  const u = ui(page);
  await openView(page, 'Create a key');
  return onlyAppOrigin(page, `Minting "${name}"`, async () => {
    await u.keyName.fill(name);
    await u.generateKey.click();
    await expect(keyHeading(page, name)).toBeVisible();
    await expect(u.publicKeyPem).toHaveValue(/-----BEGIN PUBLIC KEY-----/);
    return u.publicKeyPem.inputValue();
  });
}

export type ImportResult = { ok: true } | { ok: false; alert: string };

/**
 * Opens "Import a key", pastes `pem` into "Private key (PEM)" and presses "Import key" (fields
 * filled before, such as "Name for imported key", are kept). Resolves when the page has answered:
 * the key's page opened (success) or an alert shown in the view (refusal).
 */
export async function importPem(page: Page, pem: string): Promise<ImportResult> {
  const u = ui(page);
  await openView(page, 'Import a key');
  const view = page.getByRole('region', { name: 'Import a key', exact: true });
  const refusals = view.getByRole('alert').filter({ hasText: /\S/ });
  return onlyAppOrigin(page, 'Importing a key', async () => {
    await u.privateKeyPem.fill(pem);
    await u.importKey.click();
    const onKeyPage = () => /#\/key\//.test(page.url());
    await expect.poll(async () => onKeyPage() || (await refusals.count()) > 0).toBe(true);
    if (onKeyPage()) {
      await expect(u.publicKeyPem).toHaveValue(/-----BEGIN PUBLIC KEY-----/);
      return { ok: true };
    }
    return { ok: false, alert: (await refusals.allInnerTexts()).join('\n') };
  });
}

async function valueOrEmpty(locator: Locator): Promise<string> {
  return (await locator.count()) ? locator.inputValue() : '';
}

export interface SignInput {
  method: string;
  path: string;
  body?: string;
  /** "Demo" or "Production"; left as it is when omitted. */
  environment?: 'Demo' | 'Production';
}

export interface SignedHeaders {
  key: string;
  timestamp: string;
  signature: string;
}

/**
 * Opens "Sign a request" (the key last opened is the signing key), fills the form, presses
 * "Sign request", and returns the three header values.
 */
export async function signRequest(page: Page, input: SignInput): Promise<SignedHeaders> {
  const u = ui(page);
  await openView(page, 'Sign a request');
  return onlyAppOrigin(page, `Signing ${input.method} ${input.path}`, async () => {
    if (input.environment) await u.environment.selectOption({ label: input.environment });
    await u.method.selectOption(input.method);
    await u.path.fill(input.path);
    if (input.body !== undefined) await u.body.fill(input.body);
    const before = await valueOrEmpty(u.accessSignature);
    await u.signRequest.click();
    await expect(u.accessSignature).toHaveValue(/^[A-Za-z0-9+/]+=*$/);
    await expect(u.accessSignature).not.toHaveValue(before);
    return {
      key: await u.accessKey.inputValue(),
      timestamp: await u.accessTimestamp.inputValue(),
      signature: await u.accessSignature.inputValue(),
    };
  });
}

/** Kalshi's signed message, computed here independently: timestamp + METHOD + path without query. */
export function kalshiMessage(timestamp: string, method: string, path: string): string {
  const pathname = /^https?:\/\//i.test(path) ? new URL(path).pathname : path.split('?')[0];
  return timestamp + method.toUpperCase() + pathname;
}

/** Verifies an RSA-PSS SHA-256 (salt 32) base64 signature with node:crypto. */
export function verifyWithNode(publicPem: string, message: string, signatureB64: string): boolean {
  return verify(
    'sha256',
    Buffer.from(message, 'utf8'),
    { key: publicPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    Buffer.from(signatureB64, 'base64'),
  );
}

/** What the page's IndexedDB holds for one stored private key, read with the raw IndexedDB API. */
export interface StoredKeyProbe {
  database: string;
  store: string;
  name: unknown;
  kalshiKeyId: unknown;
  fingerprint: unknown;
  privateKeyType: string;
  extractable: boolean;
  /** crypto.subtle.exportKey('pkcs8' and 'jwk') both rejected. */
  exportRejected: boolean;
  exportErrors: string[];
}

export interface StoredKeysProbe {
  keys: StoredKeyProbe[];
  /** Paths of stored strings that look like a private key PEM (there must be none). */
  privateKeyText: string[];
}

/**
 * Opens every IndexedDB database of the page's origin with the raw API (not the page's code),
 * finds each stored record holding a private CryptoKey, and tries to export it.
 */
export function probeStoredKeys(page: Page): Promise<StoredKeysProbe> {
  return page.evaluate(async () => {
    const done = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const result: StoredKeysProbe = { keys: [], privateKeyText: [] };
    const found: { database: string; store: string; record: Record<string, unknown> }[] = [];
    const seen = new Set<unknown>();
    const walk = (value: unknown, where: string, database: string, store: string): void => {
      if (typeof value === 'string') {
        if (/PRIVATE KEY-----/.test(value)) result.privateKeyText.push(where);
        return;
      }
      if (typeof value !== 'object' || value === null || seen.has(value)) return;
      if (value instanceof CryptoKey || ArrayBuffer.isView(value)) return;
      seen.add(value);
      const entries: [string, unknown][] =
        value instanceof Map
          ? [...value.entries()].map(([k, v]) => [String(k), v])
          : Object.entries(value);
      const record = value as Record<string, unknown>;
      if (record.privateKey instanceof CryptoKey) found.push({ database, store, record });
      for (const [k, v] of entries) walk(v, `${where}.${k}`, database, store);
    };
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await done(indexedDB.open(info.name));
      try {
        for (const store of Array.from(db.objectStoreNames)) {
          const values = await done(db.transaction(store, 'readonly').objectStore(store).getAll());
          values.forEach((v, i) => walk(v, `${info.name}/${store}[${i}]`, info.name!, store));
        }
      } finally {
        db.close();
      }
    }
    for (const { database, store, record } of found) {
      const key = record.privateKey as CryptoKey;
      const exportErrors: string[] = [];
      for (const format of ['pkcs8', 'jwk'] as const) {
        try {
          await crypto.subtle.exportKey(format, key);
        } catch (error) {
          exportErrors.push(`${format}: ${(error as Error).name}`);
        }
      }
      result.keys.push({
        database,
        store,
        name: record.name,
        kalshiKeyId: record.kalshiKeyId,
        fingerprint: record.fingerprint,
        privateKeyType: key.type,
        extractable: key.extractable,
        exportRejected: exportErrors.length === 2,
        exportErrors,
      });
    }
    return result;
  });
}
