// Key files as users have them on disk, through the file picker and drag-and-drop: Windows
// Notepad's "Unicode" (UTF-16 LE with BOM, CRLF), binary DER from `openssl ... -outform DER`, and
// a PKCS#12 bundle. Made here with openssl and iconv-equivalent Node code, never by the page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, kalshiMessage, openView, signRequest, test, ui, verifyWithNode } from './fixtures';

const KEY_ID = '3d0c9a52-1f7e-4b6a-8c2d-9e5f4a1b7c30';
let dir: string;
let pkcs1Pem: string;
let publicPem: string;
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kalshi-keys-files-'));
  const key = join(dir, 'kalshi.key');
  openssl('genrsa', '-traditional', '-out', key, '2048');
  pkcs1Pem = readFileSync(key, 'utf8');
  publicPem = openssl('pkey', '-in', key, '-pubout').toString();
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Notepad's "Save as… Encoding: Unicode": a UTF-16 LE byte-order mark, CRLF line ends. */
const notepadUnicode = (text: string) =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]);

/** Drops `bytes` as a file named `name` on the "Private key (PEM)" text area, as Explorer or Finder would. */
async function dropFile(page: Page, name: string, bytes: Buffer) {
  const dataTransfer = await page.evaluateHandle(
    ([name, data]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name));
      return transfer;
    },
    [name, [...bytes]] as const,
  );
  await ui(page).privateKeyPem.dispatchEvent('drop', { dataTransfer });
}

/** Presses "Import key": the key's page replaces the form, and the key text leaves the screen. */
async function importShown(page: Page) {
  const u = ui(page);
  await u.importKey.click();
  await expect(u.publicKeyPem).toBeVisible();
  await expect(u.privateKeyPem).toHaveCount(0);
}

async function expectImportedAndSigning(page: Page) {
  const u = ui(page);
  await expect.poll(async () => (await u.publicKeyPem.inputValue()).trim()).toBe(publicPem.trim());
  await u.kalshiKeyId.fill(KEY_ID);
  const path = '/trade-api/v2/portfolio/balance';
  const headers = await signRequest(page, { method: 'GET', path });
  expect(
    verifyWithNode(publicPem, kalshiMessage(headers.timestamp, 'GET', path), headers.signature),
  ).toBe(true);
  await openView(page, 'Keys');
  await expect(u.keyItems).toHaveCount(1);
}

test('a key file Notepad saved as "Unicode" (UTF-16 LE) imports from the file picker', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  await openView(page, 'Import a key');
  const u = ui(page);
  await page.getByLabel('Choose a key file…', { exact: true }).setInputFiles({
    name: 'kalshi.txt',
    mimeType: 'text/plain',
    buffer: notepadUnicode(pkcs1Pem),
  });
  await expect(u.privateKeyPem).toHaveValue(/^-----BEGIN RSA PRIVATE KEY-----/);
  await importShown(page);
  await expectImportedAndSigning(page);
  watch.expectClean();
});

test('a UTF-16 key file dropped on the text area imports', async ({ page, watch }) => {
  await page.goto('/');
  await openView(page, 'Import a key');
  const u = ui(page);
  await dropFile(page, 'kalshi.key', notepadUnicode(pkcs1Pem));
  await expect(u.privateKeyPem).toHaveValue(/^-----BEGIN RSA PRIVATE KEY-----/);
  await importShown(page);
  await expectImportedAndSigning(page);
  watch.expectClean();
});

test('a binary DER key (openssl -outform DER) dropped on the text area imports', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  await openView(page, 'Import a key');
  const u = ui(page);
  const der = openssl('rsa', '-in', join(dir, 'kalshi.key'), '-outform', 'DER', '-traditional');
  await dropFile(page, 'kalshi.der', der);
  await expect(u.privateKeyPem).toHaveValue(/^-----BEGIN RSA PRIVATE KEY-----/);
  await importShown(page);
  await expectImportedAndSigning(page);
  watch.expectClean();
});

test('a PKCS#12 (.p12) bundle from the file picker: the page says how to take the key out', async ({
  page,
}) => {
  await page.goto('/');
  await openView(page, 'Import a key');
  const u = ui(page);
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'kalshi.key');
  openssl('req', '-new', '-x509', '-key', key, '-subj', '/CN=bot', '-days', '1', '-out', cert);
  const p12 = openssl('pkcs12', '-export', '-inkey', key, '-in', cert, '-passout', 'pass:x');
  await page
    .getByLabel('Choose a key file…', { exact: true })
    .setInputFiles({ name: 'bot.p12', mimeType: 'application/x-pkcs12', buffer: p12 });
  await expect(u.alerts).toHaveText(
    /PKCS#12 bundle.*openssl pkcs12 -in "bot\.p12" -nocerts -nodes/,
  );
  await openView(page, 'Keys');
  await expect(u.keyItems).toHaveCount(0);
});
