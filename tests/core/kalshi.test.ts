import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RequestFormatError } from '../../src/core/errors';
import {
  KALSHI_ENVIRONMENTS,
  REQUEST_PRESETS,
  buildKalshiRequest,
  jsonBodyProblem,
  kalshiEnvironment,
  kalshiHost,
  renderCurl,
  renderFetch,
  renderWebsocat,
  requestPreset,
  resolveRequestTarget,
  KALSHI_API_KEYS_PAGES,
  type KalshiRequest,
} from '../../src/core/kalshi';

const auth = {
  'KALSHI-ACCESS-KEY': 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
  'KALSHI-ACCESS-TIMESTAMP': '1703123456789',
  'KALSHI-ACCESS-SIGNATURE': 'c2lnbmF0dXJl+/==',
};
const demo = kalshiEnvironment('demo').hosts[0]!;
const prod = kalshiEnvironment('production').hosts[0]!;

/** Runs a rendered command in a real POSIX shell with `curl`/`websocat` replaced by an argument printer. */
function shellArgs(command: string): string[] {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\nwebsocat() { curl "$@"; }\n${command}`;
  const out = execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('environments and hosts (auth.md section 3)', () => {
  it.each([
    [
      'demo',
      'https://external-api.demo.kalshi.co',
      'wss://external-api-ws.demo.kalshi.co',
      'https://demo-api.kalshi.co',
      'wss://demo-api.kalshi.co',
    ],
    [
      'production',
      'https://external-api.kalshi.com',
      'wss://external-api-ws.kalshi.com',
      'https://api.elections.kalshi.com',
      'wss://api.elections.kalshi.com',
    ],
  ] as const)(
    '%s: recommended REST %s / WS %s, also supported %s / %s',
    (id, rest, ws, legacyRest, legacyWs) => {
      const [current, legacy] = kalshiEnvironment(id).hosts;
      expect(current).toMatchObject({
        restOrigin: rest,
        wsOrigin: ws,
        recommended: true,
        environment: id,
      });
      expect(legacy).toMatchObject({
        restOrigin: legacyRest,
        wsOrigin: legacyWs,
        recommended: false,
        environment: id,
      });
    },
  );

  it('labels the environments Demo and Production and offers no retired host', () => {
    expect(KALSHI_ENVIRONMENTS.map((e) => e.label)).toEqual(['Demo', 'Production']);
    expect(kalshiHost('api.kalshi.com')).toBeUndefined();
    expect(kalshiHost('trading-api.kalshi.com')).toBeUndefined();
  });

  it('finds a host by its REST or WebSocket host name', () => {
    expect(kalshiHost('external-api-ws.kalshi.com')?.id).toBe('external-api.kalshi.com');
    expect(kalshiHost('demo-api.kalshi.co')?.environment).toBe('demo');
    // URL parsing lowers the case of a pasted host name before the lookup.
    expect(resolveRequestTarget('https://DEMO-API.kalshi.co/trade-api/v2/x', prod).host?.id).toBe(
      'demo-api.kalshi.co',
    );
    expect(kalshiHost('api.elections.kalshi.com')?.environment).toBe('production');
  });
});

describe('resolveRequestTarget', () => {
  it.each([
    [
      '/trade-api/v2/portfolio/balance',
      demo,
      'https://external-api.demo.kalshi.co/trade-api/v2/portfolio/balance',
      '/trade-api/v2/portfolio/balance',
      '',
    ],
    [
      '/trade-api/v2/markets?status=open&limit=5',
      prod,
      'https://external-api.kalshi.com/trade-api/v2/markets?status=open&limit=5',
      '/trade-api/v2/markets',
      '?status=open&limit=5',
    ],
    [
      '  /trade-api/ws/v2 ',
      prod,
      'wss://external-api-ws.kalshi.com/trade-api/ws/v2',
      '/trade-api/ws/v2',
      '',
    ],
    [
      '//evil.example/trade-api/v2/x',
      demo,
      'https://external-api.demo.kalshi.co//evil.example/trade-api/v2/x',
      '//evil.example/trade-api/v2/x',
      '',
    ],
  ])('path %j is sent to the chosen host', (input, host, url, path, query) => {
    const target = resolveRequestTarget(input, host);
    expect(target).toMatchObject({ url, path, query, host, fromFullUrl: false });
  });

  it.each([
    [
      'https://demo-api.kalshi.co/trade-api/v2/portfolio/orders?status=resting',
      'demo-api.kalshi.co',
      '/trade-api/v2/portfolio/orders',
    ],
    [
      'https://api.elections.kalshi.com/trade-api/v2/api_keys',
      'api.elections.kalshi.com',
      '/trade-api/v2/api_keys',
    ],

    [
      'wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2',
      'external-api.demo.kalshi.co',
      '/trade-api/ws/v2',
    ],
  ])('a full URL %s selects its own Kalshi host', (input, hostId, path) => {
    const target = resolveRequestTarget(input, prod);
    expect(target.host?.id).toBe(hostId);
    expect(target.url).toBe(input);
    expect(target.path).toBe(path);
    expect(target.fromFullUrl).toBe(true);
    expect(target.warnings).toEqual([]);
  });

  it('keeps another host (a relay, a mock) and says it is not Kalshi', () => {
    const target = resolveRequestTarget(
      'http://127.0.0.1:8123/trade-api/v2/portfolio/balance',
      demo,
    );
    expect(target.host).toBeUndefined();
    expect(target.url).toBe('http://127.0.0.1:8123/trade-api/v2/portfolio/balance');
    expect(target.warnings.join(' ')).toMatch(/not a current Kalshi API host.*type only the path/);
  });

  it.each([
    [
      'https://trading-api.kalshi.com/trade-api/v2/portfolio/balance',
      /trading-api\.kalshi\.com is not a current Kalshi API host/,
    ],
    ['https://api.kalshi.com/trade-api/v2/portfolio/balance', /api\.kalshi\.com is not a current/],
    ['/portfolio/balance', /did you mean \/trade-api\/v2\/portfolio\/balance\?/],
    ['/trade-api/v2/trade-api/v2/markets', /repeats \/trade-api\/v2/],
    ['/trade-api/v2/api-keys', /api_keys, with an underscore/],
  ])('warns about %s', (input, warning) => {
    expect(resolveRequestTarget(input, prod).warnings.join(' ')).toMatch(warning);
  });

  it('lists placeholders still to fill', () => {
    expect(resolveRequestTarget('/trade-api/v2/api_keys/{api_key_id}', demo).placeholders).toEqual([
      '{api_key_id}',
    ]);
  });

  it.each([
    ['', 'empty-path'],
    ['   ', 'empty-path'],
    ['portfolio/balance', 'path-not-absolute'],
    ['https://exa mple.com/x', 'invalid-url'],
    ['ftp://external-api.kalshi.com/trade-api/v2/x', 'invalid-url'],
  ])('refuses %j with %s', (input, code) => {
    const call = () => resolveRequestTarget(input, demo);
    expect(call).toThrow(RequestFormatError);
    try {
      call();
    } catch (error) {
      expect((error as RequestFormatError).code).toBe(code);
    }
  });
});

describe('renderCurl', () => {
  it('quotes a body with a single quote so the shell passes it through unchanged', () => {
    const body = `{"name": "Bob's key $HOME \`id\`", "note": "a\\nb"}`;
    const request = buildKalshiRequest({
      method: 'POST',
      url: 'https://external-api.kalshi.com/trade-api/v2/api_keys',
      authHeaders: auth,
      body,
    });
    expect(shellArgs(renderCurl(request))).toEqual([
      '--globoff',
      '-X',
      'POST',
      'https://external-api.kalshi.com/trade-api/v2/api_keys',
      '-H',
      `KALSHI-ACCESS-KEY: ${auth['KALSHI-ACCESS-KEY']}`,
      '-H',
      `KALSHI-ACCESS-TIMESTAMP: ${auth['KALSHI-ACCESS-TIMESTAMP']}`,
      '-H',
      `KALSHI-ACCESS-SIGNATURE: ${auth['KALSHI-ACCESS-SIGNATURE']}`,
      '-H',
      'Content-Type: application/json',
      '--data-raw',
      body,
    ]);
  });

  it('sends the URL with its query, and no Content-Type or -X for a GET', () => {
    const url =
      'https://external-api.demo.kalshi.co/trade-api/v2/portfolio/orders?status=resting&cursor=a&b';
    const args = shellArgs(
      renderCurl(buildKalshiRequest({ method: 'GET', url, authHeaders: auth })),
    );
    expect(args.slice(0, 2)).toEqual(['--globoff', url]);
    expect(args).not.toContain('-X');
    expect(args.join('\n')).not.toMatch(/Content-Type/);
  });

  it('keeps -X DELETE without a body', () => {
    const url = 'https://external-api.kalshi.com/trade-api/v2/api_keys/k1';
    expect(
      shellArgs(
        renderCurl(buildKalshiRequest({ method: 'DELETE', url, authHeaders: auth, body: '  ' })),
      ),
    ).toEqual([
      '--globoff',
      '-X',
      'DELETE',
      url,
      '-H',
      `KALSHI-ACCESS-KEY: ${auth['KALSHI-ACCESS-KEY']}`,
      '-H',
      `KALSHI-ACCESS-TIMESTAMP: ${auth['KALSHI-ACCESS-TIMESTAMP']}`,
      '-H',
      `KALSHI-ACCESS-SIGNATURE: ${auth['KALSHI-ACCESS-SIGNATURE']}`,
    ]);
  });

  it('turns curl globbing off, so [ ] and { } in a query are sent as typed', () => {
    const url = 'https://external-api.kalshi.com/trade-api/v2/markets?tickers=[A,B]&x={C,D}';
    const args = shellArgs(
      renderCurl(buildKalshiRequest({ method: 'GET', url, authHeaders: auth })),
    );
    expect(args).toContain('--globoff');
    expect(args).toContain(url);
  });

  it('renders websocat with the wss:// URL first: websocat 1.x would read a URL after -H as a header', () => {
    const url = 'wss://external-api-ws.kalshi.com/trade-api/ws/v2';
    const args = shellArgs(
      renderWebsocat(buildKalshiRequest({ method: 'GET', url, authHeaders: auth })),
    );
    expect(args).toEqual([
      url,
      ...Object.entries(auth).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    ]);
  });
});

describe('renderFetch', () => {
  it('is valid as a CommonJS file (node --check), where top-level await is not', () => {
    const request = buildKalshiRequest({
      method: 'POST',
      url: 'https://external-api.kalshi.com/trade-api/v2/api_keys',
      authHeaders: auth,
      body: '{"name":"a\u2028b \\ \"q\" \'s\'"}',
    });
    const dir = mkdtempSync(join(tmpdir(), 'kalshi-keys-fetch-'));
    try {
      const file = join(dir, 'snippet.cjs');
      writeFileSync(file, renderFetch(request));
      expect(() =>
        execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' }),
      ).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('calls fetch with the URL, method, headers and body when run', async () => {
    const body = `{"name":"it's \\"mine\\""}`;
    const request: KalshiRequest = buildKalshiRequest({
      method: 'POST',
      url: 'https://external-api.kalshi.com/trade-api/v2/api_keys?x=1',
      authHeaders: auth,
      body,
    });
    const calls: unknown[][] = [];
    const fakeFetch = async (...args: unknown[]) => {
      calls.push(args);
      return { status: 201, text: async () => '{}' };
    };
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      ...a: string[]
    ) => (...b: unknown[]) => Promise<void>;
    await new AsyncFunction('fetch', 'console', renderFetch(request))(fakeFetch, { log: () => {} });
    expect(calls).toEqual([
      [
        request.url,
        {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body,
          redirect: 'manual',
        },
      ],
    ]);
  });
});

describe('presets', () => {
  it.each([
    ['balance', 'GET', '/trade-api/v2/portfolio/balance', ''],
    ['positions', 'GET', '/trade-api/v2/portfolio/positions', ''],
    ['orders', 'GET', '/trade-api/v2/portfolio/orders', '?status=resting'],
    ['list-api-keys', 'GET', '/trade-api/v2/api_keys', ''],
    ['delete-api-key', 'DELETE', '/trade-api/v2/api_keys/%7Bapi_key_id%7D', ''],
    ['websocket', 'GET', '/trade-api/ws/v2', ''],
  ] as const)('%s: %s %s (query %j)', (id, method, path, query) => {
    const preset = requestPreset(id);
    expect(preset.method).toBe(method);
    const target = resolveRequestTarget(preset.path, prod);
    expect(target.path).toBe(path);
    expect(target.query).toBe(query);
    expect(target.warnings).toEqual([]);
  });

  it('covers every preset in the table above', () => {
    expect(REQUEST_PRESETS.map((p) => p.id).sort()).toEqual([
      'balance',
      'delete-api-key',
      'list-api-keys',
      'orders',
      'positions',
      'websocket',
    ]);
  });

  it('the WebSocket preset goes to the wss:// host of the environment', () => {
    const target = resolveRequestTarget(requestPreset('websocket').path, demo);
    expect(target.url).toBe('wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2');
    expect(target.websocket).toBe(true);
    expect(requestPreset('websocket').note).toMatch(
      /Browsers cannot set these headers on a WebSocket/,
    );
  });

  it('the WebSocket preset says which curl opens wss:// (earlier ones answer "Protocol wss not supported")', () => {
    expect(requestPreset('websocket').note).toMatch(/curl 8\.11 or later/);
  });

  it('the delete preset asks for the key ID to fill', () => {
    expect(resolveRequestTarget(requestPreset('delete-api-key').path, demo).placeholders).toEqual([
      '{api_key_id}',
    ]);
  });

  it('has no preset that registers a key: that is Register on the key page, always with scopes', () => {
    expect(REQUEST_PRESETS.some((p) => p.method === 'POST' && p.path.endsWith('/api_keys'))).toBe(
      false,
    );
  });

  it("links each environment to Kalshi's own API keys page", () => {
    expect(KALSHI_API_KEYS_PAGES).toEqual({
      demo: 'https://demo.kalshi.co/account/profile',
      production: 'https://kalshi.com/account/profile',
    });
  });
});

describe('jsonBodyProblem', () => {
  it.each(['', '  ', '{}', '{"name": "x", "public_key": "y"}', '[1, 2]'])('accepts %j', (body) => {
    expect(jsonBodyProblem(body)).toBeNull();
  });
  it.each(['{', "{'name': 'x'}", '{"a": 1,}', 'name=x'])('explains %j', (body) => {
    expect(jsonBodyProblem(body)).toMatch(/not valid JSON.*fix it, or clear the body/);
  });
});
