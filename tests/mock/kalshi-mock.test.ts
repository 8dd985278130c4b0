// The mock must behave like Kalshi for the browser tests to mean anything: requests signed by
// node:crypto (independent of the page's WebCrypto code) pass, and each kind of mistake gets the
// 401 body Kalshi sends for it (../shared/kalshi/auth.md sections 1 and 4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constants, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import {
  parseBalanceAnswer,
  parseCreateApiKeyAnswer,
  parseDeleteApiKeyAnswer,
  parseGenerateApiKeyAnswer,
  parseListApiKeysAnswer,
} from '../../src/core';
import { startKalshiMock, type KalshiMock } from './kalshi-mock';
import { nodeRsaKey } from '../helpers/keys';

const BOOTSTRAP_ID = '11111111-2222-4333-8444-555555555555';
const bootstrap = nodeRsaKey();
const stranger = nodeRsaKey();

let mock: KalshiMock;
beforeAll(async () => {
  mock = await startKalshiMock({
    bootstrapPublicKeyPem: bootstrap.publicPem,
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
    const rotated = nodeRsaKey();
    const publicPem = rotated.publicPem;
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
    const other = nodeRsaKey();
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
    ['a missing name', { public_key: bootstrap.publicPem }],
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

// ---- Issue 13: the key's life on Kalshi (scopes, subaccounts, generate, BYO refused) ----

describe('Kalshi mock: the api_keys lifecycle', () => {
  const readOnly = nodeRsaKey();
  const READ_ONLY_ID = '22222222-2222-4333-8444-555555555555';
  let other: KalshiMock;
  beforeAll(async () => {
    // A second account: read-only bootstrap key, no BYO, a location attestation date.
    other = await startKalshiMock({
      bootstrapPublicKeyPem: readOnly.publicPem,
      bootstrapKeyId: READ_ONLY_ID,
      bootstrapScopes: ['read'],
      byoAllowed: false,
      regionExpirationTs: 1798761600,
    });
  });
  afterAll(() => other.close());

  /** A request to `target` signed with `key` / `keyId` (the first mock's bootstrap by default). */
  async function signed(
    method: string,
    path: string,
    body?: unknown,
    target = () => mock,
    sign: SignOptions = {},
  ) {
    const response = await fetch(target().url + path, {
      method,
      headers: {
        ...kalshiHeaders(method, path, sign),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.text() };
  }
  const onOther = { key: readOnly.privateKey, keyId: READ_ONLY_ID };
  const KEYS = '/trade-api/v2/api_keys';
  const pem = () => nodeRsaKey().publicPem;

  it('registers a key with exactly the scopes and subaccount sent, and lists them', async () => {
    const sent = { name: 'Dashboard', public_key: pem(), scopes: ['read'], subaccount: 3 };
    const created = await signed('POST', KEYS, sent);
    expect(created.status).toBe(201);
    const { apiKeyId } = parseCreateApiKeyAnswer(created);
    expect(mock.registeredKeys.get(apiKeyId)).toMatchObject({ scopes: ['read'], subaccount: 3 });
    // The request log keeps the body as received.
    expect(JSON.parse(mock.requests.at(-1)!.body!)).toEqual(sent);

    const { keys, regionExpirationTs } = parseListApiKeysAnswer(await signed('GET', KEYS));
    expect(keys).toContainEqual({ apiKeyId, name: 'Dashboard', scopes: ['read'], subaccount: 3 });
    expect(keys).toContainEqual({
      apiKeyId: BOOTSTRAP_ID,
      name: 'bootstrap',
      scopes: ['read', 'write'],
      subaccount: null,
    });
    expect(regionExpirationTs).toBeUndefined();
    // subaccount is left out of the JSON for keys without one, as in Kalshi's model.
    const raw = JSON.parse((await signed('GET', KEYS)).body);
    expect(raw.api_keys.find((k: { api_key_id: string }) => k.api_key_id === BOOTSTRAP_ID)).toEqual(
      { api_key_id: BOOTSTRAP_ID, name: 'bootstrap', scopes: ['read', 'write'] },
    );
  });

  it('grants read and write when scopes are omitted, as Kalshi does', async () => {
    const created = await signed('POST', KEYS, { name: 'No scopes', public_key: pem() });
    const { apiKeyId } = parseCreateApiKeyAnswer(created);
    expect(mock.registeredKeys.get(apiKeyId)?.scopes).toEqual(['read', 'write']);
  });

  it.each<[string, object, RegExp]>([
    ['an unknown scope', { scopes: ['read', 'admin'] }, /invalid scope: admin/],
    ['write without read', { scopes: ['write'] }, /requires the read scope/],
    ['subaccount 64', { subaccount: 64 }, /0 to 63/],
    ['subaccount -1', { subaccount: -1 }, /0 to 63/],
    ['subaccount 1.5', { subaccount: 1.5 }, /0 to 63/],
    ['subaccount "3"', { subaccount: '3' }, /0 to 63/],
  ])('400 for %s, on create and on generate', async (_label, change, message) => {
    for (const [path, body] of [
      [KEYS, { name: 'x', public_key: pem(), ...change }],
      [`${KEYS}/generate`, { name: 'x', key_type: 'rsa', ...change }],
    ] as const) {
      const res = await signed('POST', path, body);
      expect(res.status).toBe(400);
      expect(() => parseCreateApiKeyAnswer(res)).toThrow(message);
    }
  });

  it('generates an RSA pair: the private key (PKCS#1) is returned once, the public key kept', async () => {
    const res = await signed('POST', `${KEYS}/generate`, {
      name: 'Made by Kalshi',
      scopes: ['read', 'write::trade'],
      key_type: 'rsa',
    });
    expect(res.status).toBe(201);
    const { apiKeyId, privateKeyPem } = parseGenerateApiKeyAnswer(res);
    expect(privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const held = mock.registeredKeys.get(apiKeyId)!;
    expect(held).toMatchObject({ name: 'Made by Kalshi', scopes: ['read', 'write::trade'] });
    expect(held.publicKeyPem).not.toMatch(/PRIVATE/);
    expect(
      createPublicKey(createPrivateKey(privateKeyPem))
        .export({ type: 'spki', format: 'der' })
        .equals(held.publicKey.export({ type: 'spki', format: 'der' })),
    ).toBe(true);
    // The generated key signs; with read it reads the balance, without write it cannot delete.
    const asNew = { key: createPrivateKey(privateKeyPem), keyId: apiKeyId };
    const balance = await signed('GET', BALANCE, undefined, () => mock, asNew);
    expect(parseBalanceAnswer(balance)).toEqual({ balanceCents: 123456 });
    const del = await signed('DELETE', `${KEYS}/${BOOTSTRAP_ID}`, undefined, () => mock, asNew);
    expect(del.status).toBe(403);
    expect(mock.registeredKeys.has(BOOTSTRAP_ID)).toBe(true);
  });

  it('refuses a key_type other than rsa (this page signs with RSA-PSS only)', async () => {
    const res = await signed('POST', `${KEYS}/generate`, { name: 'x', key_type: 'ed25519' });
    expect(res.status).toBe(400);
  });

  it('an account without Premier or Market Maker gets 403 on POST /api_keys, but may generate', async () => {
    const writer = nodeRsaKey();
    // Only the mock's own map can give this account a key with write: BYO is refused.
    other.registeredKeys.set('writer', {
      api_key_id: 'writer',
      name: 'writer',
      scopes: ['read', 'write'],
      publicKeyPem: writer.publicPem,
      publicKey: writer.publicKey,
    });
    const asWriter = { key: writer.privateKey, keyId: 'writer' };
    const byo = await signed(
      'POST',
      KEYS,
      { name: 'mine', public_key: pem() },
      () => other,
      asWriter,
    );
    expect(byo.status).toBe(403);
    expect(JSON.parse(byo.body).error.message).toBe('insufficient API usage level');
    expect(() => parseCreateApiKeyAnswer(byo)).toThrow(
      expect.objectContaining({ code: 'byo-not-allowed' }),
    );
    const generated = await signed(
      'POST',
      `${KEYS}/generate`,
      { name: 'theirs', scopes: ['read'], key_type: 'rsa' },
      () => other,
      asWriter,
    );
    expect(generated.status).toBe(201);
  });

  it.each<[string, string, string]>([
    ['POST', KEYS, 'create'],
    ['POST', `${KEYS}/generate`, 'generate'],
    ['DELETE', `${KEYS}/writer`, 'delete'],
  ])(
    "a read-only key gets 403 on %s %s (Kalshi's exact answer is undocumented)",
    async (method, path) => {
      const res = await signed(
        method,
        path,
        method === 'POST' ? { name: 'x', public_key: pem(), scopes: ['read'] } : undefined,
        () => other,
        onOther,
      );
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).error.message).toMatch(/scope write/);
      expect(() => parseCreateApiKeyAnswer(res)).toThrow(
        expect.objectContaining({ code: 'forbidden' }),
      );
    },
  );

  it('a read-only key lists keys, with the region expiry when the account has one', async () => {
    const res = await signed('GET', KEYS, undefined, () => other, onOther);
    expect(parseListApiKeysAnswer(res)).toMatchObject({ regionExpirationTs: 1798761600 });
  });

  it('a key with only read::portfolio_balance reads the balance but cannot list keys', async () => {
    const narrow = nodeRsaKey();
    const created = await signed('POST', KEYS, {
      name: 'balance only',
      public_key: narrow.publicPem,
      scopes: ['read::portfolio_balance'],
    });
    const asNarrow = { key: narrow.privateKey, keyId: parseCreateApiKeyAnswer(created).apiKeyId };
    expect((await signed('GET', BALANCE, undefined, () => mock, asNarrow)).status).toBe(200);
    expect((await signed('GET', KEYS, undefined, () => mock, asNarrow)).status).toBe(403);
  });

  it('deletes with 204, and a second delete is 404', async () => {
    const { apiKeyId } = parseCreateApiKeyAnswer(
      await signed('POST', KEYS, { name: 'short-lived', public_key: pem(), scopes: ['read'] }),
    );
    const first = await signed('DELETE', `${KEYS}/${apiKeyId}`);
    expect(first).toEqual({ status: 204, body: '' });
    expect(parseDeleteApiKeyAnswer(first)).toBeUndefined();
    const second = await signed('DELETE', `${KEYS}/${apiKeyId}`);
    expect(() => parseDeleteApiKeyAnswer(second)).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    );
  });
});
