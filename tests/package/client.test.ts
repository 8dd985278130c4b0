// The client's promises, from its sources: where requests go, what is signed (checked by the mock's
// node:crypto), a fresh timestamp per retry, redirects not followed, Kalshi's errors in words.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKalshiMock, type KalshiMock } from '../mock/kalshi-mock';
import {
  KalshiAnswerError,
  KeyFormatError,
  RequestFormatError,
  kalshiFetch,
  loadKey,
  websocketUrl,
} from '../../src/package/index';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
let mock: KalshiMock;
let privateKey: CryptoKey;

beforeAll(async () => {
  mock = await startKalshiMock({
    bootstrapPublicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
  });
  privateKey = await loadKey(pkcs1);
});
afterAll(() => mock?.close());

/** A transport that records each request before passing it to the real fetch. */
function recording(
  answer?: (
    request: Request,
    count: number,
  ) => Promise<Response | undefined> | Response | undefined,
) {
  const sent: { url: string; headers: Record<string, string> }[] = [];
  const transport = (async (input: string, init: RequestInit) => {
    const request = new Request(input, init);
    sent.push({ url: request.url, headers: Object.fromEntries(request.headers) });
    return (await answer?.(request, sent.length)) ?? fetch(request);
  }) as typeof fetch;
  return { sent, transport };
}

describe('kalshiFetch', () => {
  it("goes to the environment's recommended host by default", async () => {
    const { sent, transport } = recording(() => Response.json({ balance: 1 }));
    const kalshi = kalshiFetch({
      keyId: 'k',
      privateKey,
      environment: 'production',
      fetch: transport,
    });
    await kalshi('/trade-api/v2/portfolio/balance?x=1');
    expect(sent[0]!.url).toBe('https://external-api.kalshi.com/trade-api/v2/portfolio/balance?x=1');
    expect(Object.keys(sent[0]!.headers)).toEqual(
      expect.arrayContaining([
        'kalshi-access-key',
        'kalshi-access-signature',
        'kalshi-access-timestamp',
      ]),
    );
  });

  it('signs the path as sent: dot segments resolved, spaces encoded (the mock verifies it)', async () => {
    const kalshi = kalshiFetch({
      keyId: mock.bootstrapKeyId,
      privateKey,
      environment: 'demo',
      baseUrl: mock.url,
    });
    const response = await kalshi('/trade-api/v2/markets/../echo/KX TEST é');
    expect(await response.json()).toEqual({ path: '/trade-api/v2/echo/KX%20TEST%20%C3%A9' });
  });

  it("takes a full URL on the environment's hosts, sent to baseUrl", async () => {
    const kalshi = kalshiFetch({
      keyId: mock.bootstrapKeyId,
      privateKey,
      environment: 'demo',
      baseUrl: mock.url,
    });
    for (const host of ['external-api.demo.kalshi.co', 'demo-api.kalshi.co']) {
      const response = await kalshi(`https://${host}/trade-api/v2/portfolio/balance`);
      expect(response.status).toBe(200);
    }
    await expect(
      kalshi('https://external-api.kalshi.com/trade-api/v2/portfolio/balance'),
    ).rejects.toThrow(
      /is not this environment's Kalshi host \(https:\/\/external-api\.demo\.kalshi\.co or https:\/\/demo-api\.kalshi\.co\)/,
    );
  });

  it("sends a proxy's path prefix but signs from /trade-api/v2", async () => {
    const kalshi = kalshiFetch({
      keyId: mock.bootstrapKeyId,
      privateKey,
      environment: 'demo',
      baseUrl: `${mock.url}/kalshi/`,
    });
    const response = await kalshi('/trade-api/v2/portfolio/balance');
    expect(response.status).toBe(200);
    expect(mock.requests.at(-1)!.path).toBe('/kalshi/trade-api/v2/portfolio/balance');
  });

  it('refuses a path outside /trade-api/v2 and a baseUrl that repeats it, with what to do', async () => {
    const kalshi = kalshiFetch({ keyId: 'k', privateKey, environment: 'demo' });
    const error = await kalshi('/portfolio/balance').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFormatError);
    expect((error as Error).message).toMatch(
      /not under \/trade-api\/v2\/: .* such as \/trade-api\/v2\/portfolio\/balance/,
    );
    expect(() =>
      kalshiFetch({
        keyId: 'k',
        privateKey,
        environment: 'demo',
        baseUrl: `${mock.url}/trade-api/v2`,
      }),
    ).toThrow(/without \/trade-api\/v2/);
    expect(() => kalshiFetch({ keyId: '', privateKey, environment: 'demo' })).toThrow(TypeError);
    // @ts-expect-error an environment Kalshi does not have
    expect(() => kalshiFetch({ keyId: 'k', privateKey, environment: 'prod' })).toThrow(
      /'demo' or 'production'/,
    );
  });

  it('signs a retry afresh after header_timestamp_expired, and re-sends the body', async () => {
    const { sent, transport } = recording((_, count) =>
      count === 1
        ? // Kalshi's answer to a request that waited: a few ms pass before the retry.
          new Promise((resolve) => setTimeout(resolve, 5)).then(() =>
            Response.json(
              { error: { code: 'header_timestamp_expired', message: 'expired' } },
              { status: 401 },
            ),
          )
        : undefined,
    );
    const kalshi = kalshiFetch({
      keyId: mock.bootstrapKeyId,
      privateKey,
      environment: 'demo',
      baseUrl: mock.url,
      fetch: transport,
    });
    const response = await kalshi('/trade-api/v2/api_keys', {
      method: 'POST',
      body: JSON.stringify({
        name: 'retry',
        public_key: generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
          type: 'spki',
          format: 'pem',
        }),
      }),
    });
    expect(response.status).toBe(201);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.headers['kalshi-access-timestamp']).not.toBe(
      sent[0]!.headers['kalshi-access-timestamp'],
    );
    expect(sent[1]!.headers['kalshi-access-signature']).not.toBe(
      sent[0]!.headers['kalshi-access-signature'],
    );
  });

  it("throws KalshiAnswerError for error answers, with Kalshi's words and what to do", async () => {
    const answers: [number, string, string, RegExp][] = [
      [
        401,
        '{"error":{"code":"authentication_error","message":"authentication_error","details":"NOT_FOUND"}}',
        'unauthorized',
        /Kalshi does not know this key ID here/,
      ],
      [
        403,
        '{"error":{"code":"forbidden","message":"insufficient API usage level"}}',
        'forbidden',
        /insufficient API usage level/,
      ],
      [
        404,
        '<html>not found</html>',
        'not-found',
        /HTTP 404 to GET \/trade-api\/v2\/x\. Check the path and the environment/,
      ],
      [429, '', 'kalshi-error', /Too many requests/],
      [503, 'busy', 'server-error', /Try again in a few minutes/],
    ];
    for (const [status, body, code, words] of answers) {
      const kalshi = kalshiFetch({
        keyId: 'k',
        privateKey,
        environment: 'demo',
        fetch: (async () => new Response(body, { status })) as typeof fetch,
      });
      const error = await kalshi('/trade-api/v2/x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KalshiAnswerError);
      expect(error).toMatchObject({ code, status });
      expect((error as Error).message).toMatch(words);
    }
  });

  it('does not follow a redirect: the signed headers would go with it', async () => {
    const kalshi = kalshiFetch({
      keyId: 'k',
      privateKey,
      environment: 'demo',
      fetch: (async (_: string, init: RequestInit) => {
        expect(init.redirect).toBe('manual');
        return new Response(null, {
          status: 302,
          headers: { Location: 'https://elsewhere.example/' },
        });
      }) as typeof fetch,
    });
    await expect(kalshi('/trade-api/v2/x')).rejects.toThrow(
      /redirect to https:\/\/elsewhere\.example\/, not followed/,
    );
  });
});

describe('loadKey', () => {
  it('loads DER bytes and refuses a public key with its code', async () => {
    const der = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
    expect((await loadKey(new Uint8Array(der))).extractable).toBe(false);
    const error = await loadKey(
      pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyFormatError);
    expect(error).toMatchObject({ code: 'public-key' });
    // @ts-expect-error a number is no key
    await expect(loadKey(42)).rejects.toThrow(TypeError);
  });
});

it('websocketUrl names the recommended WebSocket host', () => {
  expect(websocketUrl('demo')).toBe('wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2');
  expect(websocketUrl('production')).toBe('wss://external-api-ws.kalshi.com/trade-api/ws/v2');
});
