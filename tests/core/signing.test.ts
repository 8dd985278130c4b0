// The string Kalshi signs, and signatures checked by node:crypto and the openssl CLI.
import { constants, sign as nodeSign } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { RequestFormatError, type RequestFormatErrorCode } from '../../src/core/errors';
import { exportPublicKeyPem, generateKeyPair } from '../../src/core/keys';
import { importPrivateKeyPem, importPublicKeyPem } from '../../src/core/key-files';
import {
  canonicalPath,
  signMessages,
  signRequest,
  signingMessage,
  verifySignature,
} from '../../src/core/signing';
import { bytesToBase64 } from '../../src/core/base64';
import { makeKey, nodeVerifyPss, opensslSignPss, opensslVerifyPss } from '../helpers/openssl';
import { opensslKeyForFile } from '../helpers/openssl-key';

const KEY_ID = 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c';
const kalshiKey = opensslKeyForFile('rsa-pkcs1');
let pair: CryptoKeyPair;

beforeAll(async () => {
  pair = await importPrivateKeyPem(kalshiKey.pem);
});

describe('canonicalPath', () => {
  const accepted: Array<[string, string]> = [
    ['/trade-api/v2/portfolio/balance', '/trade-api/v2/portfolio/balance'],
    ['/trade-api/v2/portfolio/orders?status=resting&limit=5', '/trade-api/v2/portfolio/orders'],
    ['/trade-api/v2/markets#top', '/trade-api/v2/markets'],
    ['/trade-api/v2/markets?cursor=abc#frag', '/trade-api/v2/markets'],
    [
      'https://external-api.kalshi.com/trade-api/v2/portfolio/balance',
      '/trade-api/v2/portfolio/balance',
    ],
    [
      'https://api.elections.kalshi.com/trade-api/v2/portfolio/orders?status=resting',
      '/trade-api/v2/portfolio/orders',
    ],
    ['HTTPS://demo-api.kalshi.co:443/trade-api/v2/api_keys', '/trade-api/v2/api_keys'],
    ['http://127.0.0.1:8787/trade-api/v2/exchange/status', '/trade-api/v2/exchange/status'],
    ['wss://external-api-ws.kalshi.com/trade-api/ws/v2', '/trade-api/ws/v2'],
    ['ws://localhost/trade-api/ws/v2/margin?x=1', '/trade-api/ws/v2/margin'],
    ['https://external-api.kalshi.com', '/'],
    ['/trade-api/v2/markets/KX%2DTEST', '/trade-api/v2/markets/KX%2DTEST'],
    [
      'https://external-api.kalshi.com/trade-api/v2/markets/KX%2DTEST',
      '/trade-api/v2/markets/KX%2DTEST',
    ],
    ['  /trade-api/v2/portfolio/balance\n', '/trade-api/v2/portfolio/balance'],
    ['/', '/'],
  ];
  it.each(accepted)('%j -> %j', (input, expected) => {
    expect(canonicalPath(input)).toBe(expected);
  });

  it('signs what the official TS SDK signs for a full URL: new URL(...).pathname', () => {
    const url =
      'https://external-api.kalshi.com/trade-api/v2/events/KXHIGHNY-25?with_nested_markets=true';
    expect(canonicalPath(url)).toBe(new URL(url).pathname);
  });

  const refused: Array<[string, string, RequestFormatErrorCode, string]> = [
    ['empty', '', 'empty-path', 'path is empty'],
    ['blank', '   ', 'empty-path', 'path is empty'],
    [
      'a path without its leading /',
      'trade-api/v2/portfolio/balance',
      'path-not-absolute',
      'Paths start with /: use /trade-api/v2/portfolio/balance',
    ],
    [
      'a URL without its scheme',
      'external-api.kalshi.com/trade-api/v2/portfolio/balance?x=1',
      'path-not-absolute',
      'add the scheme (https://external-api.kalshi.com/trade-api/v2/portfolio/balance?x=1) or keep only the path (/trade-api/v2/portfolio/balance?x=1)',
    ],
    [
      'a bare host with a port',
      'demo-api.kalshi.co:443',
      'path-not-absolute',
      'add the scheme (https://demo-api.kalshi.co:443) or keep only the path (/)',
    ],
    ['a query only', '?status=open', 'path-not-absolute', 'Paths start with /'],
    [
      'an ftp URL',
      'ftp://example.com/trade-api/v2',
      'invalid-url',
      'not a valid http(s) or ws(s) URL',
    ],
    ['a URL with no host', 'https://', 'invalid-url', 'not a valid http(s) or ws(s) URL'],
    [
      'a URL with a bad port',
      'https://example.com:99999/x',
      'invalid-url',
      'not a valid http(s) or ws(s) URL',
    ],
  ];
  it.each(refused)('refuses %s', (_name, input, code, fragment) => {
    const error = captureSync(() => canonicalPath(input));
    expect(error).toBeInstanceOf(RequestFormatError);
    expect(error).toMatchObject({ code, name: 'RequestFormatError' });
    expect((error as Error).message).toContain(fragment);
  });

  it('treats a non-string as a programming error', () => {
    expect(() => canonicalPath(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe('signingMessage', () => {
  it('is timestamp + METHOD + path, as in Kalshi docs', () => {
    expect(signingMessage(1703123456789, 'GET', '/trade-api/v2/portfolio/balance')).toBe(
      '1703123456789GET/trade-api/v2/portfolio/balance',
    );
  });

  it('upper-cases the method, takes a digit-string timestamp, and drops host and query', () => {
    expect(
      signingMessage(
        '1703123456789',
        'post',
        'https://external-api.kalshi.com/trade-api/v2/portfolio/orders?x=1',
      ),
    ).toBe('1703123456789POST/trade-api/v2/portfolio/orders');
  });

  it('WebSocket: GET and /trade-api/ws/v2', () => {
    expect(signingMessage(0, 'get', 'wss://external-api-ws.kalshi.com/trade-api/ws/v2')).toBe(
      '0GET/trade-api/ws/v2',
    );
  });

  const refused: Array<[string, unknown, string, string, RequestFormatErrorCode, string]> = [
    [
      'a fractional timestamp',
      1703123456789.5,
      'GET',
      '/x',
      'invalid-timestamp',
      'whole milliseconds',
    ],
    ['a negative timestamp', -1, 'GET', '/x', 'invalid-timestamp', 'Date.now()'],
    ['NaN', Number.NaN, 'GET', '/x', 'invalid-timestamp', 'whole milliseconds'],
    ['Infinity', Number.POSITIVE_INFINITY, 'GET', '/x', 'invalid-timestamp', 'whole milliseconds'],
    [
      'a timestamp string with letters',
      '1703123456789ms',
      'GET',
      '/x',
      'invalid-timestamp',
      'whole milliseconds',
    ],
    ['an empty timestamp string', '', 'GET', '/x', 'invalid-timestamp', 'whole milliseconds'],
    [
      'a timestamp as an ISO date',
      '2024-01-01T00:00:00Z',
      'GET',
      '/x',
      'invalid-timestamp',
      'whole milliseconds',
    ],
    ['an empty method', 1, '', '/x', 'empty-method', 'method is empty'],
    ['a method with a space', 1, 'GE T', '/x', 'invalid-method', 'not an HTTP method'],
    ['a method with a newline', 1, 'GET\n', '/x', 'invalid-method', 'not an HTTP method'],
    ['a method with a slash', 1, 'GET/', '/x', 'invalid-method', 'not an HTTP method'],
    ['a method with a non-ASCII letter', 1, 'GÉT', '/x', 'invalid-method', 'not an HTTP method'],
    ['an empty path', 1, 'GET', '', 'empty-path', 'path is empty'],
    ['a relative path', 1, 'GET', 'portfolio/balance', 'path-not-absolute', 'Paths start with /'],
  ];
  it.each(refused)('refuses %s', (_name, timestamp, method, path, code, fragment) => {
    const error = captureSync(() => signingMessage(timestamp as number, method, path));
    expect(error).toBeInstanceOf(RequestFormatError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toContain(fragment);
  });

  it('accepts every RFC 9110 token character in a method', () => {
    expect(signingMessage(1, "x!#$%&'*+-.^_`|~9", '/')).toBe("1X!#$%&'*+-.^_`|~9/");
  });
});

describe('signRequest', () => {
  it('returns the three headers, and node:crypto and openssl both verify the signature', async () => {
    const headers = await signRequest(pair.privateKey, {
      keyId: KEY_ID,
      method: 'get',
      path: 'https://external-api.kalshi.com/trade-api/v2/portfolio/orders?status=resting',
      timestampMs: 1703123456789,
    });
    expect(Object.keys(headers).sort()).toEqual([
      'KALSHI-ACCESS-KEY',
      'KALSHI-ACCESS-SIGNATURE',
      'KALSHI-ACCESS-TIMESTAMP',
    ]);
    expect(headers['KALSHI-ACCESS-KEY']).toBe(KEY_ID);
    expect(headers['KALSHI-ACCESS-TIMESTAMP']).toBe('1703123456789');
    // 2048-bit signature = 256 bytes = 344 base64 characters with padding (auth.md section 1).
    expect(headers['KALSHI-ACCESS-SIGNATURE']).toMatch(/^[A-Za-z0-9+/]{342}==$/);
    const message = '1703123456789GET/trade-api/v2/portfolio/orders';
    expect(nodeVerifyPss(kalshiKey.publicPem, message, headers['KALSHI-ACCESS-SIGNATURE'])).toBe(
      true,
    );
    expect(
      opensslVerifyPss(
        kalshiKey.dir,
        kalshiKey.publicPem,
        message,
        headers['KALSHI-ACCESS-SIGNATURE'],
      ),
    ).toBe(true);
    // ...and not over a different message (the query, or the body, must not be in it).
    expect(
      nodeVerifyPss(
        kalshiKey.publicPem,
        `${message}?status=resting`,
        headers['KALSHI-ACCESS-SIGNATURE'],
      ),
    ).toBe(false);
    expect(
      opensslVerifyPss(
        kalshiKey.dir,
        kalshiKey.publicPem,
        `${message}?status=resting`,
        headers['KALSHI-ACCESS-SIGNATURE'],
      ),
    ).toBe(false);
  });

  it('signs a WebSocket connection as GET /trade-api/ws/v2', async () => {
    const headers = await signRequest(pair.privateKey, {
      keyId: KEY_ID,
      method: 'GET',
      path: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2',
      timestampMs: '1703123456789',
    });
    expect(
      opensslVerifyPss(
        kalshiKey.dir,
        kalshiKey.publicPem,
        '1703123456789GET/trade-api/ws/v2',
        headers['KALSHI-ACCESS-SIGNATURE'],
      ),
    ).toBe(true);
  });

  it('defaults the timestamp to Date.now() in milliseconds', async () => {
    const before = Date.now();
    const headers = await signRequest(pair.privateKey, {
      keyId: KEY_ID,
      method: 'DELETE',
      path: '/trade-api/v2/api_keys/x',
    });
    const after = Date.now();
    const timestamp = Number(headers['KALSHI-ACCESS-TIMESTAMP']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(after);
    const message = `${headers['KALSHI-ACCESS-TIMESTAMP']}DELETE/trade-api/v2/api_keys/x`;
    expect(nodeVerifyPss(kalshiKey.publicPem, message, headers['KALSHI-ACCESS-SIGNATURE'])).toBe(
      true,
    );
  });

  it('makes a fresh signature each time (PSS is randomised), all of them valid', async () => {
    const input = {
      keyId: KEY_ID,
      method: 'GET',
      path: '/trade-api/v2/portfolio/balance',
      timestampMs: 5,
    };
    const signatures = await Promise.all([1, 2, 3].map(() => signRequest(pair.privateKey, input)));
    const values = signatures.map((h) => h['KALSHI-ACCESS-SIGNATURE']);
    expect(new Set(values).size).toBe(3);
    for (const v of values)
      expect(nodeVerifyPss(kalshiKey.publicPem, '5GET/trade-api/v2/portfolio/balance', v)).toBe(
        true,
      );
  });

  it('works with a freshly generated non-extractable key', async () => {
    const fresh = await generateKeyPair();
    const headers = await signRequest(fresh.privateKey, {
      keyId: KEY_ID,
      method: 'POST',
      path: '/trade-api/v2/portfolio/orders',
      timestampMs: 9,
    });
    const pem = await exportPublicKeyPem(fresh.publicKey);
    expect(
      opensslVerifyPss(
        kalshiKey.dir,
        pem,
        '9POST/trade-api/v2/portfolio/orders',
        headers['KALSHI-ACCESS-SIGNATURE'],
      ),
    ).toBe(true);
  });

  const refused: Array<[string, Record<string, unknown>, RequestFormatErrorCode, string]> = [
    [
      'an empty key ID',
      { keyId: '', method: 'GET', path: '/x' },
      'empty-key-id',
      'key ID is empty',
    ],
    [
      'a blank key ID',
      { keyId: '  ', method: 'GET', path: '/x' },
      'empty-key-id',
      'key ID is empty',
    ],
    [
      'a bad method',
      { keyId: KEY_ID, method: 'GET /x', path: '/x' },
      'invalid-method',
      'not an HTTP method',
    ],
    [
      'a relative path',
      { keyId: KEY_ID, method: 'GET', path: 'x' },
      'path-not-absolute',
      'Paths start with /',
    ],
    [
      'a seconds-with-fraction timestamp',
      { keyId: KEY_ID, method: 'GET', path: '/x', timestampMs: 1703123456.789 },
      'invalid-timestamp',
      'whole milliseconds',
    ],
  ];
  it.each(refused)('refuses %s', async (_name, input, code, fragment) => {
    const error = await signRequest(pair.privateKey, input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFormatError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toContain(fragment);
  });

  it('treats a public key or a missing key as a programming error', async () => {
    const input = { keyId: KEY_ID, method: 'GET', path: '/x' };
    await expect(signRequest(pair.publicKey, input)).rejects.toBeInstanceOf(TypeError);
    await expect(signRequest(null as unknown as CryptoKey, input)).rejects.toBeInstanceOf(
      TypeError,
    );
  });
});

describe('verifySignature', () => {
  const message = '1703123456789GET/trade-api/v2/portfolio/balance';
  const nodePss = (saltLength: number) =>
    nodeSign('sha256', Buffer.from(message), {
      key: kalshiKey.pem,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength,
    }).toString('base64');

  it('accepts a node:crypto signature made as in Kalshi docs (RSA_PSS_SALTLEN_DIGEST)', async () => {
    expect(
      await verifySignature(pair.publicKey, message, nodePss(constants.RSA_PSS_SALTLEN_DIGEST)),
    ).toBe(true);
  });

  it('accepts an openssl signature, with a public key imported from openssl output', async () => {
    const key = await importPublicKeyPem(kalshiKey.publicPem);
    expect(
      await verifySignature(key, message, opensslSignPss(kalshiKey.dir, kalshiKey.path, message)),
    ).toBe(true);
  });

  it('ignores line breaks in a pasted signature', async () => {
    const wrapped = nodePss(32).replace(/(.{76})/g, '$1\n');
    expect(await verifySignature(pair.publicKey, message, wrapped)).toBe(true);
  });

  it.each([
    ['another message', () => [`${message}?x=1`, nodePss(32)]],
    [
      'another salt length (max, as one community bot signs)',
      () => [message, nodePss(constants.RSA_PSS_SALTLEN_MAX_SIGN)],
    ],
    [
      'a PKCS#1 v1.5 signature',
      () => [message, nodeSign('sha256', Buffer.from(message), kalshiKey.pem).toString('base64')],
    ],
    ['a truncated signature', () => [message, nodePss(32).slice(0, 100)]],
    ['text that is not base64', () => [message, 'not a signature!']],
    [
      'another key',
      () => [
        message,
        nodeSign('sha256', Buffer.from(message), {
          key: makeKey(kalshiKey.dir, 'node-pkcs8').pem,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: 32,
        }).toString('base64'),
      ],
    ],
  ] as Array<[string, () => [string, string]]>)('returns false for %s', async (_name, make) => {
    const [text, signature] = make();
    expect(await verifySignature(pair.publicKey, text, signature)).toBe(false);
  });

  it('refuses an empty signature with a coded error', async () => {
    const error = await verifySignature(pair.publicKey, message, ' \n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFormatError);
    expect(error).toMatchObject({ code: 'empty-signature' });
    expect((error as Error).message).toContain('KALSHI-ACCESS-SIGNATURE');
  });

  it('treats a private key as a programming error', async () => {
    await expect(verifySignature(pair.privateKey, message, nodePss(32))).rejects.toBeInstanceOf(
      TypeError,
    );
  });
});

function captureSync(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('signMessages on a thread that settles signatures within the task (Chromium)', () => {
  it('hands the event loop back between slices, so a long batch never freezes the page', async () => {
    const { privateKey } = await generateKeyPair();
    // Chromium's RSA sign settles as a microtask of the calling task; each costs ~0.7 ms there.
    const signed = new Uint8Array(256);
    const sign = vi.spyOn(crypto.subtle, 'sign').mockImplementation(() => {
      const until = performance.now() + 1;
      while (performance.now() < until);
      return Promise.resolve(signed.buffer);
    });
    try {
      const messages = Array.from({ length: 200 }, (_, i) => `${i}GET/trade-api/v2/x`);
      let signedWhenTimerRan = -1;
      const timer = new Promise<void>((resolve) =>
        setTimeout(() => {
          signedWhenTimerRan = sign.mock.calls.length;
          resolve();
        }, 0),
      );
      const signatures = await signMessages(privateKey, messages, 4);
      await timer;
      expect(signatures).toHaveLength(200);
      expect(signatures.every((s) => s === bytesToBase64(signed))).toBe(true);
      // A 0 ms timer queued before the batch ran long before its end: at most a slice in.
      expect(signedWhenTimerRan).toBeGreaterThan(0);
      expect(signedWhenTimerRan).toBeLessThan(60);
    } finally {
      sign.mockRestore();
    }
  });
});
