// The page as the cross-engine flows use it: its views, reached as a user reaches them (the "Main"
// navigation's links, a key's link in "Stored keys"), its controls by role and accessible name,
// and the few multi-step actions (mint, import, sign) every flow needs. Flows address keys by name
// and reach each control through view() and keyPage().
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants, verify } from 'node:crypto';
import { waitFor as poll, type Tab, type Target, type Text } from './driver';

/** The views of the "Main" navigation. */
export type View = 'home' | 'new' | 'import' | 'sign' | 'check' | 'kalshi' | 'settings';

/** Each view's link in the "Main" navigation, and the heading it shows (a region's name). */
const VIEWS: Record<View, { link: string; heading: string }> = {
  home: { link: 'Keys', heading: 'Your Kalshi API keys' },
  new: { link: 'Create a key', heading: 'Create a key' },
  import: { link: 'Import a key', heading: 'Import a key' },
  sign: { link: 'Sign a request', heading: 'Sign a request' },
  check: { link: 'Check a signature', heading: 'Check a signature' },
  kalshi: { link: 'Keys on Kalshi', heading: 'Keys on Kalshi' },
  settings: { link: 'Relay and offline', heading: 'Relay and offline' },
};

export const NAV: Target = { role: 'navigation', name: 'Main' };
export const navLink = (view: View): Target => ({
  role: 'link',
  name: VIEWS[view].link,
  within: NAV,
});
export const button = (name: Text, within?: Target): Target => ({ role: 'button', name, within });
export const textbox = (name: Text, within?: Target): Target => ({
  role: 'textbox',
  name,
  within,
});
export const region = (name: Text): Target => ({ role: 'region', name });
export const link = (name: Text, within?: Target): Target => ({ role: 'link', name, within });
export const STORED_KEYS: Target = { role: 'list', name: 'Stored keys' };
/** The item of "Stored keys" (on the home) whose link is the key `name`. */
export const keyItem = (name: string): Target => ({
  role: 'listitem',
  within: STORED_KEYS,
  has: link(name),
});
/** The item of "Stored keys" whose status is "Registered · " and this Kalshi key ID's start. */
export const keyWithId = (kalshiKeyId: string): Target => ({
  role: 'listitem',
  within: STORED_KEYS,
  hasText: `Registered · ${kalshiKeyId.slice(0, 8)}`,
});
/** Alerts with something in them (an empty live region may wait on the page). */
export const ALERT: Target = { role: 'alert', hasText: /\S/ };
/** A key's page: a region named by its heading, the key's name. */
export const KEY_PAGE = (name: string) => region(name);
/** "On Kalshi" on a key's page: its Kalshi key ID, register, rotate, delete there. */
export const ON_KALSHI = region('On Kalshi');
/** The "Keys on Kalshi" view: the account's keys as Kalshi lists them. */
export const KEYS_ON_KALSHI = region('Keys on Kalshi');
export const IMPORT = region('Import a key');

export interface Signed {
  key: string;
  timestamp: string;
  signature: string;
  curl: string;
}

export function app(tab: Tab) {
  const self = {
    tab,

    /**
     * Opens `view` by its link in the "Main" navigation unless it is the current one (a view left
     * and opened again starts afresh, so staying keeps what its form holds), and waits for it.
     */
    async view(view: View): Promise<void> {
      const target = navLink(view);
      await tab.waitForCount(target, 1, { timeout: 15_000 });
      if ((await tab.attribute(target, 'aria-current')) !== 'page') await tab.click(target);
      await waitAttribute(tab, target, 'aria-current', 'page');
      // Views other than the home and "Create a key" load when first opened.
      await tab.waitForCount(region(VIEWS[view].heading), 1, { timeout: 15_000 });
      // The key list is read from storage after the first render: listed, or "No key yet".
      if (view === 'home')
        await poll(
          () =>
            tab.evaluate(
              () =>
                document.querySelectorAll('[aria-label="Stored keys"] > li').length > 0 ||
                [...document.querySelectorAll('main p')].some((p) =>
                  p.textContent?.startsWith('No key yet'),
                ),
            ),
          { message: 'the stored keys to be listed' },
        );
    },

    /** Opens the page of the stored key `name`: its link in "Stored keys" on the home. */
    async keyPage(name: string): Promise<void> {
      if ((await tab.count(KEY_PAGE(name))) === 1) return;
      await self.view('home');
      await tab.click(link(name, keyItem(name)));
      await tab.waitForCount(KEY_PAGE(name), 1, { timeout: 15_000 });
    },

    /** Names in "Stored keys", in order. */
    async storedKeyNames(): Promise<string[]> {
      await self.view('home');
      return tab.evaluate(() =>
        [...document.querySelectorAll('[aria-label="Stored keys"] > li > a')].map(
          (a) => a.textContent ?? '',
        ),
      );
    },

    /**
     * Mints a key named `name` with "Generate key" (whatever the form holds besides); returns its
     * public key PEM once its page shows it stored (headed by its name, no longer "saving…").
     */
    async mint(name: string): Promise<string> {
      await self.view('new');
      await tab.fill('Key name', name);
      await tab.click(button('Generate key'));
      await tab.waitForCount(KEY_PAGE(name), 1, { timeout: 20_000 });
      return tab.waitForValue('Public key (PEM)', /^-----BEGIN PUBLIC KEY-----\n/);
    },

    /** The public key PEM shown on the key's page. */
    async publicKey(name: string): Promise<string> {
      await self.keyPage(name);
      return tab.waitForValue('Public key (PEM)', /^-----BEGIN PUBLIC KEY-----\n/);
    },

    /** Types the Kalshi key ID on the page of the key `name`; waits until the page shows it. */
    async setKalshiKeyId(name: string, id: string): Promise<void> {
      await self.keyPage(name);
      await tab.fill(textbox('Kalshi key ID', ON_KALSHI), id);
      await tab.waitForText(KEY_PAGE(name), `Registered · ${id.slice(0, 8)}`);
    },

    /**
     * Imports a private key: `pem` pasted (or already given to the form by a file), a name, an
     * optional passphrase and Kalshi key ID; resolves when the page has answered: the key's page
     * opened, or an alert in "Import a key".
     */
    async importKey(options: {
      pem?: string;
      name: string;
      passphrase?: string;
      kalshiKeyId?: string;
    }): Promise<{ ok: true } | { ok: false; alert: string }> {
      await self.view('import');
      if (options.pem !== undefined) await tab.fill('Private key (PEM)', options.pem);
      await tab.fill('Name for imported key', options.name);
      if (options.passphrase !== undefined) await tab.fill('Passphrase', options.passphrase);
      if (options.kalshiKeyId !== undefined)
        await tab.fill(textbox('Kalshi key ID', IMPORT), options.kalshiKeyId);
      await tab.click(button('Import key'));
      const refused = { ...ALERT, within: IMPORT };
      const outcome = await waitForOne(tab, [KEY_PAGE(options.name), refused]);
      if (outcome === 1) return { ok: false, alert: (await tab.texts(refused)).join('\n') };
      await tab.waitForValue('Public key (PEM)', /^-----BEGIN PUBLIC KEY-----\n/);
      return { ok: true };
    },

    /** Signs with the stored key `key`; returns the three headers and the curl command. */
    async sign(input: {
      key: string;
      method: string;
      path: string;
      body?: string;
      environment?: 'Demo' | 'Production';
    }): Promise<Signed> {
      await self.view('sign');
      await tab.select(
        'Signing key',
        new RegExp(`^${escape(input.key)}( \\(no Kalshi key ID\\))?$`),
      );
      if (input.environment) await tab.select('Environment', input.environment);
      await tab.select('Method', input.method);
      await tab.fill('Path', input.path);
      if (input.body !== undefined) await tab.fill('Body', input.body);
      const before = await tab.value('KALSHI-ACCESS-SIGNATURE');
      await tab.click(button('Sign request'));
      const alert = { ...ALERT, within: region('Sign a request') };
      const signature = await poll(
        async () => {
          const value = await tab.value('KALSHI-ACCESS-SIGNATURE');
          if (/^[A-Za-z0-9+/]+=*$/.test(value) && value !== before) return value;
          const alerts = await tab.texts(alert);
          if (alerts.length) throw new Error(`Signing was refused: ${alerts.join(' / ')}`);
          return undefined;
        },
        { message: 'a new KALSHI-ACCESS-SIGNATURE' },
      );
      return {
        key: await tab.value('KALSHI-ACCESS-KEY'),
        timestamp: await tab.value('KALSHI-ACCESS-TIMESTAMP'),
        signature,
        curl: await tab.value('curl command'),
      };
    },

    /** Every stored private key, read with the raw IndexedDB API, and whether it exports. */
    probeStoredKeys: () => tab.evaluate(probeStoredKeysInPage),

    /** axe-core's violations on the page as it is now. */
    async axeViolations(): Promise<string[]> {
      if (!(await tab.evaluate(() => 'axe' in window))) await tab.runScript(axeSource());
      return tab.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                context: unknown,
                options: unknown,
              ) => Promise<{
                violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
                passes: unknown[];
              }>;
            };
          }
        ).axe;
        const { violations, passes } = await axe.run(document, { resultTypes: ['violations'] });
        // A scan that checked nothing (axe not really running in this engine) is no pass.
        if (passes.length < 10) return [`axe passed only ${passes.length} rules`];
        return violations.map(
          (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
      });
    },
  };
  return self;
}

export type App = ReturnType<typeof app>;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let axeText: string | undefined;
/** axe-core's browser build, the one @axe-core/playwright injects in the Chromium suite. */
function axeSource(): string {
  axeText ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeText;
}

async function waitAttribute(tab: Tab, target: Target, name: string, want: string) {
  await poll(async () => (await tab.attribute(target, name)) === want, {
    message: `${name}="${want}" on ${String(target.name ?? target.hasText)}`,
  });
}

/** Waits until one of `targets` is on the page; returns its index. */
async function waitForOne(tab: Tab, targets: Target[]): Promise<number> {
  return poll(
    async () => {
      for (const [i, t] of targets.entries()) if ((await tab.count(t)) > 0) return i;
      return undefined;
    },
    { timeout: 20_000, message: 'the page to answer' },
  );
}

/** Kalshi's signed message, computed here: timestamp + METHOD + path without its query. */
export function kalshiMessage(timestamp: string, method: string, path: string): string {
  return timestamp + method.toUpperCase() + path.split('?')[0];
}

/** Kalshi's check, by node:crypto: RSA-PSS, SHA-256, MGF1-SHA-256, salt 32. */
export function verifyWithNode(publicPem: string, message: string, signatureB64: string) {
  return verify(
    'sha256',
    Buffer.from(message, 'utf8'),
    { key: publicPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    Buffer.from(signatureB64, 'base64'),
  );
}

export interface StoredKey {
  name: unknown;
  kalshiKeyId: unknown;
  type: string;
  extractable: boolean;
  /** crypto.subtle.exportKey('pkcs8') and ('jwk') both rejected. */
  exportRejected: boolean;
}

/**
 * Runs in the page: opens each IndexedDB database of the origin with the raw API (not the
 * page's code), finds every stored record holding a private CryptoKey, and tries to export it;
 * also lists the stored strings that look like a private key PEM (there must be none).
 */
async function probeStoredKeysInPage(): Promise<{ keys: StoredKey[]; privateKeyText: string[] }> {
  const done = <T>(request: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const keys: StoredKey[] = [];
  const privateKeyText: string[] = [];
  const records: Record<string, unknown>[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown, where: string): void => {
    if (typeof value === 'string') {
      if (/PRIVATE KEY-----/.test(value)) privateKeyText.push(where);
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    if (value instanceof CryptoKey || ArrayBuffer.isView(value)) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (record.privateKey instanceof CryptoKey) records.push(record);
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    for (const [k, v] of entries) walk(v, `${where}.${String(k)}`);
  };
  // WebKit has no indexedDB.databases() before 2.42; the page keeps its keys in idb-keyval's.
  const names =
    typeof indexedDB.databases === 'function'
      ? (await indexedDB.databases()).map((d) => d.name).filter((n): n is string => !!n)
      : ['keyval-store'];
  for (const name of names) {
    const db = await done(indexedDB.open(name));
    try {
      for (const store of Array.from(db.objectStoreNames)) {
        const values = await done(db.transaction(store, 'readonly').objectStore(store).getAll());
        values.forEach((v, i) => walk(v, `${name}/${store}[${i}]`));
      }
    } finally {
      db.close();
    }
  }
  for (const record of records) {
    const key = record.privateKey as CryptoKey;
    let rejected = 0;
    for (const format of ['pkcs8', 'jwk'] as const)
      await crypto.subtle.exportKey(format, key).then(
        () => undefined,
        () => rejected++,
      );
    keys.push({
      name: record.name,
      kalshiKeyId: record.kalshiKeyId,
      type: key.type,
      extractable: key.extractable,
      exportRejected: rejected === 2,
    });
  }
  return { keys, privateKeyText };
}
