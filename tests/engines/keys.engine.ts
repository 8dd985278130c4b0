// Keys in every engine: mint, reload, a second tab; sign GET and POST (node:crypto verifies, the
// copied curl command gets 200 from the Kalshi mock); import Kalshi's PKCS#1 file, a DER file and
// openssl-encrypted PKCS#8 keys; an encrypted backup that openssl and the bot's Python program
// open; the public key's QR code read back by ZBar.
import { execFile, execFileSync } from 'node:child_process';
import { createPublicKey, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  makeKey,
  makeTempDir,
  openssl,
  opensslBytes,
  opensslPublicPem,
  type TempDir,
} from '../helpers/openssl';
import { ALERT, app, button, kalshiMessage, keyItem, region, textbox, verifyWithNode } from './app';
import { waitFor } from './driver';
import { engineSuite } from './harness';
import { registerOnMock, runAgainstMock, startMock, type Mock } from './kalshi';

const s = engineSuite();
let dir: TempDir;
let mock: Mock;
beforeAll(async () => {
  dir = makeTempDir('kalshi-keys-engines-');
  mock = await startMock();
});
afterAll(async () => {
  dir.cleanup();
  await mock.close();
});
afterEach(() => {
  mock.requests.length = 0;
});

const spki = (pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'der' });

describe('1. mint', () => {
  test('the key and its public key survive a reload; every stored private key is non-extractable', async () => {
    const { tab } = await s.open();
    const a = app(tab);
    const first = await a.mint('Laptop key');
    const second = await a.mint('Server key');
    expect(createPublicKey(first).asymmetricKeyDetails).toMatchObject({
      modulusLength: 2048,
      publicExponent: 65537n,
    });
    expect(first).not.toBe(second);

    await tab.reload();
    expect((await a.storedKeyNames()).sort()).toEqual(['Laptop key', 'Server key']);
    expect(await a.publicKey('Laptop key')).toBe(first);
    expect(await a.publicKey('Server key')).toBe(second);

    const probe = await a.probeStoredKeys();
    expect(probe.privateKeyText).toEqual([]);
    expect(probe.keys.map((k) => k.name).sort()).toEqual(['Laptop key', 'Server key']);
    for (const key of probe.keys)
      expect(key).toMatchObject({ type: 'private', extractable: false, exportRejected: true });
  });

  test('a second tab sees a new key without a reload', async () => {
    const { tab, profile } = await s.open();
    const other = await profile.newTab();
    await app(other).view('home');
    await app(tab).mint('Minted in tab one');
    await other.waitForCount(keyItem('Minted in tab one'));
    expect(await app(other).storedKeyNames()).toEqual(['Minted in tab one']);
  });
});

describe('2. sign', () => {
  test('GET and POST: node:crypto verifies each; the copied curl command gets 200 from the mock', async () => {
    const { tab } = await s.open();
    const a = app(tab);
    const pem = await a.mint('Bot key');
    const keyId = randomUUID();
    await a.setKalshiKeyId('Bot key', keyId);
    registerOnMock(mock, keyId, 'Bot key', pem);

    const path = '/trade-api/v2/portfolio/balance?subaccount=0';
    const get = await a.sign({ key: 'Bot key', method: 'GET', path, environment: 'Demo' });
    expect(get.key).toBe(keyId);
    expect(get.timestamp).toMatch(/^\d{13}$/);
    expect(Math.abs(Number(get.timestamp) - Date.now())).toBeLessThan(60_000);
    expect(verifyWithNode(pem, kalshiMessage(get.timestamp, 'GET', path), get.signature)).toBe(
      true,
    );
    // Control: the query is not signed.
    expect(verifyWithNode(pem, `${get.timestamp}GET${path}`, get.signature)).toBe(false);

    // "Copy curl command" signs afresh; what it copies is what the box then shows.
    const sign = region('Sign a request');
    await tab.click(button('Copy curl command', sign));
    if (tab.engine === 'webkit') {
      // MiniBrowser under WebDriver refuses navigator.clipboard.writeText even on a real click:
      // the page says so, and selects the whole command for Ctrl+C.
      await tab.waitForText(ALERT, 'The browser did not allow copying. The text is selected');
      expect(
        await tab.evaluate(() => {
          const box = document.activeElement as HTMLTextAreaElement;
          return (
            box.value.length > 0 &&
            box.selectionStart === 0 &&
            box.selectionEnd === box.value.length &&
            box.labels?.[0]?.textContent
          );
        }),
      ).toBe('curl command');
    } else {
      await tab.waitForText({ role: 'status', within: sign }, 'Copied, signed just now');
    }
    const curl = await tab.value('curl command');
    expect(curl).not.toBe(get.curl);
    const output = await runAgainstMock(`${curl} -sS -w '\\n%{http_code}'`, mock);
    expect(output).toMatch(/"balance":\s*123456[\s\S]*\n200$/);
    expect(mock.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/trade-api/v2/portfolio/balance?subaccount=0',
      status: 200,
    });

    const body = JSON.stringify({ ticker: 'KXTEST-26', action: 'buy', side: 'yes', count: 1 });
    const orders = '/trade-api/v2/portfolio/orders';
    const post = await a.sign({ key: 'Bot key', method: 'POST', path: orders, body });
    expect(verifyWithNode(pem, kalshiMessage(post.timestamp, 'POST', orders), post.signature)).toBe(
      true,
    );
    expect(
      verifyWithNode(pem, kalshiMessage(post.timestamp, 'POST', orders) + body, post.signature),
    ).toBe(false);
    expect(post.curl).toContain('KXTEST-26');
    expect(post.curl).toMatch(/Content-Type: application\/json/i);
  });
});

describe('3. import', () => {
  /** Signs with the imported key and checks it with the key file's own public key. */
  async function expectSigns(a: ReturnType<typeof app>, name: string, publicPem: string) {
    expect(spki(await a.publicKey(name))).toEqual(spki(publicPem));
    await a.setKalshiKeyId(name, randomUUID());
    const path = '/trade-api/v2/portfolio/positions';
    const signed = await a.sign({ key: name, method: 'GET', path });
    expect(
      verifyWithNode(publicPem, kalshiMessage(signed.timestamp, 'GET', path), signed.signature),
    ).toBe(true);
  }

  test("Kalshi's PKCS#1 file (file picker) and a PKCS#8 DER file (dropped) import and sign", async () => {
    const { tab } = await s.open();
    const a = app(tab);
    await a.view('import');
    const kalshi = makeKey(dir, 'rsa-pkcs1');
    await tab.setFiles('Choose a key file…', [
      { name: 'kalshi.key', bytes: readFileSync(kalshi.path) },
    ]);
    await tab.waitForValue('Private key (PEM)', /^-----BEGIN RSA PRIVATE KEY-----/);
    expect(await a.importKey({ name: 'From Kalshi' })).toEqual({ ok: true });
    await expectSigns(a, 'From Kalshi', opensslPublicPem(kalshi.path));

    const pkcs8 = makeKey(dir, 'rsa-pkcs8');
    const der = opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-in', pkcs8.path, '-outform', 'DER']);
    // PrivateKeyInfo (PKCS#8): version 0, then the rsaEncryption AlgorithmIdentifier.
    expect(openssl(['asn1parse', '-inform', 'DER'], der)).toMatch(
      /INTEGER\s+:00\n.*\n.*:rsaEncryption/,
    );
    await a.view('import');
    await tab.dropFiles(textbox('Private key (PEM)'), [{ name: 'bot.der', bytes: der }]);
    await tab.waitForValue('Private key (PEM)', /^-----BEGIN PRIVATE KEY-----/);
    expect(await a.importKey({ name: 'From DER' })).toEqual({ ok: true });
    await expectSigns(a, 'From DER', opensslPublicPem(pkcs8.path));
    expect((await a.probeStoredKeys()).keys.map((k) => k.exportRejected)).toEqual([true, true]);
  });

  test('openssl-encrypted PKCS#8 (PBKDF2-SHA256 and PBKDF2-SHA1) with the passphrase; a wrong passphrase stores nothing', async () => {
    const { tab } = await s.open();
    const a = app(tab);
    const passphrase = 'Grüße, bot 🔑';
    const encrypt = (prf: string) => {
      const plain = makeKey(dir, 'rsa-pkcs8');
      const out = dir.file(`encrypted-${prf}.pem`);
      openssl([
        'pkcs8',
        '-topk8',
        '-v2',
        'aes-256-cbc',
        '-v2prf',
        prf,
        '-iter',
        '100000',
        '-in',
        plain.path,
        '-passout',
        `pass:${passphrase}`,
        '-out',
        out,
      ]);
      expect(openssl(['asn1parse', '-in', out])).toMatch(new RegExp(`:${prf}|PBKDF2`));
      return { pem: readFileSync(out, 'utf8'), publicPem: opensslPublicPem(plain.path) };
    };
    const sha256 = encrypt('hmacWithSHA256');
    const sha1 = encrypt('hmacWithSHA1');

    // Wrong passphrase first: nothing stored, the field cleared, the reason given.
    await a.view('import');
    await tab.fill('Private key (PEM)', sha256.pem);
    await tab.waitForCount(textbox('Passphrase'));
    const refused = await a.importKey({ name: 'Wrong', passphrase: 'not it' });
    expect(refused.ok).toBe(false);
    expect(refused).toMatchObject({
      alert: expect.stringMatching(/passphrase does not open this key: nothing was imported/),
    });
    expect(await tab.value('Passphrase')).toBe('');
    expect(await a.storedKeyNames()).toEqual([]);
    expect((await a.probeStoredKeys()).keys).toEqual([]);

    for (const [name, key] of [
      ['SHA-256 key', sha256],
      ['SHA-1 key', sha1],
    ] as const) {
      await a.view('import');
      await tab.fill('Private key (PEM)', key.pem);
      await tab.waitForCount(textbox('Passphrase'));
      expect(await a.importKey({ name, passphrase })).toEqual({ ok: true });
      await expectSigns(a, name, key.publicPem);
    }
    const probe = await a.probeStoredKeys();
    expect(probe.privateKeyText).toEqual([]);
    expect(probe.keys.map((k) => [k.name, k.exportRejected]).sort()).toEqual([
      ['SHA-1 key', true],
      ['SHA-256 key', true],
    ]);
  });
});

describe('4. backup', () => {
  test('the encrypted backup made at minting opens with openssl pkey -passin; the Python program signs with it against the mock', async () => {
    const { tab } = await s.open();
    const a = app(tab);
    const passphrase = 'correct horse battery staple';
    await a.view('new');
    await watchDownloads(tab);
    await tab.check({ role: 'radio', name: 'Encrypted backup' });
    await tab.fill('Backup passphrase', passphrase);
    await tab.fill('Repeat backup passphrase', passphrase);
    const publicPem = await a.mint('Backed up');
    const [file] = await waitFor(
      async () => {
        const files = await offeredDownloads(tab);
        return files.length > 0 && files.every((f) => f.text !== null) && files;
      },
      { message: 'the backup file to be offered' },
    );
    expect(file!.name).toBe('backed-up-private-pkcs8-encrypted.pem');
    expect(file!.text).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const path = dir.write(file!.name, file!.text!);
    expect(openssl(['pkey', '-in', path, '-passin', `pass:${passphrase}`, '-pubout'])).toBe(
      publicPem,
    );

    const keyId = randomUUID();
    registerOnMock(mock, keyId, 'Backed up', publicPem);
    await a.setKalshiKeyId('Backed up', keyId);
    const bot = region('Use this key in your bot');
    const python = await tab.waitForValue(textbox('Python program', bot), new RegExp(keyId));
    expect(python).toContain(file!.name);
    expect(python).not.toContain(passphrase);
    const { stdout } = await promisify(execFile)('python3', [dir.write('bot.py', python)], {
      cwd: dir.path,
      env: { ...process.env, KALSHI_KEY_PASSPHRASE: passphrase, KALSHI_API_BASE: mock.url },
    });
    expect(JSON.parse(stdout)).toMatchObject({ balance: 123456 });
    expect(mock.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /trade-api/v2/portfolio/balance 200',
    ]);
    expect(mock.requests[0]!.headers['kalshi-access-key']).toBe(keyId);
  });
});

// Only QR codes, read as bytes: with every symbology on, ZBar once read a 1D barcode out of the
// QR code's modules in a Firefox screenshot and printed its digits instead of the PEM.
const QR_ONLY = ['-Sdisable', '-Sqrcode.enable', '-Sbinary'];

describe('6. QR code', () => {
  test('"Show as QR code" decodes (zbarimg) to the exact PEM', async () => {
    const zbarimg = process.env.ZBARIMG_PATH || '/usr/bin/zbarimg';
    expect(existsSync(zbarimg), `${zbarimg} missing: install zbar-tools (npm test does)`).toBe(
      true,
    );
    const { tab } = await s.open();
    const a = app(tab);
    const pem = await a.mint('QR key');
    await tab.click(button('Show as QR code'));
    const image = { role: 'img', name: 'QR code of the public key' };
    await tab.waitForCount(image);
    await tab.evaluate(async () => {
      const img = document.querySelector<HTMLImageElement>('img[alt="QR code of the public key"]');
      await img?.decode();
    });
    // As a phone does: look again if the first frame does not read (a frame taken mid-paint).
    let decoded = '';
    for (let look = 0; look < 3 && decoded !== pem; look++) {
      const png = dir.write(`qr-${randomUUID()}.png`, await tab.screenshot(image));
      try {
        decoded = execFileSync(zbarimg, ['--quiet', '--raw', ...QR_ONLY, png]).toString('latin1');
      } catch (error) {
        // Exit status 4: ZBar found no code in the image.
        if ((error as { status?: number }).status !== 4) throw error;
        decoded = '(no QR code found)';
      }
    }
    expect(decoded).toBe(pem);
    expect(await tab.count(ALERT)).toBe(0);
  });
});

interface Offered {
  name: string;
  text: string | null;
}

/**
 * Watches the files the page offers for download: the page saves a file by clicking a
 * <a download> whose href is a blob: URL made by URL.createObjectURL. The CSP forbids fetching
 * blob: URLs, so the blobs are noted as they are made (the page's call goes on unchanged) and read
 * when a download link naming one is added. This reads what the browser is given to save; saving
 * it is the engine's download manager (Playwright's Chromium suite checks the saved file).
 */
async function watchDownloads(tab: Parameters<typeof app>[0]) {
  await tab.evaluate(() => {
    const w = window as unknown as { __offered?: Offered[] };
    if (w.__offered) return;
    const offered: Offered[] = (w.__offered = []);
    const blobs = new Map<string, Blob>();
    const create = URL.createObjectURL;
    URL.createObjectURL = (object: Blob | MediaSource) => {
      const url = create.call(URL, object);
      if (object instanceof Blob) blobs.set(url, object);
      return url;
    };
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes)
          if (node instanceof HTMLAnchorElement && node.download) {
            const entry: Offered = { name: node.download, text: null };
            offered.push(entry);
            void blobs
              .get(node.href)
              ?.text()
              .then((text) => (entry.text = text));
          }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

const offeredDownloads = (tab: Parameters<typeof app>[0]) =>
  tab.evaluate(() => (window as unknown as { __offered: Offered[] }).__offered);
