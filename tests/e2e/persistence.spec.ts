// Issue 3, "Done when": after a reload the key, its ID and fingerprint are still there and still
// sign; the stored private CryptoKey is non-extractable; a browser restart keeps the key.
import { createHash, createPublicKey } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
  expect,
  keyHeading,
  keyItem,
  kalshiMessage,
  mintKey,
  openKey,
  openView,
  probeStoredKeys,
  signRequest,
  test,
  ui,
  verifyWithNode,
} from './fixtures';

const KEY_ID = '5d3c3a0e-6d1f-4a8e-9f43-0c1b2a3d4e5f';
const BALANCE = '/trade-api/v2/portfolio/balance';

/** Waits until the key ID typed into the page is in IndexedDB, so a reload cannot race the write. */
async function expectKeyIdStored(page: Page, keyId: string) {
  await expect
    .poll(async () => (await probeStoredKeys(page)).keys.map((k) => k.kalshiKeyId))
    .toContain(keyId);
}

/** The fingerprint's digest must be SHA-256 of the SPKI DER, however the page encodes it. */
function expectFingerprintOf(publicPem: string, fingerprint: string) {
  const digest = createHash('sha256')
    .update(createPublicKey(publicPem).export({ type: 'spki', format: 'der' }))
    .digest();
  expect(fingerprint).toMatch(/^SHA256:/);
  const encoded = fingerprint.slice('SHA256:'.length).replace(/:/g, '');
  const candidates = [
    Buffer.from(encoded, 'base64'),
    Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64'),
    /^[0-9a-f]+$/i.test(encoded) ? Buffer.from(encoded, 'hex') : Buffer.alloc(0),
  ];
  expect(
    candidates.some((c) => c.equals(digest)),
    `${fingerprint} is SHA-256 of the SPKI`,
  ).toBe(true);
}

async function signAndVerify(page: Page, publicPem: string, keyId: string) {
  const headers = await signRequest(page, { method: 'GET', path: BALANCE });
  expect(headers.key).toBe(keyId);
  expect(
    verifyWithNode(publicPem, kalshiMessage(headers.timestamp, 'GET', BALANCE), headers.signature),
  ).toBe(true);
}

test('after a reload the key, its Kalshi key ID and fingerprint are still there and still sign', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  const pem = await mintKey(page, 'Desk key');
  await u.kalshiKeyId.fill(KEY_ID);
  await u.kalshiKeyId.press('Tab');
  await expectKeyIdStored(page, KEY_ID);

  const [stored] = (await probeStoredKeys(page)).keys;
  const fingerprint = String(stored.fingerprint);
  expectFingerprintOf(pem, fingerprint);
  // The key's page shows it under the name.
  const keyPage = page.getByRole('region', { name: 'Desk key', exact: true });
  await expect(keyPage).toContainText(fingerprint);

  // Stored keys survive the reload, so the browser doesn't ask first (it does for memory-only keys).
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(dialogs).toEqual([]);
  // The reload stays on the key's page (its address), which still has everything.
  await expect(keyHeading(page, 'Desk key')).toBeVisible();
  await expect(keyPage).toContainText(fingerprint);
  await expect(u.publicKeyPem).toHaveValue(pem);
  await expect(u.kalshiKeyId).toHaveValue(KEY_ID);
  await signAndVerify(page, pem, KEY_ID);
  await openView(page, 'Keys');
  await expect(u.keyItems).toHaveCount(1);
  await expect(keyItem(page, 'Desk key')).toHaveCount(1);

  watch.expectClean();
});

test('the stored private CryptoKey is non-extractable after a reload, and no private key is stored as text', async ({
  page,
}) => {
  await page.goto('/');
  await mintKey(page, 'Locked key');
  await page.reload();
  await openView(page, 'Keys');
  await expect(ui(page).keyItems).toHaveCount(1);

  const probe = await probeStoredKeys(page);
  expect(probe.keys).toHaveLength(1);
  const [key] = probe.keys;
  expect(key.name).toBe('Locked key');
  expect(key.privateKeyType).toBe('private');
  expect(key.extractable).toBe(false);
  expect(key.exportErrors).toEqual(['pkcs8: InvalidAccessError', 'jwk: InvalidAccessError']);
  expect(key.exportRejected).toBe(true);
  expect(probe.privateKeyText).toEqual([]);
});

test('a browser restart with the same profile keeps the key, its ID, and it still signs', async ({
  launchPersistent,
}, testInfo) => {
  const profile = testInfo.outputPath('profile');

  const first = await launchPersistent(profile);
  const page1 = first.pages()[0] ?? (await first.newPage());
  await page1.goto('/');
  const pem = await mintKey(page1, 'Restart key');
  await ui(page1).kalshiKeyId.fill(KEY_ID);
  await ui(page1).kalshiKeyId.press('Tab');
  await expectKeyIdStored(page1, KEY_ID);
  await first.close();

  const second = await launchPersistent(profile);
  const page2 = second.pages()[0] ?? (await second.newPage());
  await page2.goto('/');
  await expect(keyItem(page2, 'Restart key')).toHaveCount(1);
  await openKey(page2, 'Restart key');
  await expect(ui(page2).kalshiKeyId).toHaveValue(KEY_ID);
  await signAndVerify(page2, pem, KEY_ID);
});

test('a key stored by the previous version (database version 1) is still listed, selected and signs', async ({
  page,
}) => {
  // A blank page of the same origin writes the version 1 database before the app ever runs.
  await page.route('**/v1-writer.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>v1</title>' }),
  );
  await page.goto('/v1-writer.html');
  const publicPem = await page.evaluate(async (keyId) => {
    const pair = await crypto.subtle.generateKey(
      {
        name: 'RSA-PSS',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      false,
      ['sign', 'verify'],
    );
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const b64 = btoa(String.fromCharCode(...spki)).replace(/.{64}/g, '$&\n');
    const publicKeyPem = `-----BEGIN PUBLIC KEY-----\n${b64}\n-----END PUBLIC KEY-----\n`;
    const record = {
      id: 'v1-key',
      name: 'Version 1 key',
      createdAt: 1,
      environment: 'demo',
      kalshiKeyId: keyId,
      fingerprint: 'SHA256:from-version-1',
      publicKeyPem,
      privateKey: pair.privateKey,
      publicKey: pair.publicKey,
    };
    const open = indexedDB.open('kalshi-keys', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('keys').put(record, record.id);
      open.result.createObjectStore('settings');
    };
    await new Promise((resolve, reject) => {
      open.onsuccess = () => {
        open.result.close();
        resolve(undefined);
      };
      open.onerror = () => reject(open.error);
    });
    return publicKeyPem;
  }, KEY_ID);

  await page.goto('/');
  const u = ui(page);
  await expect(keyItem(page, 'Version 1 key')).toHaveCount(1);
  // The only key: the Sign view starts with it.
  await openView(page, 'Sign a request');
  await expect(u.signingKey.locator('option:checked')).toHaveText('Version 1 key');
  await openKey(page, 'Version 1 key');
  await expect(u.publicKeyPem).toHaveValue(publicPem);
  await expect(u.kalshiKeyId).toHaveValue(KEY_ID);
  await signAndVerify(page, publicPem, KEY_ID);
  const [stored] = (await probeStoredKeys(page)).keys;
  expect(stored).toMatchObject({ name: 'Version 1 key', extractable: false, exportRejected: true });
});
