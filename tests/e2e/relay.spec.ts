// "Send through relay" end to end (issues 4 and 12): the built page sends its own signed requests
// through the real relay (relay/kalshi-relay.mjs, started as a user would by the kalshiRelay
// fixture) to the local Kalshi mock (tests/mock/kalshi-mock.ts), which, like Kalshi, sends no CORS,
// refuses any request with an Origin header, and checks the signatures with node:crypto.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnRelay } from '../relay/spawn-relay';
import {
  expect,
  importPem,
  mintKey,
  openKey,
  openView,
  setRelayUrl,
  test,
  ui,
  type KalshiMockFixture,
} from './fixtures';
import { importBootstrap, lifecycle } from './lifecycle-steps';
import type { Page } from '@playwright/test';

// The page's default environment is Demo: its recommended host goes into the relay address.
const DEMO_HOST = 'external-api.demo.kalshi.co';

function relay(page: Page) {
  return {
    send: page.getByRole('button', { name: 'Send through relay', exact: true }),
    response: page.getByRole('textbox', { name: 'Response', exact: true }),
  };
}

/** Presses "Send through relay" and waits for a new answer in "Response". */
async function sendThroughRelay(page: Page, expected: RegExp): Promise<string> {
  const r = relay(page);
  await r.send.click();
  await expect(r.response).toHaveValue(expected);
  return r.response.inputValue();
}

function lastRequest(mock: KalshiMockFixture) {
  const last = mock.requests.filter((r) => r.method !== 'OPTIONS').at(-1);
  if (!last) throw new Error('the mock received no request');
  return last;
}

test('rotation through the relay: register a new key signed by the bootstrap key, then read the balance with it', async ({
  page,
  kalshiMock,
  kalshiRelay,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  const l = lifecycle(page);

  // The bootstrap key, as Kalshi hands it out (PKCS#1), with its Kalshi key ID.
  await importBootstrap(page, kalshiMock);
  const newPem = await mintKey(page, 'Rotated key');
  await setRelayUrl(page, kalshiRelay.url);
  // Nothing was sent while the relay was being set: only the button sends.
  expect(kalshiMock.requests).toEqual([]);

  // "Register with Kalshi" on the new key's page, signed by the bootstrap key, through the relay.
  await openKey(page, 'Rotated key');
  await expect(l.signWith.locator('option:checked')).toHaveText(/^Bootstrap/);
  await l.register.click();
  await expect(u.kalshiKeyId).toHaveValue(/^[0-9a-f-]{36}$/);
  const newKeyId = await u.kalshiKeyId.inputValue();
  // The key's page says so under its name.
  await expect(page.getByRole('region', { name: 'Rotated key', exact: true })).toContainText(
    `Registered · ${newKeyId.slice(0, 8)}`,
  );
  // What arrived is the page's request without the browser's Origin (which Kalshi refuses), for the
  // Kalshi host of the key's environment, signed by the bootstrap key, carrying the new PEM.
  const upload = lastRequest(kalshiMock);
  expect(upload).toMatchObject({ method: 'POST', path: '/trade-api/v2/api_keys', status: 201 });
  expect(upload.headers.origin).toBeUndefined();
  expect(upload.headers['x-kalshi-upstream']).toBe(DEMO_HOST);
  expect(upload.headers['kalshi-access-key']).toBe(kalshiMock.bootstrapKeyId);
  expect(kalshiMock.registeredKeys.get(newKeyId)?.publicKeyPem.trim()).toBe(newPem.trim());

  // The new key (the one whose page was open last) reads the balance.
  await openView(page, 'Sign a request');
  await expect(u.signingKey.locator('option:checked')).toHaveText('Rotated key');
  await page.getByRole('button', { name: 'Balance', exact: true }).click();
  const balance = await sendThroughRelay(page, /^HTTP 200 OK\n/);
  expect(balance).toMatch(/"balance": 123456/);
  const read = lastRequest(kalshiMock);
  expect(read).toMatchObject({
    method: 'GET',
    path: '/trade-api/v2/portfolio/balance',
    status: 200,
  });
  expect(read.headers['kalshi-access-key']).toBe(newKeyId);
  // Signed at the moment of sending: the timestamp Kalshi saw is the one now on screen.
  expect(read.headers['kalshi-access-timestamp']).toBe(await u.accessTimestamp.inputValue());
  // The relay logged both requests (its preflights too), never a key ID or a signature.
  const log = kalshiRelay.lines.join('\n');
  expect(log).toMatch(/ POST external-api\.demo\.kalshi\.co \/trade-api\/v2\/api_keys 201 \d+ms$/m);
  expect(log).toMatch(
    / GET external-api\.demo\.kalshi\.co \/trade-api\/v2\/portfolio\/balance 200 \d+ms$/m,
  );
  expect(log).toMatch(/ OPTIONS external-api\.demo\.kalshi\.co /);
  for (const secret of [
    kalshiMock.bootstrapKeyId,
    newKeyId,
    read.headers['kalshi-access-signature'],
  ]) {
    expect(log).not.toContain(secret);
  }
  watch.expectClean();
});

test('a stale timestamp gets 401 header_timestamp_expired and the page explains it', async ({
  page,
  kalshiMock,
  kalshiRelay,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  expect(await importPem(page, kalshiMock.bootstrapPrivatePem)).toEqual({ ok: true });
  await u.kalshiKeyId.fill(kalshiMock.bootstrapKeyId);
  await setRelayUrl(page, kalshiRelay.url);
  await openView(page, 'Sign a request');
  await page.getByRole('button', { name: 'Balance', exact: true }).click();

  // The page signs at the moment of sending, so the only honest way to a stale timestamp is the
  // one users hit (auth.md section 9, item 8): the computer's clock is off, e.g. after a laptop
  // wakes from sleep. Playwright's clock sets the page's Date two minutes behind; the mock keeps
  // the real time and Kalshi's few-seconds window (5 s), as the real server would.
  await page.clock.setFixedTime(Date.now() - 120_000);
  const answer = await sendThroughRelay(page, /^HTTP 401 Unauthorized\n/);
  expect(answer).toMatch(/"code": "header_timestamp_expired"/);
  const sentAt = Number(lastRequest(kalshiMock).headers['kalshi-access-timestamp']);
  expect(Date.now() - sentAt).toBeGreaterThan(60_000);
  await expect(page.getByText(/HTTP 401\. The signature is too old/)).toBeVisible();
  await expect(page.getByText(/set your computer clock automatically/)).toBeVisible();

  // With the clock right again, the same button works: the fix the advice gives.
  await page.clock.setFixedTime(Date.now());
  await sendThroughRelay(page, /^HTTP 200 OK\n/);
  expect(watch.pageErrors).toEqual([]);
  expect(watch.cspViolations).toEqual([]);
  // Chromium itself logs every 4xx response on the console; the page logged nothing else.
  expect(watch.consoleErrors).toEqual([
    expect.stringMatching(/status of 401 \(Unauthorized\).*\/trade-api\/v2\/portfolio\/balance/),
  ]);
});

test('a blocked request (no CORS, or nothing listening) is explained and points to the curl command', async ({
  page,
  kalshiMock,
}) => {
  // A server that answers like Kalshi itself: no CORS headers, so the browser refuses the answer.
  const noCors = createServer((_req, res) => res.writeHead(200).end('{}'));
  await new Promise<void>((resolve) => noCors.listen(0, '127.0.0.1', () => resolve()));
  const noCorsUrl = `http://127.0.0.1:${(noCors.address() as AddressInfo).port}`;
  try {
    await page.goto('/');
    const u = ui(page);
    const r = relay(page);
    expect(await importPem(page, kalshiMock.bootstrapPrivatePem)).toEqual({ ok: true });
    await u.kalshiKeyId.fill(kalshiMock.bootstrapKeyId);
    await setRelayUrl(page, noCorsUrl);
    await openView(page, 'Sign a request');
    await r.send.click();
    await expect(u.alerts).toContainText(/blocked the request to http:\/\/127\.0\.0\.1.*\(CORS\)/);
    await expect(u.alerts).toContainText(/copy the curl command/);
    await expect(r.response).toHaveValue('');

    // Nothing listening any more (the server is closed): the same explanation.
    await new Promise<void>((resolve) => noCors.close(() => resolve()));
    await setRelayUrl(page, `${noCorsUrl}/gone`);
    await openView(page, 'Sign a request');
    await r.send.click();
    await expect(u.alerts).toContainText(/gone.*\(network\)/);
    // A relay over plain http to another computer is refused before anything is signed or sent.
    await setRelayUrl(page, 'http://relay.example');
    await openView(page, 'Sign a request');
    await r.send.click();
    await expect(u.alerts).toContainText(/only to a relay on this computer/);
  } finally {
    noCors.close();
  }
});

test('a relay started for another page refuses this one (403, nothing forwarded), and the page gives the command that fixes it', async ({
  page,
  kalshiMock,
}) => {
  const other = await spawnRelay([
    '--port',
    '0',
    '--origin',
    'https://other.example',
    '--upstream',
    kalshiMock.url,
  ]);
  try {
    await page.goto('/');
    const u = ui(page);
    const r = relay(page);
    const origin = new URL(page.url()).origin;
    // The help, in "Relay and offline", shows the command with this page's origin before anything
    // goes wrong.
    await openView(page, 'Relay and offline');
    await expect(
      page.getByText(`node kalshi-relay.mjs --origin ${origin}`, { exact: true }),
    ).toBeVisible();
    expect(await importPem(page, kalshiMock.bootstrapPrivatePem)).toEqual({ ok: true });
    await u.kalshiKeyId.fill(kalshiMock.bootstrapKeyId);
    await setRelayUrl(page, other.url);
    await openView(page, 'Sign a request');
    await page.getByRole('button', { name: 'Balance', exact: true }).click();
    await r.send.click();
    // The relay's 403 carries no CORS for this page, so the browser shows it as a blocked request.
    await expect(u.alerts).toContainText(`node kalshi-relay.mjs --origin ${origin}`);
    await expect(r.response).toHaveValue('');
    expect(other.lines.join('\n')).toMatch(/ OPTIONS - - 403 \d+ms$/m);
    expect(kalshiMock.requests).toEqual([]);
  } finally {
    await other.stop();
  }
});
