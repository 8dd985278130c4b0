// A redirect never carries the signed headers anywhere. Following one, the browser would resend
// KALSHI-ACCESS-* to wherever it points; so the real relay turns Kalshi's 3xx into a 502 that names
// the host, and the page itself fetches with redirect: 'manual' in case a relay passes one on.
// In both tests a second local server stands where the redirect points: it must receive nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { spawnRelay } from '../relay/spawn-relay';
import { expect, importPem, setRelayUrl, signRequest, test, ui } from './fixtures';
import { nodeRsaKey } from '../helpers/keys';

const BALANCE = '/trade-api/v2/portfolio/balance';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Where the redirects point: counts every connection, answers anything. */
async function elsewhere() {
  let connections = 0;
  const server = createServer((_req, res) => res.end('{"stolen":true}'));
  server.on('connection', () => connections++);
  const host = await listen(server);
  return { server, host, connections: () => connections };
}

/** A stored key with a Kalshi key ID, the relay set, and a signed balance request in the Sign view. */
async function readyToSend(page: Page, relayUrl: string) {
  await page.goto('/');
  const pair = nodeRsaKey();
  const pem = pair.pkcs1Pem;
  expect(await importPem(page, pem)).toEqual({ ok: true });
  await ui(page).kalshiKeyId.fill('a1b2c3d4-0000-4000-8000-00000000abcd');
  await setRelayUrl(page, relayUrl);
  await signRequest(page, { method: 'GET', path: BALANCE });
}

test('Kalshi answers with a 302 to another server: the relay answers 502 naming it, that server receives nothing, the page shows what happened', async ({
  page,
  baseURL,
  watch,
}) => {
  const target = await elsewhere();
  // In Kalshi's place (--upstream): every request is redirected to the second server.
  const seen: string[] = [];
  const kalshi = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(302, { Location: `http://${target.host}${BALANCE}?via=redirect` }).end();
  });
  const kalshiHost = await listen(kalshi);
  const relay = await spawnRelay([
    '--port',
    '0',
    '--origin',
    new URL(baseURL!).origin,
    '--upstream',
    `http://${kalshiHost}`,
  ]);
  try {
    await readyToSend(page, relay.url);
    await page.getByRole('button', { name: 'Send through relay', exact: true }).click();

    const response = page.getByRole('textbox', { name: 'Response', exact: true });
    await expect(response).toHaveValue(/^HTTP 502 Bad Gateway\n/);
    await expect(response).toHaveValue(
      new RegExp(
        `"error": "Kalshi answered with a redirect to ${target.host.replace(/\./g, '\\.')}; nothing was sent there\\."`,
      ),
    );
    await expect(response).not.toHaveValue(/location/i);
    expect(seen).toEqual([`GET ${BALANCE}`]);
    expect(target.connections()).toBe(0);
    expect(watch.requests.filter((r) => r.url.includes(target.host))).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
  } finally {
    await relay.stop();
    kalshi.closeAllConnections();
    kalshi.close();
    target.server.close();
  }
});

test('a relay that passes a redirect on: the page does not follow it and says so', async ({
  page,
  baseURL,
  watch,
}) => {
  const target = await elsewhere();
  const origin = new URL(baseURL!).origin;
  // A relay that answers CORS for this page, then hands back a redirect with the signed request.
  const relayed: string[] = [];
  const badRelay = createServer((req, res) => {
    relayed.push(`${req.method} ${req.url}`);
    const cors = {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Headers':
        'KALSHI-ACCESS-KEY, KALSHI-ACCESS-TIMESTAMP, KALSHI-ACCESS-SIGNATURE, Content-Type, Accept',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
      'Access-Control-Expose-Headers': 'location',
    };
    if (req.method === 'OPTIONS') res.writeHead(204, cors).end();
    else res.writeHead(302, { ...cors, Location: `http://${target.host}${BALANCE}` }).end();
  });
  const relayHost = await listen(badRelay);
  try {
    await readyToSend(page, `http://${relayHost}`);
    await page.getByRole('button', { name: 'Send through relay', exact: true }).click();

    await expect(ui(page).alerts).toContainText(
      'The relay answered with a redirect; nothing was sent there.',
    );
    await expect(page.getByRole('textbox', { name: 'Response', exact: true })).toHaveValue('');
    expect(relayed).toContain(`GET /external-api.demo.kalshi.co${BALANCE}`);
    // The server is the witness: Playwright lists the redirect's target among the page's requests
    // even when the browser does not follow it (redirect: 'manual').
    expect(target.connections()).toBe(0);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
  } finally {
    badRelay.closeAllConnections();
    badRelay.close();
    target.server.close();
  }
});
