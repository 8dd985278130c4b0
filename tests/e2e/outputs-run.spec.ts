// What the Sign panel hands out runs as is: the curl command and the fetch() snippet are copied with
// the page's own "Copy" buttons and run unchanged, by bash and by node, against the local Kalshi
// mock, which checks the signature with node:crypto. The mock stands in for Kalshi's host the way
// a user points the page at another host: a full URL to it in "Path" (the signature covers the path
// only, so the host makes no difference to it).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { canonicalPath } from '../../src/core/signing';
import {
  expect,
  mintKey,
  openKey,
  openView,
  setRelayUrl,
  test,
  ui,
  type KalshiMockFixture,
} from './fixtures';
import { importBootstrap, lifecycle, runCopiedCommand } from './lifecycle-steps';

// Asynchronous on purpose: the mock answers from this same Node process.
const run = promisify(execFile);

/** Presses "Copy <label>" and returns what reached the clipboard. */
async function copied(page: Page, label: string): Promise<string> {
  await page.getByRole('button', { name: `Copy ${label}`, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

/**
 * The bootstrap key, as Kalshi hands it out, with its Kalshi key ID: it signs what follows (its
 * page was opened last, so the Sign view starts with it).
 */
async function useBootstrapKey(page: Page, mock: KalshiMockFixture) {
  await importBootstrap(page, mock);
}

const requestsTo = (mock: KalshiMockFixture, since: number) =>
  mock.requests.slice(since).map(({ method, path, status }) => `${method} ${path} ${status}`);

test('the copied curl command sends a query with [ ] and { } once, as signed', async ({
  page,
  kalshiMock,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  await useBootstrapKey(page, kalshiMock);
  await openView(page, 'Sign a request');
  // Without --globoff, curl expands {A,B} into two requests and refuses [A,B] ("bad range").
  for (const query of ['?tickers={KXA,KXB}', '?tickers=[KXA,KXB]']) {
    const path = `/trade-api/v2/portfolio/balance${query}`;
    await u.path.fill(kalshiMock.url + path);
    const curl = await copied(page, 'curl command');
    const before = kalshiMock.requests.length;
    const { stdout } = await run('bash', ['-c', curl]);
    expect(JSON.parse(stdout)).toMatchObject({ balance: 123456 });
    expect(requestsTo(kalshiMock, before)).toEqual([`GET ${path} 200`]);
  }
  watch.expectClean();
});

test('a path typed with .., spaces, non-ASCII, %41, // or a trailing slash: curl and fetch() send the path signed', async ({
  page,
  kalshiMock,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  await useBootstrapKey(page, kalshiMock);
  await openView(page, 'Sign a request');
  const signedString = page.getByRole('textbox', { name: 'String to sign', exact: true });
  const dir = await mkdtemp(join(tmpdir(), 'kalshi-keys-path-'));
  const snippet = join(dir, 'send.mjs');
  // The first is a real route; the mock's test-only /echo/ route takes any path, authenticated.
  const typed = [
    '/trade-api/v2/markets/../portfolio/balance',
    '/trade-api/v2/echo/./a/%2e%2e/b/..',
    '/trade-api/v2/echo/KX TEST',
    '/trade-api/v2/echo/KXÉ-€ 🔑',
    '/trade-api/v2/echo/%41BC%2d',
    '/trade-api/v2/echo/markets/',
    '/trade-api/v2/echo//markets',
  ];
  try {
    for (const path of typed) {
      const signed = canonicalPath(path);
      await u.path.fill(kalshiMock.url + path);
      // The page signs the same path as the core API.
      await expect(signedString).toHaveValue(`{timestamp}GET${signed}`);
      const curl = await copied(page, 'curl command');
      let before = kalshiMock.requests.length;
      await run('bash', ['-c', curl]);
      // 200: the mock verified the signature over the path it received, which is the one signed.
      expect(requestsTo(kalshiMock, before), `curl, ${path}`).toEqual([`GET ${signed} 200`]);

      await writeFile(snippet, await copied(page, 'fetch() snippet'));
      before = kalshiMock.requests.length;
      await run(process.execPath, [snippet]);
      expect(requestsTo(kalshiMock, before), `fetch, ${path}`).toEqual([`GET ${signed} 200`]);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  watch.expectClean();
});

test('key rotation with the copied curl command and fetch() snippet: the public key arrives byte for byte', async ({
  page,
  kalshiMock,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  await useBootstrapKey(page, kalshiMock);
  const dir = await mkdtemp(join(tmpdir(), 'kalshi-keys-out-'));
  // Quotes, $, backticks, ! and an emoji in the name, which goes into the JSON body.
  const tricky = (i: number) => `Bot ${i} 'q' "dq" $HOME \`id\` !x \\ 🔑`;
  try {
    // Register's own curl command (no relay set), built from the key's name, run by bash and its
    // answer pasted back: the key stores the ID Kalshi gave.
    const name = tricky(0);
    const pem = await mintKey(page, name);
    await lifecycle(page).register.click();
    const out = await runCopiedCommand(page, lifecycle(page).onKalshi, kalshiMock);
    const { api_key_id: id } = JSON.parse(out.slice(out.indexOf('{'))) as { api_key_id: string };
    expect(kalshiMock.registeredKeys.get(id)?.name).toBe(name);
    expect(kalshiMock.registeredKeys.get(id)?.publicKeyPem).toBe(pem);
    await expect(u.kalshiKeyId).toHaveValue(id);

    // The Sign view's fetch() snippet, as a CommonJS file (.cjs, and .js before Node 20.19) and as
    // a module, with the body typed in: POST /api_keys signed by the bootstrap key.
    for (const [i, ext] of (['cjs', 'mjs'] as const).entries()) {
      const name = tricky(i + 1);
      const pem = await mintKey(page, name);
      await openView(page, 'Sign a request');
      await u.signingKey.selectOption({ label: 'Bootstrap' });
      await u.method.selectOption('POST');
      await u.path.fill(`${kalshiMock.url}/trade-api/v2/api_keys`);
      await u.body.fill(
        JSON.stringify({ name, public_key: pem, scopes: ['read', 'write::trade'] }, null, 2),
      );
      const file = join(dir, `rotate.${ext}`);
      await writeFile(file, await copied(page, 'fetch() snippet'));
      const before = kalshiMock.requests.length;
      const out = (await run(process.execPath, [file])).stdout;
      expect(requestsTo(kalshiMock, before), ext).toEqual(['POST /trade-api/v2/api_keys 201']);
      // The snippet prints the status first (coloured when FORCE_COLOR is set), then the body.
      const { api_key_id: id } = JSON.parse(out.slice(out.indexOf('{'))) as { api_key_id: string };
      const registered = kalshiMock.registeredKeys.get(id);
      expect(registered?.name).toBe(name);
      expect(registered?.publicKeyPem).toBe(pem);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  watch.expectClean();
});

test('a Kalshi key ID pasted with a hidden character is refused before signing, not sent', async ({
  page,
  kalshiMock,
  kalshiRelay,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  await useBootstrapKey(page, kalshiMock);
  await setRelayUrl(page, kalshiRelay.url);
  // A zero-width space, as a UUID copied from a web page or a chat can carry: curl would send it
  // (Kalshi: unknown key), and fetch() refuses it (the relay said "blocked: CORS or CSP").
  await openKey(page, 'Bootstrap');
  await u.kalshiKeyId.fill(`${kalshiMock.bootstrapKeyId}\u200b`);
  await openView(page, 'Sign a request');
  await u.path.fill(`${kalshiMock.url}/trade-api/v2/portfolio/balance`);
  const refused = /key ID of .* hidden character: retype it/;
  await u.signRequest.click();
  await expect(u.alerts).toHaveText(refused);
  await expect(u.accessSignature).toHaveValue('');
  await page.getByRole('button', { name: 'Send through relay', exact: true }).click();
  await expect(u.alerts).toHaveText(refused);
  expect(kalshiMock.requests).toEqual([]);
  expect(kalshiRelay.lines.filter((line) => /^\d{4}-/.test(line))).toEqual([]);

  await openKey(page, 'Bootstrap');
  await u.kalshiKeyId.fill(kalshiMock.bootstrapKeyId);
  await openView(page, 'Sign a request');
  await u.path.fill(`${kalshiMock.url}/trade-api/v2/portfolio/balance`);
  const { stdout } = await run('bash', ['-c', await copied(page, 'curl command')]);
  expect(JSON.parse(stdout)).toMatchObject({ balance: 123456 });
  watch.expectClean();
});
