// axe-core on the main views in every engine, and what each engine answers about keeping the
// keys (navigator.storage), with what the page tells the user about it.
import { createPublicKey } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ALERT, app, button, region, type View } from './app';
import { engineSuite } from './harness';

const s = engineSuite();

// axe scans the whole page: 2-4 s each on a quiet machine, more on a busy one.
const AXE_TIMEOUT = 180_000;
const VIEWS: View[] = ['home', 'new', 'import', 'sign', 'check', 'kalshi', 'settings'];

describe('9. accessibility', () => {
  test(
    "axe finds nothing on the views: each empty; a key's page, signed, an error, a dialog open",
    async () => {
      const { tab } = await s.open();
      const a = app(tab);
      const scans: Record<string, string[]> = {};
      for (const view of VIEWS) {
        await a.view(view);
        scans[`${view}, empty`] = await a.axeViolations();
      }

      await a.mint('Axe key');
      await a.setKalshiKeyId('Axe key', '7c9e6679-7425-40de-944b-e07fc1f90ae7');
      scans["a key's page"] = await a.axeViolations();
      await a.sign({ key: 'Axe key', method: 'GET', path: '/trade-api/v2/portfolio/balance' });
      scans['sign, signed'] = await a.axeViolations();
      await a.view('home');
      scans['home, with a key'] = await a.axeViolations();

      expect(await a.importKey({ pem: 'this is not a PEM', name: 'Broken' })).toMatchObject({
        ok: false,
      });
      expect(await tab.count(ALERT)).toBeGreaterThan(0);
      scans['import, with an error'] = await a.axeViolations();

      await a.keyPage('Axe key');
      await tab.click(button('Delete from this browser', region('Manage')));
      await tab.waitForCount({ role: 'dialog', name: 'Delete key “Axe key”?' });
      scans['the delete dialog open'] = await a.axeViolations();

      expect(scans).toEqual(Object.fromEntries(Object.keys(scans).map((name) => [name, []])));
      expect(Object.keys(scans)).toHaveLength(VIEWS.length + 5);
    },
    AXE_TIMEOUT,
  );
});

describe('keeping keys in this engine', () => {
  test('what navigator.storage answers here, and what the page says about it', async () => {
    const { tab } = await s.open();
    const a = app(tab);
    await a.mint('Kept key');
    await a.view('settings');
    const storage = await tab.evaluate(async () => {
      const manager = navigator.storage;
      if (!manager?.persisted) return 'no navigator.storage';
      return `persisted: ${await manager.persisted()}`;
    });
    const notice = { role: 'status', hasText: /Storage is persistent|may clear these keys/ };
    if (tab.engine === 'webkit') {
      // WebKitGTK has no StorageManager here: the page cannot know, and says nothing about it.
      expect(storage).toBe('no navigator.storage');
      expect(await tab.count(notice)).toBe(0);
      await tab.waitForText(
        { role: 'status', within: region('Where keys are kept') },
        'Keys are kept in this browser.',
      );
    } else {
      // Headless Chromium and Firefox grant no persistent storage, and the page says so.
      expect(storage).toBe('persisted: false');
      await tab.waitForText(
        notice,
        'The browser may clear these keys under storage pressure (no persistent storage granted): keep a backup.',
      );
    }
  });

  test("this engine's WebCrypto writes an RSA-PSS public key as rsaEncryption, as Kalshi wants it", async () => {
    // The page rebuilds the SPKI when an engine writes the RSASSA-PSS OID instead; none of the
    // three does (measured), so that path stays for other engines and is covered by unit tests.
    const { tab } = await s.open();
    const spki = await tab.evaluate(async () => {
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
      return [...new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey))];
    });
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
  });
});
