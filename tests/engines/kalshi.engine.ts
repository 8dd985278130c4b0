// The key's life on Kalshi in every engine, through the real relay to the Kalshi mock: the page's
// cross-origin requests to the relay on loopback (CORS preflight, the three KALSHI-ACCESS-*
// headers, no Origin forwarded), register, check, delete, rotate; and one step without a relay,
// its curl command run in bash and the answer pasted back.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { RunningRelay } from '../relay/spawn-relay';
import { LIFECYCLE, SELECTED_KEY, app, button, keyItem, textbox, type App } from './app';
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

const UUID = /Kalshi key ID: ([0-9a-f-]{36})/;
const TABLE: Target = { role: 'table', name: 'Keys on Kalshi' };
const row = (hasText: string): Target => ({ role: 'row', within: TABLE, hasText });
const DIALOG: Target = { role: 'dialog' };

/** The requests the mock answered for this method and path. */
const sent = (method: string, path: string) =>
  mock.requests.filter((r) => r.method === method && r.path === path);

/** Imports the mock's bootstrap key (PKCS#1, as Kalshi hands it out) with its Kalshi key ID. */
async function importBootstrap(a: App) {
  expect(await a.importKey({ pem: mock.bootstrapPrivatePem, name: 'Bootstrap' })).toEqual({
    ok: true,
  });
  await a.setKalshiKeyId('Bootstrap', mock.bootstrapKeyId);
}

async function setRelay(a: App, url: string) {
  await a.view('settings');
  await a.tab.fill('Relay URL', url);
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
    await a.keyPage('Dashboard');
    await tab.check(
      {
        role: 'checkbox',
        name: 'write',
        within: { role: 'group', name: 'Scopes', within: SELECTED_KEY },
      },
      false,
    );
    expect(mock.requests).toEqual([]);
    // As after any first visit: the page's service worker controls it.
    await waitFor(() => tab.evaluate(() => navigator.serviceWorker.controller !== null), {
      message: 'the service worker to control the page',
    });
    await tab.click(button('Register with Kalshi', SELECTED_KEY));
    const id = UUID.exec(await tab.waitForText(keyItem('Dashboard'), UUID))![1]!;

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
    await tab.select({ role: 'combobox', name: 'Signed by', within: LIFECYCLE }, /^Bootstrap/);
    await tab.click(button('Check with Kalshi', LIFECYCLE));
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
    await tab.waitForText(keyItem('Dashboard'), 'Retired');
  });

  test('rotate through the relay: mint, register, prove, confirm, delete the old key', async () => {
    const { tab } = await s.open();
    const a = app(tab);
    await importBootstrap(a);
    await setRelay(a, relay.url);
    const oldId = mock.bootstrapKeyId;
    await a.view('home');
    await tab.click(button('Rotate key', keyItem('Bootstrap')));
    const deleteOld = button('Delete old key', DIALOG);
    await tab.waitForCount(deleteOld, 1, { timeout: 30_000 });
    const newId = [...mock.registeredKeys.keys()].find((k) => k !== oldId)!;
    expect(sent('POST', '/trade-api/v2/api_keys')).toMatchObject([{ status: 201 }]);
    expectRelayed(oldId, sent('POST', '/trade-api/v2/api_keys')[0]);
    expect(sent('GET', '/trade-api/v2/portfolio/balance')).toMatchObject([{ status: 200 }]);
    expectRelayed(newId, sent('GET', '/trade-api/v2/portfolio/balance')[0]);
    expect(mock.registeredKeys.has(oldId)).toBe(true);

    await tab.click(deleteOld);
    const old = keyItem(`Kalshi key ID: ${oldId}`);
    await tab.waitForText(old, 'Retired', { timeout: 20_000 });
    expect(mock.registeredKeys.has(oldId)).toBe(false);
    const [deleted] = sent('DELETE', `/trade-api/v2/api_keys/${oldId}`);
    expect(deleted).toMatchObject({ status: 204 });
    expectRelayed(newId, deleted);
    const fresh = (await tab.texts(keyItem(`Kalshi key ID: ${newId}`)))[0];
    expect(fresh).not.toContain('Retired');
  });

  test('without a relay: the register step gives its curl command, and the pasted answer stores the ID', async () => {
    const { tab } = await s.open();
    const a = app(tab);
    await importBootstrap(a);
    await a.mint('By hand');
    await a.keyPage('By hand');
    await tab.click(button('Register with Kalshi', SELECTED_KEY));
    const commandBox = textbox('Command to run', SELECTED_KEY);
    const shown = await tab.waitForValue(commandBox, /^curl -i /);
    // Copying signs afresh (Kalshi takes timestamps a few seconds old only).
    await tab.click(button('Copy command', SELECTED_KEY));
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
    await tab.fill(textbox("Kalshi's answer", SELECTED_KEY), output);
    await tab.waitForText(keyItem('By hand'), `Kalshi key ID: ${id}`);
    expect(mock.registeredKeys.get(id)).toMatchObject({ name: 'By hand' });
  });
});
