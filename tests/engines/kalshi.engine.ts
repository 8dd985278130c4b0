// The key's life on Kalshi in every engine, through the real relay to the Kalshi mock: the page's
// cross-origin requests to the relay on loopback (CORS preflight, the three KALSHI-ACCESS-*
// headers, no Origin forwarded), register, check, delete, rotate; and one step without a relay,
// its curl command run in bash and the answer pasted back.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { RunningRelay } from '../relay/spawn-relay';
import {
  KEYS_ON_KALSHI,
  KEY_PAGE,
  ON_KALSHI,
  app,
  button,
  keyItem,
  keyWithId,
  textbox,
  type App,
} from './app';
import { waitFor, type Target } from './driver';
import { engineSuite } from './harness';
import { runAgainstMock, startMock, startRelay, type Mock } from './kalshi';

const s = engineSuite();
let mock: Mock;
let relay: RunningRelay;
beforeEach(async () => {
  mock = await startMock();
  relay = await startRelay(mock, s.site.origin);
});
afterEach(async () => {
  await relay.stop();
  await mock.close();
});

const UUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;
const TABLE: Target = { role: 'table', name: 'Keys on Kalshi' };
const row = (hasText: string): Target => ({ role: 'row', within: TABLE, hasText });
const DIALOG: Target = { role: 'dialog' };
const SCOPES: Target = { role: 'group', name: 'Scopes', within: ON_KALSHI };

/** The requests the mock answered for this method and path. */
const sent = (method: string, path: string) =>
  mock.requests.filter((r) => r.method === method && r.path === path);

/**
 * Imports the mock's bootstrap key (PKCS#1, as Kalshi hands it out; read and write scopes) with
 * its Kalshi key ID typed into the import form; its page then shows it registered.
 */
async function importBootstrap(a: App, name = 'Bootstrap') {
  expect(
    await a.importKey({
      pem: mock.bootstrapPrivatePem,
      name,
      kalshiKeyId: mock.bootstrapKeyId,
    }),
  ).toEqual({ ok: true });
  await a.tab.waitForText(KEY_PAGE(name), `Registered · ${mock.bootstrapKeyId.slice(0, 8)}`);
  // "On Kalshi" loads after the page's heading.
  await a.tab.waitForValue(textbox('Kalshi key ID', ON_KALSHI), mock.bootstrapKeyId);
}

/** Sets "Relay URL" in "Relay and offline" (a loopback relay needs no confirmation). */
async function setRelay(a: App, url: string) {
  await a.view('settings');
  await a.tab.fill('Relay URL', url);
  await waitFor(() => a.tab.evaluate(storedRelayUrl).then((stored) => stored === url), {
    message: 'the relay URL to be stored',
  });
}

/** The relay URL the page stored in its IndexedDB, read with the raw API. */
function storedRelayUrl(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('kalshi-keys');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('settings')) return resolve(db.close());
      const get = db.transaction('settings', 'readonly').objectStore('settings').get('relayUrl');
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error);
      db.close();
    };
  });
}

/** Every request that reached the mock came through the relay: signed, without Origin. */
function expectRelayed(keyId: string, request = mock.requests.at(-1)!) {
  expect(request.headers.origin).toBeUndefined();
  expect(request.headers['kalshi-access-key']).toBe(keyId);
  expect(request.headers['kalshi-access-timestamp']).toMatch(/^\d{13}$/);
  expect(request.headers['kalshi-access-signature']).toMatch(/^[A-Za-z0-9+/]{342}==$/);
}

describe('5. keys on Kalshi', () => {
  test('register, check and delete through the relay (CORS preflight from the page to loopback)', async () => {
    const { tab } = await s.open();
    const a = app(tab);
    await importBootstrap(a);
    await setRelay(a, relay.url);
    await a.mint('Dashboard');
    // "Read and trade" is planned by default; registered read-only, one box away.
    await tab.check({ role: 'checkbox', name: 'write::trade', within: SCOPES }, false);
    expect(await tab.evaluate(checkedScopes)).toEqual(['read']);
    expect(mock.requests).toEqual([]);
    // As after any first visit: the page's service worker controls it.
    await waitFor(() => tab.evaluate(() => navigator.serviceWorker.controller !== null), {
      message: 'the service worker to control the page',
    });
    await tab.click(button('Register with Kalshi', ON_KALSHI));
    const id = await tab.waitForValue(textbox('Kalshi key ID', ON_KALSHI), UUID);
    await tab.waitForText(KEY_PAGE('Dashboard'), `Registered · ${id.slice(0, 8)}`);

    const [post] = sent('POST', '/trade-api/v2/api_keys');
    expect(post).toMatchObject({ status: 201 });
    expect(JSON.parse(post!.body!).scopes).toEqual(['read']);
    expectRelayed(mock.bootstrapKeyId, post);
    expect(mock.registeredKeys.get(id)).toMatchObject({ name: 'Dashboard', scopes: ['read'] });
    // The browser asked the relay first (a preflight: the page sends custom headers), except
    // WebKitGTK with the page controlled by its service worker: no preflight reaches the relay
    // there (the request still carries Origin: a relay started for another page refuses it).
    const log = relay.lines.join('\n');
    const preflight = / OPTIONS external-api\.demo\.kalshi\.co \/trade-api\/v2\/api_keys 204 /;
    expect(preflight.test(log)).toBe(tab.engine !== 'webkit');
    expect(log).toMatch(/ POST external-api\.demo\.kalshi\.co \/trade-api\/v2\/api_keys 201 /);

    await a.view('kalshi');
    // Dashboard is read-only: the bootstrap key (read and write) lists and deletes.
    await tab.select({ role: 'combobox', name: 'Sign with', within: KEYS_ON_KALSHI }, /^Bootstrap/);
    await tab.click(button('Check with Kalshi', KEYS_ON_KALSHI));
    await tab.waitForCount(row('Dashboard'));
    // The header row and one row per key Kalshi holds.
    expect(await tab.count({ role: 'row', within: TABLE })).toBe(3);
    expect((await tab.texts(row('Dashboard')))[0]).toContain(id);
    const [list] = sent('GET', '/trade-api/v2/api_keys');
    expect(list).toMatchObject({ status: 200 });
    expectRelayed(mock.bootstrapKeyId, list);

    await tab.click(button('Delete on Kalshi', row('Dashboard')));
    await tab.waitForText(DIALOG, `Delete “Dashboard” on Kalshi?`);
    expect(mock.registeredKeys.has(id)).toBe(true);
    await tab.click(button(/delete it on Kalshi/, DIALOG));
    await tab.waitForCount(row('Dashboard'), 0);
    expect(mock.registeredKeys.has(id)).toBe(false);
    expect(sent('DELETE', `/trade-api/v2/api_keys/${id}`)).toMatchObject([{ status: 204 }]);
    await a.view('home');
    await tab.waitForText(keyItem('Dashboard'), 'Retired');
  });

  test('rotate through the relay: mint, register, prove, confirm, delete the old key', async () => {
    const { tab } = await s.open();
    const a = app(tab);
    await importBootstrap(a);
    await setRelay(a, relay.url);
    const oldId = mock.bootstrapKeyId;
    await a.keyPage('Bootstrap');
    // Kalshi has not said which scopes the old key has: the replacement gets "Full access", as
    // the old key has, so that it may delete the old key.
    await tab.click(button('Full access', SCOPES));
    expect(await tab.evaluate(checkedScopes)).toEqual(['read', 'write']);
    await tab.click(button('Rotate key', ON_KALSHI));
    const deleteOld = button('Delete old key', DIALOG);
    await tab.waitForCount(deleteOld, 1, { timeout: 30_000 });
    const newId = [...mock.registeredKeys.keys()].find((k) => k !== oldId)!;
    const [post] = sent('POST', '/trade-api/v2/api_keys');
    expect(sent('POST', '/trade-api/v2/api_keys')).toMatchObject([{ status: 201 }]);
    expect(JSON.parse(post!.body!).scopes).toEqual(['read', 'write']);
    expectRelayed(oldId, post);
    expect(sent('GET', '/trade-api/v2/portfolio/balance')).toMatchObject([{ status: 200 }]);
    expectRelayed(newId, sent('GET', '/trade-api/v2/portfolio/balance')[0]);
    expect(mock.registeredKeys.has(oldId)).toBe(true);

    await tab.click(deleteOld);
    // Then the new key's page, which says so.
    await tab.waitForText({ role: 'status' }, 'Rotation done', { timeout: 20_000 });
    expect(await tab.value(textbox('Kalshi key ID', ON_KALSHI))).toBe(newId);
    expect(mock.registeredKeys.has(oldId)).toBe(false);
    const [deleted] = sent('DELETE', `/trade-api/v2/api_keys/${oldId}`);
    expect(deleted).toMatchObject({ status: 204 });
    expectRelayed(newId, deleted);
    await a.view('home');
    await tab.waitForText(keyItem('Bootstrap'), 'Retired');
    expect(await tab.count(keyWithId(newId))).toBe(1);
    expect((await tab.texts(keyWithId(newId)))[0]).not.toContain('Retired');
  });

  test('without a relay: the register step gives its curl command, and the pasted answer stores the ID', async () => {
    const { tab } = await s.open();
    const a = app(tab);
    await importBootstrap(a);
    await a.mint('By hand');
    await tab.click(button('Register with Kalshi', ON_KALSHI));
    const commandBox = textbox('Command to run', ON_KALSHI);
    const shown = await tab.waitForValue(commandBox, /^curl -i /);
    // Copying signs afresh (Kalshi takes timestamps a few seconds old only).
    await tab.click(button('Copy command', ON_KALSHI));
    const command = await waitFor(
      async () => {
        const value = await tab.value(commandBox);
        return value !== shown && value;
      },
      { message: 'a freshly signed command' },
    );
    // Nothing left the page: the user runs the command.
    expect(mock.requests).toEqual([]);
    const output = await runAgainstMock(command, mock);
    expect(output).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
    const id = /"api_key_id":"([^"]+)"/.exec(output)![1]!;
    await tab.fill(textbox("Kalshi's answer", ON_KALSHI), output);
    await tab.waitForValue(textbox('Kalshi key ID', ON_KALSHI), id);
    await a.view('home');
    await tab.waitForText(keyItem('By hand'), `Registered · ${id.slice(0, 8)}`);
    expect(mock.registeredKeys.get(id)).toMatchObject({ name: 'By hand' });
  });
});

/** Runs in the page: the scopes ticked in "On Kalshi", in the page's order. */
function checkedScopes(): string[] {
  const onKalshi = document.getElementById('on-kalshi-heading')?.closest('section');
  return [...(onKalshi?.querySelectorAll<HTMLInputElement>('fieldset input[type=checkbox]') ?? [])]
    .filter((box) => box.checked)
    .map((box) => box.getAttribute('aria-label') ?? '');
}
