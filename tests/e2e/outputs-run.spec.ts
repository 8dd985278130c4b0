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
import { expect, importPem, mintKey, test, ui, type KalshiMockFixture } from './fixtures';

// Asynchronous on purpose: the mock answers from this same Node process.
const run = promisify(execFile);

/** Presses "Copy <label>" and returns what reached the clipboard. */
async function copied(page: Page, label: string): Promise<string> {
  await page.getByRole('button', { name: `Copy ${label}`, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The bootstrap key, as Kalshi hands it out, with its Kalshi key ID: it signs what follows. */
async function useBootstrapKey(page: Page, mock: KalshiMockFixture) {
  expect(await importPem(page, mock.bootstrapPrivatePem)).toEqual({ ok: true });
  await ui(page).kalshiKeyId.fill(mock.bootstrapKeyId);
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

test('key rotation with the copied curl command and fetch() snippet: the public key arrives byte for byte', async ({
  page,
  kalshiMock,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  await useBootstrapKey(page, kalshiMock);
  const dir = await mkdtemp(join(tmpdir(), 'kalshi-keys-out-'));
  try {
    // curl from bash; the snippet as a CommonJS file (.cjs, and .js before Node 20.19) and as a module.
    const senders: [string, (text: string) => Promise<string>][] = [
      ['curl command', async (curl) => (await run('bash', ['-c', curl])).stdout],
      ...['cjs', 'mjs'].map((ext): [string, (text: string) => Promise<string>] => [
        'fetch() snippet',
        async (snippet) => {
          const file = join(dir, `rotate.${ext}`);
          await writeFile(file, snippet);
          return (await run(process.execPath, [file])).stdout;
        },
      ]),
    ];
    for (const [i, [label, send]] of senders.entries()) {
      // Quotes, $, backticks, ! and an emoji in the name, which goes into the JSON body.
      const name = `Bot ${i} 'q' "dq" $HOME \`id\` !x \\ 🔑`;
      const pem = await mintKey(page, name);
      await page
        .getByRole('button', { name: "Upload selected key's public key", exact: true })
        .click();
      await u.path.fill(`${kalshiMock.url}/trade-api/v2/api_keys`);
      const before = kalshiMock.requests.length;
      const out = await send(await copied(page, label));
      expect(requestsTo(kalshiMock, before), label).toEqual(['POST /trade-api/v2/api_keys 201']);
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
  await page.getByRole('textbox', { name: 'Relay URL', exact: true }).fill(kalshiRelay.url);
  await u.path.fill(`${kalshiMock.url}/trade-api/v2/portfolio/balance`);
  // A zero-width space, as a UUID copied from a web page or a chat can carry: curl would send it
  // (Kalshi: unknown key), and fetch() refuses it (the relay said "blocked: CORS or CSP").
  await u.kalshiKeyId.fill(`${kalshiMock.bootstrapKeyId}\u200b`);
  const refused = /key ID of .* hidden character: retype it/;
  await u.signRequest.click();
  await expect(u.alerts).toHaveText(refused);
  await expect(u.accessSignature).toHaveValue('');
  await page.getByRole('button', { name: 'Send through relay', exact: true }).click();
  await expect(u.alerts).toHaveText(refused);
  expect(kalshiMock.requests).toEqual([]);
  expect(kalshiRelay.lines.filter((line) => /^\d{4}-/.test(line))).toEqual([]);

  await u.kalshiKeyId.fill(kalshiMock.bootstrapKeyId);
  const { stdout } = await run('bash', ['-c', await copied(page, 'curl command')]);
  expect(JSON.parse(stdout)).toMatchObject({ balance: 123456 });
  watch.expectClean();
});
