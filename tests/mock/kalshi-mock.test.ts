// The mock must behave like Kalshi for the browser tests to mean anything: requests signed by
// node:crypto (independent of the page's WebCrypto code) pass, and each kind of mistake gets the
// 401 body Kalshi sends for it (../shared/kalshi/auth.md sections 1 and 4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constants, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { startKalshiMock, type KalshiMock } from './kalshi-mock';

const BOOTSTRAP_ID = '11111111-2222-4333-8444-555555555555';
const bootstrap = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

let mock: KalshiMock;
beforeAll(async () => {
  mock = await startKalshiMock({
    bootstrapPublicKeyPem: bootstrap.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    bootstrapKeyId: BOOTSTRAP_ID,
  });
});
afterAll(() => mock.close());

interface SignOptions {
  key?: KeyObject;
  keyId?: string;
  timestamp?: string;
  /** What goes into the signed message; defaults to the request path without its query. */
  signedPath?: string;
  padding?: number;
  saltLength?: number;
}

function kalshiHeaders(method: string, path: string, options: SignOptions = {}) {
  const timestamp = options.timestamp ?? String(Date.now());
  const signedPath = options.signedPath ?? path.split('?')[0];
  const signature = sign('sha256', Buffer.from(timestamp + method + signedPath), {
    key: options.key ?? bootstrap.privateKey,
    padding: options.padding ?? constants.RSA_PKCS1_PSS_PADDING,
    saltLength: options.saltLength ?? 32,
  }).toString('base64');
  return {
    'KALSHI-ACCESS-KEY': options.keyId ?? BOOTSTRAP_ID,
    'KALSHI-ACCESS-TIMESTAMP': timestamp,
    'KALSHI-ACCESS-SIGNATURE': signature,
  };
}

async function call(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: unknown } = {},
) {
  const response = await fetch(mock.url + path, {
    method,
    headers: {
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text ? JSON.parse(text) : undefined,
  };
}

const BALANCE = '/trade-api/v2/portfolio/balance';

describe('Kalshi mock: accepted requests', () => {
  it('listens on loopback with a random port', () => {
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.port).toBeGreaterThan(0);
  });

  it('returns the balance for a request signed with the bootstrap key', async () => {
    const res = await call('GET', BALANCE, { headers: kalshiHeaders('GET', BALANCE) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ balance: 123456, portfolio_value: 0 });
    expect(typeof res.json.updated_ts).toBe('number');
  });

  it('signs the path without its query, as Kalshi does', async () => {
    const path = '/trade-api/v2/api_keys?fcm_subtrader_id=x';
    const res = await call('GET', path, { headers: kalshiHeaders('GET', path) });
    expect(res.status).toBe(200);
    expect(res.json.api_keys).toContainEqual({
      api_key_id: BOOTSTRAP_ID,
      name: 'bootstrap',
      scopes: ['read', 'write'],
    });
  });

  it('registers an uploaded public key, which then signs, lists and can be deleted', async () => {
    const rotated = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicPem = rotated.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const created = await call('POST', '/trade-api/v2/api_keys', {
      headers: kalshiHeaders('POST', '/trade-api/v2/api_keys'),
      body: { name: 'rotated', public_key: publicPem },
    });
    expect(created.status).toBe(201);
    const newId: string = created.json.api_key_id;
    expect(newId).toMatch(/^[0-9a-f-]{36}$/);
    expect(mock.registeredKeys.get(newId)?.name).toBe('rotated');

    const withNewKey = { key: rotated.privateKey, keyId: newId };
    const balance = await call('GET', BALANCE, {
      headers: kalshiHeaders('GET', BALANCE, withNewKey),
    });
    expect(balance.status).toBe(200);

    const listed = await call('GET', '/trade-api/v2/api_keys', {
      headers: kalshiHeaders('GET', '/trade-api/v2/api_keys', withNewKey),
    });
    expect(listed.json.api_keys.map((k: { api_key_id: string }) => k.api_key_id)).toEqual(
      expect.arrayContaining([BOOTSTRAP_ID, newId]),
    );

    const again = await call('POST', '/trade-api/v2/api_keys', {
      headers: kalshiHeaders('POST', '/trade-api/v2/api_keys'),
      body: { name: 'twice', public_key: publicPem },
    });
    expect(again.status).toBe(409);

    const deletePath = `/trade-api/v2/api_keys/${newId}`;
    const deleted = await call('DELETE', deletePath, {
      headers: kalshiHeaders('DELETE', deletePath),
    });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');

    const afterDelete = await call('GET', BALANCE, {
      headers: kalshiHeaders('GET', BALANCE, withNewKey),
    });
    expect(afterDelete.status).toBe(401);
    expect(afterDelete.json.error.details).toBe('NOT_FOUND');
  });

  it('accepts the PKCS#1 public key format as well as SPKI', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const res = await call('POST', '/trade-api/v2/api_keys', {
      headers: kalshiHeaders('POST', '/trade-api/v2/api_keys'),
      body: { name: 'pkcs1', public_key: other.publicKey.export({ type: 'pkcs1', format: 'pem' }) },
    });
    expect(res.status).toBe(201);
  });
});

describe('Kalshi mock: refused requests get Kalshi-shaped 401 bodies', () => {
  it.each(['KALSHI-ACCESS-KEY', 'KALSHI-ACCESS-TIMESTAMP', 'KALSHI-ACCESS-SIGNATURE'])(
    'without %s: signature_is_missing_from_headers',
    async (missing) => {
      const headers: Record<string, string> = kalshiHeaders('GET', BALANCE);
      delete headers[missing];
      const res = await call('GET', BALANCE, { headers });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('signature_is_missing_from_headers');
    },
  );

  it('an unknown key ID: authentication_error NOT_FOUND', async () => {
    const res = await call('GET', BALANCE, {
      headers: kalshiHeaders('GET', BALANCE, { keyId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      error: {
        code: 'authentication_error',
        message: 'authentication_error',
        details: 'NOT_FOUND',
      },
    });
  });

  it.each([
    ['a minute old', () => String(Date.now() - 60_000)],
    ['a minute ahead', () => String(Date.now() + 60_000)],
    ['in seconds instead of ms', () => String(Math.floor(Date.now() / 1000))],
    ['not a number', () => 'yesterday'],
  ])('a timestamp %s: header_timestamp_expired', async (_label, timestamp) => {
    const res = await call('GET', BALANCE, {
      headers: kalshiHeaders('GET', BALANCE, { timestamp: timestamp() }),
    });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('header_timestamp_expired');
    expect(typeof res.json.error.message).toBe('string');
  });

  const incorrect = {
    error: {
      code: 'authentication_error',
      message: 'authentication_error',
      details: 'INCORRECT_API_KEY_SIGNATURE',
    },
  };
  it.each<[string, SignOptions, string?]>([
    ['signed by another key', { key: stranger.privateKey }],
    ['with the query in the signed path', { signedPath: `${BALANCE}?x=1` }, `${BALANCE}?x=1`],
    ['without the /trade-api/v2 prefix', { signedPath: '/portfolio/balance' }],
    ['with PKCS#1 v1.5 padding instead of PSS', { padding: constants.RSA_PKCS1_PADDING }],
    [
      'with the maximum PSS salt instead of 32 bytes',
      { saltLength: constants.RSA_PSS_SALTLEN_MAX_SIGN },
    ],
  ])('a signature %s: INCORRECT_API_KEY_SIGNATURE', async (_label, options, path = BALANCE) => {
    const res = await call('GET', path, { headers: kalshiHeaders('GET', path, options) });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(incorrect);
  });

  it('a signature for another method: INCORRECT_API_KEY_SIGNATURE', async () => {
    const headers = kalshiHeaders('POST', BALANCE);
    const res = await call('GET', BALANCE, { headers });
    expect(res.json).toEqual(incorrect);
  });
});

describe('Kalshi mock: bad uploads and unknown routes', () => {
  it.each<[string, unknown]>([
    [
      'a PEM that is not a key',
      { name: 'x', public_key: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' },
    ],
    ['a missing public_key', { name: 'x' }],
    ['a missing name', { public_key: bootstrap.publicKey.export({ type: 'spki', format: 'pem' }) }],
    ['a body that is not an object', 'just a string'],
  ])('POST /api_keys with %s: 400 with a Kalshi-shaped body', async (_label, body) => {
    const res = await call('POST', '/trade-api/v2/api_keys', {
      headers: kalshiHeaders('POST', '/trade-api/v2/api_keys'),
      body,
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'bad_request' });
    expect(res.json.error.message.length).toBeGreaterThan(0);
  });

  it('DELETE of an unknown key ID: 404', async () => {
    const path = '/trade-api/v2/api_keys/not-a-key';
    const res = await call('DELETE', path, { headers: kalshiHeaders('DELETE', path) });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });

  it('an unknown route: 404', async () => {
    const path = '/trade-api/v2/markets';
    const res = await call('GET', path, { headers: kalshiHeaders('GET', path) });
    expect(res.status).toBe(404);
  });
});

describe('Kalshi mock: like Kalshi, no CORS and 403 for browser requests', () => {
  it.each(['OPTIONS', 'GET'])(
    'refuses %s with an Origin header, signed or not, and sends no CORS',
    async (method) => {
      const res = await fetch(mock.url + BALANCE, {
        method,
        headers: {
          Origin: 'http://127.0.0.1:4173',
          'Access-Control-Request-Method': 'GET',
          ...kalshiHeaders(method, BALANCE),
        },
      });
      expect(res.status).toBe(403);
      expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual(
        [],
      );
    },
  );

  it('routes a request sent to a relay mounted under a sub-path', async () => {
    const res = await call('GET', `/relay${BALANCE}`, { headers: kalshiHeaders('GET', BALANCE) });
    expect(res.status).toBe(200);
  });

  it('logs what it answered', () => {
    expect(mock.requests.some((r) => r.status === 200 && r.path === BALANCE)).toBe(true);
  });
});
