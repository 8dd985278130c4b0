// Every signature here is made by node:crypto (or the openssl CLI), never by our own signer, so a
// bug shared by signing.ts and diagnose.ts cannot hide.
import { constants, sign, type KeyObject } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseSignature, type DiagnoseInput } from '../../src/core/diagnose';
import { KeyFormatError, RequestFormatError } from '../../src/core/errors';
import { nodeRsaKey } from '../helpers/keys';

const { privateKey, publicKey, publicPem: publicKeyPem } = nodeRsaKey();
const other = nodeRsaKey();

const TS = '1703123456789';
const NOW = Number(TS) + 1500;
const PATH = '/trade-api/v2/portfolio/orders';
const QUERY = '?status=resting&limit=5';
const HOST = 'https://external-api.kalshi.com';
const RIGHT = `${TS}GET${PATH}`;

function pss(message: string, saltLength = 32, key: KeyObject = privateKey): string {
  return sign('sha256', Buffer.from(message, 'utf8'), {
    key,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength,
  }).toString('base64');
}

function pkcs1v15(message: string): string {
  return sign('sha256', Buffer.from(message, 'utf8'), {
    key: privateKey,
    padding: constants.RSA_PKCS1_PADDING,
  }).toString('base64');
}

function input(signature: string, overrides: Partial<DiagnoseInput> = {}): DiagnoseInput {
  return {
    publicKeyPem,
    method: 'GET',
    path: PATH + QUERY,
    timestamp: TS,
    signature,
    now: NOW,
    ...overrides,
  };
}

describe('diagnoseSignature: one mistake at a time', () => {
  it('ok: RSA-PSS, salt 32, timestamp + METHOD + path without query, fresh timestamp', async () => {
    const result = await diagnoseSignature(input(pss(RIGHT)));
    expect(result.code).toBe('ok');
    expect(result.signedMessage).toBe(RIGHT);
    expect(result.expectedMessage).toBe(RIGHT);
    expect(result).toMatchObject({ padding: 'RSA-PSS', saltLength: 32, mistakes: [] });
  });

  it('ok: a signature made by the openssl CLI with the PKCS#1 public key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doctor-'));
    try {
      writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
      writeFileSync(join(dir, 'msg'), RIGHT);
      const signature = execFileSync('openssl', [
        'dgst',
        '-sha256',
        '-sign',
        join(dir, 'key.pem'),
        '-sigopt',
        'rsa_padding_mode:pss',
        '-sigopt',
        'rsa_pss_saltlen:32',
        join(dir, 'msg'),
      ]).toString('base64');
      const pkcs1Pem = publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
      const result = await diagnoseSignature(input(signature, { publicKeyPem: pkcs1Pem }));
      expect(result.code).toBe('ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stale-timestamp: verifies, but the timestamp is minutes old, and says how far', async () => {
    const result = await diagnoseSignature(
      input(pss(RIGHT), { now: Number(TS) + 5 * 60_000 + 3000 }),
    );
    expect(result.code).toBe('stale-timestamp');
    expect(result.message).toContain('5 min 3 s old');
    expect(result.message).toContain('if the request was sent at once');
    expect(result.message).toContain('few seconds');
  });

  it('stale-timestamp: a timestamp in the future', async () => {
    const result = await diagnoseSignature(input(pss(RIGHT), { now: Number(TS) - 3 * 3600_000 }));
    expect(result.code).toBe('stale-timestamp');
    expect(result.message).toContain('3 hours in the future');
  });

  it('stays ok at exactly 10 s of skew', async () => {
    const result = await diagnoseSignature(input(pss(RIGHT), { now: Number(TS) + 10_000 }));
    expect(result.code).toBe('ok');
  });

  it('query-signed: the query string is in the signed path', async () => {
    const result = await diagnoseSignature(input(pss(`${TS}GET${PATH}${QUERY}`)));
    expect(result.code).toBe('query-signed');
    expect(result.signedMessage).toBe(`${TS}GET${PATH}${QUERY}`);
    expect(result.expectedMessage).toBe(RIGHT);
    expect(result.message).toContain(QUERY);
  });

  it('prefix-missing: /trade-api/v2 left out', async () => {
    const result = await diagnoseSignature(input(pss(`${TS}GET/portfolio/orders`)));
    expect(result.code).toBe('prefix-missing');
    expect(result.message).toContain('/trade-api/v2');
  });

  it('full-url-signed: a Kalshi host tried when only a path was given', async () => {
    const result = await diagnoseSignature(input(pss(`${TS}GET${HOST}${PATH}`)));
    expect(result.code).toBe('full-url-signed');
    expect(result.message).toContain(HOST);
  });

  it('full-url-signed: the legacy demo host', async () => {
    const result = await diagnoseSignature(input(pss(`${TS}GEThttps://demo-api.kalshi.co${PATH}`)));
    expect(result.code).toBe('full-url-signed');
  });

  it('full-url-signed: the given URL, for the WebSocket path and host', async () => {
    const url = 'wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2';
    const result = await diagnoseSignature(input(pss(`${TS}GET${url}`), { path: url }));
    expect(result.code).toBe('full-url-signed');
    expect(result.expectedMessage).toBe(`${TS}GET/trade-api/ws/v2`);
  });

  it('body-signed: the body appended to the message', async () => {
    const body = '{"ticker":"KXBTC","side":"yes","count":1}';
    const result = await diagnoseSignature(
      input(pss(`${TS}POST${PATH}${body}`), { method: 'POST', path: PATH, body }),
    );
    expect(result.code).toBe('body-signed');
    expect(result.signedMessage).toBe(`${TS}POST${PATH}${body}`);
  });

  it('method-case: the method signed in lower case', async () => {
    const result = await diagnoseSignature(input(pss(`${TS}get${PATH}`)));
    expect(result.code).toBe('method-case');
    expect(result.message).toContain('"GET"');
  });

  it.each([0, 20, 64, 222])('salt-length: RSA-PSS with a %i-byte salt', async (saltLength) => {
    const result = await diagnoseSignature(input(pss(RIGHT, saltLength)));
    expect(result.code).toBe('salt-length');
    expect(result.saltLength).toBe(saltLength);
    expect(result.message).toContain(`${saltLength}-byte salt`);
  });

  it('pkcs1v15: RSASSA-PKCS1-v1_5 over the right message', async () => {
    const result = await diagnoseSignature(input(pkcs1v15(RIGHT)));
    expect(result.code).toBe('pkcs1v15');
    expect(result.padding).toBe('RSASSA-PKCS1-v1_5');
    expect(result.signedMessage).toBe(RIGHT);
  });

  it('wrong-key: another key made the signature', async () => {
    const result = await diagnoseSignature(input(pss(RIGHT, 32, other.privateKey)));
    expect(result.code).toBe('wrong-key');
    expect(result.signedMessage).toBeUndefined();
    expect(result.message).toContain('KALSHI-ACCESS-KEY');
  });

  it('wrong-key: this key, but a string no known mistake explains, says the key is right', async () => {
    const result = await diagnoseSignature(input(pss(`${Number(TS) - 1}GET${PATH}`)));
    expect(result.code).toBe('wrong-key');
    expect(result.message).toContain('almost certainly made the signature');
  });
});

describe('diagnoseSignature: other modulus sizes', () => {
  // 2049 bits: modBits - 1 is a multiple of 8, so the PSS encoding is one byte shorter than the
  // signature (RFC 8017 9.1.2), the edge case of the decoder.
  it.each([2049, 3072])('%i-bit key: ok, and the maximum salt is named', async (modulusLength) => {
    const pair = nodeRsaKey(modulusLength);
    const pem = pair.publicPem;
    const maxSalt = Math.ceil((modulusLength - 1) / 8) - 34;
    const ok = await diagnoseSignature(
      input(pss(RIGHT, 32, pair.privateKey), { publicKeyPem: pem }),
    );
    expect(ok.code).toBe('ok');
    const max = await diagnoseSignature(
      input(pss(RIGHT, maxSalt, pair.privateKey), { publicKeyPem: pem }),
    );
    expect(max).toMatchObject({ code: 'salt-length', saltLength: maxSalt });
    expect(max.message).toContain('maximum');
  });
});

describe('diagnoseSignature: bad-encoding', () => {
  const good = pss(RIGHT);
  it.each([
    ['not base64 at all', 'this is not a signature!'],
    ['cut off', good.slice(0, 200)],
    ['hex', Buffer.from(good, 'base64').toString('hex')],
    ['missing padding', good.replace(/=+$/, '')],
    ['wrapped at 76 characters', good.slice(0, 76) + '\n' + good.slice(76)],
    ['made by a 4096-bit key', pss(RIGHT, 32, nodeRsaKey(4096).privateKey)],
  ])('%s', async (_name, signature) => {
    const result = await diagnoseSignature(input(signature));
    expect(result.code).toBe('bad-encoding');
    expect(result.expectedMessage).toBe(RIGHT);
  });

  it('base64url alphabet', async () => {
    let signature = pss(RIGHT);
    // PSS is randomized: re-sign until the standard encoding has a character base64url changes.
    while (!/[+/]/.test(signature)) signature = pss(RIGHT);
    const result = await diagnoseSignature(
      input(signature.replace(/\+/g, '-').replace(/\//g, '_')),
    );
    expect(result.code).toBe('bad-encoding');
    expect(result.message).toContain('base64url');
  });
});

describe('diagnoseSignature: order when two findings apply', () => {
  it('bad-encoding comes before timestamp-seconds', async () => {
    const result = await diagnoseSignature(input('abc', { timestamp: '1703123456' }));
    expect(result.code).toBe('bad-encoding');
  });

  it('timestamp-seconds comes before verification, and still names the query', async () => {
    const seconds = '1703123456';
    const result = await diagnoseSignature(
      input(pss(`${seconds}GET${PATH}${QUERY}`), { timestamp: seconds }),
    );
    expect(result.code).toBe('timestamp-seconds');
    expect(result.mistakes).toEqual(['timestamp-seconds', 'query-signed']);
    expect(result.message).toContain('milliseconds');
    expect(result.message).toContain(QUERY);
  });

  it('timestamp-seconds with an otherwise correct signature', async () => {
    const seconds = '1703123456';
    const result = await diagnoseSignature(
      input(pss(`${seconds}GET${PATH}`), { timestamp: seconds, now: Number(seconds) }),
    );
    expect(result.code).toBe('timestamp-seconds');
  });

  it('query signed with the maximum salt: both are named, not wrong-key', async () => {
    const result = await diagnoseSignature(input(pss(`${TS}GET${PATH}${QUERY}`, 222)));
    expect(result.code).toBe('query-signed');
    expect(result.mistakes).toEqual(['query-signed', 'salt-length']);
    expect(result.message).toContain(QUERY);
    expect(result.message).toContain('222-byte salt');
  });

  it('full URL with its query: query-signed first, host named too', async () => {
    const url = `${HOST}${PATH}${QUERY}`;
    const result = await diagnoseSignature(input(pss(`${TS}GET${url}`), { path: url }));
    expect(result.code).toBe('query-signed');
    expect(result.mistakes).toEqual(['query-signed', 'full-url-signed']);
  });

  it('body signed with PKCS#1 v1.5 and lower-case method: three mistakes in order', async () => {
    const result = await diagnoseSignature(
      input(
        sign('sha256', Buffer.from(`${TS}post${PATH}{}`), {
          key: privateKey,
          padding: constants.RSA_PKCS1_PADDING,
        }).toString('base64'),
        { method: 'POST', path: PATH, body: '{}' },
      ),
    );
    expect(result.code).toBe('body-signed');
    expect(result.mistakes).toEqual(['body-signed', 'method-case', 'pkcs1v15']);
  });

  it('a mistake and a stale timestamp: the mistake first, the staleness mentioned', async () => {
    const result = await diagnoseSignature(
      input(pss(`${TS}GET/portfolio/orders`), { now: Number(TS) + 120_000 }),
    );
    expect(result.code).toBe('prefix-missing');
    expect(result.message).toContain('2 min 0 s old');
  });
});

describe('diagnoseSignature: input errors', () => {
  it.each(['abc', '17031234567.89', ''])(
    'timestamp %j is a RequestFormatError',
    async (timestamp) => {
      const error = await diagnoseSignature(input(pss(RIGHT), { timestamp })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RequestFormatError);
      expect(error).toMatchObject({ code: 'invalid-timestamp' });
    },
  );

  it('a pasted private key is a KeyFormatError private-key', async () => {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const error = await diagnoseSignature(input(pss(RIGHT), { publicKeyPem: pem })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KeyFormatError);
    expect(error).toMatchObject({ code: 'private-key' });
  });

  it('text without a PEM is a KeyFormatError', async () => {
    await expect(
      diagnoseSignature(input(pss(RIGHT), { publicKeyPem: 'hello' })),
    ).rejects.toBeInstanceOf(KeyFormatError);
  });

  it('an empty signature is a RequestFormatError', async () => {
    await expect(diagnoseSignature(input('  '))).rejects.toMatchObject({ code: 'empty-signature' });
  });
});
