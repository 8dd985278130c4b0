// What a user of the hosted https:// page meets in Debian's Chromium (156) when sending through a
// relay on their own computer: Local Network Access. A public https page calling http://127.0.0.1
// needs the user's permission ("apps on this device"); Chromium asks, and without it blocks the
// request before anything reaches the relay (no preflight at all, not even the old Private Network
// Access one). With the permission, the relay gets an ordinary CORS preflight and all works.
// The page is served over https from 127.0.0.1 with a throwaway certificate, and Chromium is told
// (--ip-address-space-overrides) to treat that address and port as the public internet, as a real
// host would be; everything stays on this machine.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { makeTempDir } from '../helpers/openssl';
import { spawnRelay, type RunningRelay } from '../relay/spawn-relay';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './playwright.config';
import { expect, importPem, openView, setRelayUrl, test, ui, watchContext } from './fixtures';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

let server: Server;
let pageOrigin = '';
let browser: Browser;

test.beforeAll(async () => {
  const dir = makeTempDir('kalshi-keys-tls-');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        dir.file('key.pem'),
        '-out',
        dir.file('cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    server = createServer({ key: dir.read('key.pem'), cert: dir.read('cert.pem') }, (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const file = normalize(join(DIST, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(DIST)) return void res.writeHead(403).end();
      void readFile(file).then(
        (body) =>
          res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'text/plain' }).end(body),
        () => res.writeHead(404).end(),
      );
    });
  } finally {
    dir.cleanup();
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  pageOrigin = `https://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      `--ip-address-space-overrides=127.0.0.1:${port}=public`,
      '--ignore-certificate-errors',
    ],
  });
});

test.afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** Opens the https page in a fresh context (with or without the permission) and sends Balance. */
async function sendBalance(
  relay: RunningRelay,
  mock: { bootstrapPrivatePem: string; bootstrapKeyId: string },
  permissions: string[],
) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, permissions });
  await watchContext(context);
  const page = await context.newPage();
  await page.goto(`${pageOrigin}/`);
  expect(await page.evaluate(() => isSecureContext)).toBe(true);
  const u = ui(page);
  expect(await importPem(page, mock.bootstrapPrivatePem)).toEqual({ ok: true });
  await u.kalshiKeyId.fill(mock.bootstrapKeyId);
  await setRelayUrl(page, relay.url);
  await openView(page, 'Sign a request');
  await page.getByRole('button', { name: 'Balance', exact: true }).click();
  await page.getByRole('button', { name: 'Send through relay', exact: true }).click();
  return { context, page, u };
}

const requestLines = (relay: RunningRelay) => relay.lines.filter((line) => /^\d{4}-/.test(line));

test('an https page reaches the relay on 127.0.0.1 only once the user allows local network access', async ({
  kalshiMock,
}) => {
  const relay = await spawnRelay([
    '--port',
    '0',
    '--origin',
    pageOrigin,
    '--upstream',
    kalshiMock.url,
  ]);
  try {
    // Without the permission (a user who said no, or a headless browser that cannot ask): blocked
    // before anything leaves the browser, and the page explains a blocked request.
    const denied = await sendBalance(relay, kalshiMock, []);
    await expect(denied.u.alerts).toContainText(/blocked the request/);
    await expect(denied.page.getByRole('textbox', { name: 'Response', exact: true })).toHaveValue(
      '',
    );
    expect(requestLines(relay)).toEqual([]);
    await denied.context.close();

    // Allowed: a plain CORS preflight, then the request, both through the relay.
    const allowed = await sendBalance(relay, kalshiMock, ['local-network-access']);
    await expect(allowed.page.getByRole('textbox', { name: 'Response', exact: true })).toHaveValue(
      /^HTTP 200 OK\n[\s\S]*"balance": 123456/,
    );
    // The relay logs an exchange once its connection has closed, which can be after the page has
    // the answer.
    await expect
      .poll(() => requestLines(relay))
      .toEqual([
        expect.stringMatching(/ OPTIONS external-api\.demo\.kalshi\.co .* 204 \d+ms$/),
        expect.stringMatching(/ GET external-api\.demo\.kalshi\.co .* 200 \d+ms$/),
      ]);
    await allowed.context.close();
  } finally {
    await relay.stop();
  }
});
