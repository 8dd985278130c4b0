// The path signed is the path sent (issue 15, item 2): Kalshi verifies the path it receives, so
// canonicalPath must give the pathname as fetch and curl put it on the wire. Checked against the
// WHATWG URL parser, and against the request line a local node:http server receives from Node's
// fetch and from curl given the URL as the page renders it (new URL(...).href); the signature over
// the received path is verified with node:crypto.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KALSHI_HOSTS, resolveRequestTarget } from '../../src/core/kalshi';
import { importPrivateKeyPem } from '../../src/core/key-files';
import { canonicalPath, signRequest } from '../../src/core/signing';
import { nodeVerifyPss } from '../helpers/openssl';
import { opensslKeyForFile } from '../helpers/openssl-key';

// Asynchronous on purpose: the server answers from this same process.
const run = promisify(execFile);

/** [what the path has, the path as typed, the path on the wire]. */
const cases = (
  [
    [
      'a .. segment',
      '/trade-api/v2/markets/../portfolio/balance',
      '/trade-api/v2/portfolio/balance',
    ],
    ['. segments', '/trade-api/v2/./portfolio/./balance', '/trade-api/v2/portfolio/balance'],
    ['a .. segment at the end', '/trade-api/v2/portfolio/balance/..', '/trade-api/v2/portfolio/'],
    ['a .. spelled %2e%2E', '/trade-api/v2/markets/%2e%2E/api_keys', '/trade-api/v2/api_keys'],
    ['.. above the root', '/trade-api/../../../v2', '/v2'],
    ['a space', '/trade-api/v2/markets/KX TEST', '/trade-api/v2/markets/KX%20TEST'],
    ['spaces before the query', '/trade-api/v2/markets/KX  ?a=1', '/trade-api/v2/markets/KX%20%20'],
    ['non-ASCII', '/trade-api/v2/markets/KXÉ-€', '/trade-api/v2/markets/KX%C3%89-%E2%82%AC'],
    ['an emoji', '/trade-api/v2/series/🔑', '/trade-api/v2/series/%F0%9F%94%91'],
    ['%41, kept as typed', '/trade-api/v2/markets/%41BC', '/trade-api/v2/markets/%41BC'],
    ['a lower-case escape, kept', '/trade-api/v2/markets/KX%2dA', '/trade-api/v2/markets/KX%2dA'],
    ['a trailing slash', '/trade-api/v2/markets/', '/trade-api/v2/markets/'],
    ['// inside', '/trade-api/v2//markets', '/trade-api/v2//markets'],
    ['// at the start', '//trade-api/v2/markets', '//trade-api/v2/markets'],
    ['quotes, < > ` and braces', '/trade-api/v2/x/"<>`{}', '/trade-api/v2/x/%22%3C%3E%60%7B%7D'],
    ['characters sent as they are', "/trade-api/v2/x/^|[]'!$&()*+,;=:@~"],
    ['a backslash', '/trade-api/v2\\markets', '/trade-api/v2/markets'],
    ['a tab inside (pasting debris)', '/trade-api/v2/mar\tkets', '/trade-api/v2/markets'],
    ['a query with a space', '/trade-api/v2/markets?status=open now', '/trade-api/v2/markets'],
  ] as Array<[string, string, string?]>
).map(([what, input, wire = input]) => [what, input, wire] as const);

const key = opensslKeyForFile('rsa-pkcs1');
let privateKey: CryptoKey;
let server: Server;
let origin: string;
/** Request targets as the server read them off the request line, in order. */
const received: string[] = [];

beforeAll(async () => {
  ({ privateKey } = await importPrivateKeyPem(key.pem));
  server = createServer((req, res) => {
    received.push(req.url!);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The path (no query) of the one request that `send` made. */
async function pathSent(send: () => Promise<unknown>): Promise<string> {
  received.length = 0;
  await send();
  expect(received).toHaveLength(1);
  return received[0].split('?')[0];
}

describe('canonicalPath is the path on the wire', () => {
  it.each(cases)('%s: %j -> %j', (_what, input, wire) => {
    expect(canonicalPath(input)).toBe(wire);
    // The WHATWG parser with any http(s) origin before the path.
    expect(canonicalPath(input)).toBe(new URL(`https://x${input}`).pathname);
    // Resolved against a base, a leading // names a host instead: see the next test.
    if (!input.startsWith('//'))
      expect(canonicalPath(input)).toBe(new URL(input, 'https://x').pathname);
  });

  it('reads a leading // as a path, as fetch(origin + path) and the page do, not as a host', () => {
    expect(new URL('//trade-api/v2/markets', 'https://x').host).toBe('trade-api');
    expect(canonicalPath('//trade-api/v2/markets')).toBe('//trade-api/v2/markets');
  });

  it.each(cases)('%s: what fetch sends, signed, verifies with node:crypto', async (_w, input) => {
    const sent = await pathSent(() => fetch(origin + input));
    expect(canonicalPath(input)).toBe(sent);
    const headers = await signRequest(privateKey, { keyId: 'k', method: 'GET', path: input });
    const message = `${headers['KALSHI-ACCESS-TIMESTAMP']}GET${sent}`;
    expect(nodeVerifyPss(key.publicPem, message, headers['KALSHI-ACCESS-SIGNATURE'])).toBe(true);
  });

  it.each(cases)('%s: curl sends the same for the URL the page renders', async (_w, input) => {
    const { url } = resolveRequestTarget(origin + input, KALSHI_HOSTS[0]);
    // --globoff as the rendered command has it; no --path-as-is: the URL has no dot segments left.
    expect(await pathSent(() => run('curl', ['-sS', '--globoff', url]))).toBe(canonicalPath(input));
  });

  it('for any text, signs the path the page resolves (and sends) for it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const input = `/${text}`;
        expect(canonicalPath(input)).toBe(resolveRequestTarget(input, KALSHI_HOSTS[0]).path);
      }),
      { numRuns: 2000 },
    );
  });
});
