// Issue 3, "Done when": import of a PKCS#1 key made by `openssl genrsa -traditional`; a bad PEM
// shows role="alert" and changes no stored key.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  expect,
  importPem,
  kalshiMessage,
  keyHeading,
  mintKey,
  openKey,
  openView,
  probeStoredKeys,
  signRequest,
  test,
  ui,
  verifyWithNode,
} from './fixtures';
import { nodeRsaKey } from '../helpers/keys';

const KEY_ID = '0f6e0c3b-7b7e-4a55-a2b6-44f1d9a0c7e2';
let dir: string;
let pkcs1Pem: string;
let opensslPublicPem: string;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kalshi-keys-import-'));
  // Kalshi's own downloads are PKCS#1 ("RSA PRIVATE KEY"), which WebCrypto cannot import as is.
  execFileSync('openssl', ['genrsa', '-traditional', '-out', join(dir, 'kalshi.key'), '2048'], {
    stdio: 'pipe',
  });
  execFileSync('openssl', [
    'pkey',
    '-in',
    join(dir, 'kalshi.key'),
    '-pubout',
    '-out',
    join(dir, 'kalshi.pub'),
  ]);
  pkcs1Pem = readFileSync(join(dir, 'kalshi.key'), 'utf8');
  opensslPublicPem = readFileSync(join(dir, 'kalshi.pub'), 'utf8');
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a PKCS#1 key from `openssl genrsa -traditional` imports, clears the text area and signs', async ({
  page,
  watch,
}) => {
  expect(pkcs1Pem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
  await page.goto('/');
  const u = ui(page);
  expect(await importPem(page, pkcs1Pem)).toEqual({ ok: true });
  // The key's page replaces the form: the private key text is nowhere on screen any more.
  await expect(u.privateKeyPem).toHaveCount(0);
  await expect(page.getByText(/PRIVATE KEY-----/)).toHaveCount(0);
  // The page derives the same public key as openssl.
  await expect
    .poll(async () => (await u.publicKeyPem.inputValue()).trim())
    .toBe(opensslPublicPem.trim());

  await u.kalshiKeyId.fill(KEY_ID);
  const path = '/trade-api/v2/api_keys';
  const headers = await signRequest(page, { method: 'GET', path });
  const message = kalshiMessage(headers.timestamp, 'GET', path);
  expect(headers.key).toBe(KEY_ID);
  expect(verifyWithNode(opensslPublicPem, message, headers.signature)).toBe(true);

  // And the openssl CLI agrees: RSA-PSS, SHA-256, salt 32.
  writeFileSync(join(dir, 'message.txt'), message);
  writeFileSync(join(dir, 'signature.bin'), Buffer.from(headers.signature, 'base64'));
  const out = execFileSync('openssl', [
    'dgst',
    '-sha256',
    '-sigopt',
    'rsa_padding_mode:pss',
    '-sigopt',
    'rsa_pss_saltlen:32',
    '-verify',
    join(dir, 'kalshi.pub'),
    '-signature',
    join(dir, 'signature.bin'),
    join(dir, 'message.txt'),
  ]).toString();
  expect(out.trim()).toBe('Verified OK');
  await openView(page, 'Keys');
  await expect(u.keyItems).toHaveCount(1);
  // Opened again, the import form is empty.
  await openView(page, 'Import a key');
  await expect(u.privateKeyPem).toHaveValue('');

  const probe = await probeStoredKeys(page);
  expect(probe.keys.map((k) => [k.extractable, k.exportRejected])).toEqual([[false, true]]);
  expect(probe.privateKeyText).toEqual([]);
  watch.expectClean();
});

test('a PKCS#8 key imports and signs', async ({ page }) => {
  const pair = nodeRsaKey();
  const pkcs8 = pair.pkcs8Pem;
  const publicPem = pair.publicPem;
  await page.goto('/');
  expect(await importPem(page, pkcs8)).toEqual({ ok: true });
  await ui(page).kalshiKeyId.fill(KEY_ID);
  const path = '/trade-api/v2/portfolio/positions?limit=10';
  const headers = await signRequest(page, { method: 'GET', path });
  expect(
    verifyWithNode(publicPem, kalshiMessage(headers.timestamp, 'GET', path), headers.signature),
  ).toBe(true);
});

test('a bad PEM shows an alert and changes no stored key', async ({ page, watch }) => {
  await page.goto('/');
  const u = ui(page);
  const pem = await mintKey(page, 'Kept key');
  await u.kalshiKeyId.fill(KEY_ID);
  await u.kalshiKeyId.press('Tab');
  await expect
    .poll(async () => (await probeStoredKeys(page)).keys.map((k) => k.kalshiKeyId))
    .toEqual([KEY_ID]);
  const before = await probeStoredKeys(page);
  await openView(page, 'Keys');
  const listBefore = await u.keyItems.allInnerTexts();

  // A public key where the private key belongs: the core's refusal, in role="alert".
  const publicInstead = await importPem(page, opensslPublicPem);
  expect(publicInstead.ok).toBe(false);
  await expect(u.alerts.first()).toBeVisible();
  await expect(u.alerts.first()).toContainText(/public key/i);

  const garbage = await importPem(
    page,
    '-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n',
  );
  expect(garbage.ok).toBe(false);

  expect(await probeStoredKeys(page)).toEqual(before);
  await openView(page, 'Keys');
  expect(await u.keyItems.allInnerTexts()).toEqual(listBefore);
  await openKey(page, 'Kept key');
  await expect(u.publicKeyPem).toHaveValue(pem);
  await expect(u.kalshiKeyId).toHaveValue(KEY_ID);
  await page.reload();
  await expect(keyHeading(page, 'Kept key')).toBeVisible();
  await openView(page, 'Keys');
  await expect(u.keyItems).toHaveCount(1);
  expect(await probeStoredKeys(page)).toEqual(before);

  expect(watch.pageErrors).toEqual([]);
  expect(watch.cspViolations).toEqual([]);
});
