// Runs fixture/checks.mjs (kalshi-keys installed from the tarball) in one runtime against a fresh
// mock Kalshi, and checks what it reports against the mock's log and node:crypto.
import { constants, verify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startKalshiMock, type KalshiMock } from '../mock/kalshi-mock';
import { installScratch, makeKeys } from './packed';

type Results = Record<string, Record<string, unknown>> & { runtime: string };

/** What a runtime reported, the mock it talked to, and the keys it was given. */
export interface Checked {
  results: Results;
  mock: KalshiMock;
  keys: ReturnType<typeof makeKeys>;
}

/**
 * Runs the checks in one runtime: installs the tarball in a scratch folder, starts a fresh mock,
 * and has `launch` run them there with the input file; `launch` returns the results' JSON text.
 */
export async function checkRuntime(
  launch: (dir: string, inputFile: string) => Promise<string>,
  name: string,
): Promise<Checked> {
  const keys = makeKeys();
  const mock = await startKalshiMock({ bootstrapPublicKeyPem: keys.publicKeyPem });
  const dir = installScratch(name);
  const inputFile = join(dir, 'input.json');
  writeFileSync(
    inputFile,
    JSON.stringify({
      ...keys,
      publicKey: undefined,
      baseUrl: mock.url,
      keyId: mock.bootstrapKeyId,
    }),
  );
  const stdout = await launch(dir, inputFile);
  return { results: JSON.parse(stdout.trim().split('\n').at(-1)!) as Results, mock, keys };
}

/** What every runtime must report, checked against the mock's log and node:crypto. */
export function expectChecksPassed({ results, mock, keys }: Checked) {
  expect(results.pkcs1Key).toEqual({ type: 'private', extractable: false, algorithm: 'RSA-PSS' });
  expect(results.encryptedKey).toEqual({ type: 'private', extractable: false });
  expect(results.get).toEqual({ status: 200, body: expect.objectContaining({ balance: 123456 }) });
  expect(results.post.status).toBe(201);
  expect(mock.registeredKeys.get(results.post.newKeyId as string)?.publicKeyPem).toBe(
    keys.encryptedPublicKeyPem,
  );
  expect(results.getAsNewKey).toEqual({ status: 200 });
  // What arrived: the query sent (not signed, or the mock's node:crypto check would have failed).
  const statuses = mock.requests.map((r) => `${r.status} ${r.method} ${r.path}`);
  expect(statuses).toEqual([
    '200 GET /trade-api/v2/portfolio/balance?subaccount=0',
    '201 POST /trade-api/v2/api_keys',
    '200 GET /trade-api/v2/portfolio/balance',
    '401 GET /trade-api/v2/portfolio/balance',
  ]);
  expect(results.wrongKey).toMatchObject({
    thrown: true,
    isKalshiAnswerError: true,
    name: 'KalshiAnswerError',
    code: 'unauthorized',
    status: 401,
    kalshiCode: 'authentication_error',
  });
  expect(results.wrongKey.message).toMatch(/INCORRECT_API_KEY_SIGNATURE/);
  expect(results.wrongKey.message).toMatch(/check that KALSHI-ACCESS-KEY is this key's ID/);
  // The WebSocket handshake: timestamp + GET + /trade-api/ws/v2, verified by node:crypto.
  const ws = results.websocket as Record<string, string>;
  expect(ws['KALSHI-ACCESS-KEY']).toBe(mock.bootstrapKeyId);
  expect(Math.abs(Date.now() - Number(ws['KALSHI-ACCESS-TIMESTAMP']))).toBeLessThan(60_000);
  const message = Buffer.from(`${ws['KALSHI-ACCESS-TIMESTAMP']}GET/trade-api/ws/v2`);
  const pss = { key: keys.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  expect(verify('sha256', message, pss, Buffer.from(ws['KALSHI-ACCESS-SIGNATURE'], 'base64'))).toBe(
    true,
  );
  expect(results.doctor.code).toBe('timestamp-seconds');
}
