// relay/kalshi-relay.mjs as users run it: a child process on a free loopback port, in front of
// (a) the Kalshi mock (tests/mock/kalshi-mock.ts), which refuses any request with an Origin header
// and checks signatures with node:crypto as Kalshi does, and (b) a recorder that keeps every byte
// that arrived. A second "evil" server counts connections: no hostile target may ever reach it.
import { spawnSync } from 'node:child_process';
import { constants, randomUUID, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KALSHI_HOSTS } from '../../src/core/kalshi';
import { startKalshiMock, type KalshiMock } from '../mock/kalshi-mock';
import { RELAY_FILE, spawnRelay, type RunningRelay } from './spawn-relay';
import { nodeRsaKey } from '../helpers/keys';

const PAGE = 'https://keys.example';
const HOST = 'external-api.demo.kalshi.co';
const bootstrap = nodeRsaKey();
const publicPem = bootstrap.publicPem;

/** Kalshi's three headers for `method` + `path` (query stripped), signed with node:crypto. */
function signed(keyId: string, method: string, pathAndQuery: string): Record<string, string> {
  const timestamp = String(Date.now());
  const message = timestamp + method + pathAndQuery.split('?')[0];
  const signature = sign('sha256', Buffer.from(message), {
    key: bootstrap.privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  }).toString('base64');
  return {
    'KALSHI-ACCESS-KEY': keyId,
    'KALSHI-ACCESS-TIMESTAMP': timestamp,
    'KALSHI-ACCESS-SIGNATURE': signature,
  };
}

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  signatureOk: boolean;
}

/** Records what arrives; refuses Origin like Kalshi; /slow never answers; /redirect is a 302. */
function recorder(redirectTo: () => string) {
  const seen: Recorded[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [keyId, timestamp, signature] = ['key', 'timestamp', 'signature'].map((h) =>
        String(req.headers[`kalshi-access-${h}`] ?? ''),
      );
      const message = `${timestamp}${req.method}${(req.url ?? '').split('?')[0]}`;
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        signatureOk:
          !!keyId &&
          verify(
            'sha256',
            Buffer.from(message),
            { key: publicPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
            Buffer.from(signature, 'base64'),
          ),
      });
      if (req.headers.origin) {
        res.writeHead(403).end('{"error":"origin"}');
      } else if (req.url?.startsWith('/trade-api/v2/redirect')) {
        res.writeHead(302, { Location: redirectTo() }).end();
      } else if (!req.url?.startsWith('/trade-api/v2/slow')) {
        // (/slow stays silent: the relay must give up.)
        res
          .writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': 'session=1' })
          .end('{"ok":true}');
      }
    });
  });
  server.on('connection', () => connections++);
  return { server, seen, connections: () => connections };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/** Sends `text` as raw bytes and returns the status and body of the first answer. */
function raw(base: string, text: string): Promise<{ status: number; body: string; head: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let data = '';
    socket.on('data', (c) => (data += c.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body, head });
    });
    socket.setTimeout(5000, () => socket.destroy());
  });
}

let mock: KalshiMock;
let rec: ReturnType<typeof recorder>;
let evil: Server;
let evilUrl = '';
let evilConnections = 0;
let viaMock: RunningRelay;
let viaRecorder: RunningRelay;

beforeAll(async () => {
  mock = await startKalshiMock({ bootstrapPublicKeyPem: publicPem });
  rec = recorder(() => `${evilUrl}/trade-api/v2/portfolio/balance`);
  evil = createServer((_req, res) => res.end('evil'));
  evil.on('connection', () => evilConnections++);
  evilUrl = await listen(evil);
  const recUrl = await listen(rec.server);
  [viaMock, viaRecorder] = await Promise.all([
    spawnRelay(['--port', '0', '--origin', PAGE, '--upstream', mock.url]),
    spawnRelay(
      ['--port', '0', '--origin', PAGE, '--origin', 'http://127.0.0.1:4173', '--upstream', recUrl],
      {
        KALSHI_RELAY_TIMEOUT_MS: '1500',
      },
    ),
  ]);
});

afterAll(async () => {
  await Promise.all([viaMock?.stop(), viaRecorder?.stop()]);
  rec.server.closeAllConnections();
  evil.closeAllConnections();
  await Promise.all([
    mock.close(),
    new Promise((r) => rec.server.close(r)),
    new Promise((r) => evil.close(r)),
  ]);
});

describe('kalshi-relay.mjs forwards signed requests unchanged', () => {
  it('prints the address to paste, the accepted origins and how to stop it', () => {
    expect(viaMock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const start = viaMock.lines.slice(0, 5).join('\n');
    expect(start).toContain(`Relay URL: ${viaMock.url}`);
    expect(start).toMatch(/Accepts pages from: https:\/\/keys\.example/);
    expect(start).toMatch(/Ctrl\+C/);
  });

  it('a signed GET with a query arrives with path, query and the three headers unchanged, and nothing of the browser', async () => {
    const path = '/trade-api/v2/portfolio/orders?status=resting&tickers=%5BA%2CB%5D&limit=5';
    const headers = signed('key-1', 'GET', path);
    const before = rec.seen.length;
    const res = await fetch(`${viaRecorder.url}/${HOST}${path}`, {
      headers: {
        ...headers,
        Origin: PAGE,
        Referer: `${PAGE}/secret-page`,
        Cookie: 'session=abc',
        Authorization: 'Bearer x',
        'X-Forwarded-For': '10.0.0.1',
        Accept: 'application/json',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(res.headers.get('set-cookie')).toBeNull();
    const got = rec.seen.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ method: 'GET', url: path, signatureOk: true });
    for (const [name, value] of Object.entries(headers)) {
      expect(got[0]!.headers[name.toLowerCase()]).toBe(value);
    }
    expect(got[0]!.headers['x-kalshi-upstream']).toBe(HOST);
    expect(got[0]!.headers.accept).toBe('application/json');
    expect(Object.keys(got[0]!.headers).sort()).toEqual(
      [
        'accept',
        'connection',
        'host',
        'kalshi-access-key',
        'kalshi-access-signature',
        'kalshi-access-timestamp',
        'x-kalshi-upstream',
      ].sort(),
    );
  });

  it('a signed POST arrives with its body byte for byte, Content-Type kept', async () => {
    const path = '/trade-api/v2/api_keys';
    const body = Buffer.from(
      JSON.stringify({ name: 'Bot \'q\' "dq" 🔑 \\ é', public_key: publicPem }) + '\r\n',
    );
    const headers = signed('key-2', 'POST', path);
    const before = rec.seen.length;
    const res = await fetch(`${viaRecorder.url}/api.elections.kalshi.com${path}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', Origin: PAGE },
      body,
    });
    expect(res.status).toBe(200);
    const [got] = rec.seen.slice(before);
    expect(got).toMatchObject({ method: 'POST', url: path, signatureOk: true });
    expect(got!.body.equals(body)).toBe(true);
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['content-length']).toBe(String(body.length));
    expect(got!.headers['x-kalshi-upstream']).toBe('api.elections.kalshi.com');
    expect(got!.headers.origin).toBeUndefined();
  });

  it('the Kalshi mock (which refuses Origin) accepts a signed GET and a signed POST sent by a page', async () => {
    const balance = '/trade-api/v2/portfolio/balance';
    const res = await fetch(`${viaMock.url}/${HOST}${balance}`, {
      headers: { ...signed(mock.bootstrapKeyId, 'GET', balance), Origin: PAGE },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ balance: 123456 });
    const other = nodeRsaKey();
    const pem = other.publicPem;
    const created = await fetch(`${viaMock.url}/${HOST}/trade-api/v2/api_keys`, {
      method: 'POST',
      headers: {
        ...signed(mock.bootstrapKeyId, 'POST', '/trade-api/v2/api_keys'),
        'Content-Type': 'application/json',
        Origin: PAGE,
      },
      body: JSON.stringify({ name: 'new', public_key: pem }),
    });
    expect(created.status).toBe(201);
    const { api_key_id } = (await created.json()) as { api_key_id: string };
    expect(mock.registeredKeys.get(api_key_id)?.publicKeyPem).toBe(pem);
  });

  it('answers an accepted preflight itself (Private Network Access included), forwarding nothing', async () => {
    const before = rec.connections();
    const res = await fetch(`${viaRecorder.url}/${HOST}/trade-api/v2/api_keys`, {
      method: 'OPTIONS',
      headers: {
        Origin: PAGE,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers':
          'content-type,kalshi-access-key,kalshi-access-signature,kalshi-access-timestamp',
        'Access-Control-Request-Private-Network': 'true',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE');
    const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase().split(', ');
    for (const h of ['kalshi-access-key', 'kalshi-access-timestamp', 'kalshi-access-signature']) {
      expect(allowed).toContain(h);
    }
    expect(allowed).toContain('content-type');
    expect(res.headers.get('access-control-allow-private-network')).toBe('true');
    expect(rec.connections()).toBe(before);
  });

  it.each(['GET', 'OPTIONS'])(
    'refuses %s from an origin it was not started for with 403 and the command, forwarding nothing',
    async (method) => {
      const before = rec.connections();
      const res = await fetch(`${viaRecorder.url}/${HOST}/trade-api/v2/portfolio/balance`, {
        method,
        headers: { Origin: 'https://other.example', 'Access-Control-Request-Method': 'GET' },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const { error } = (await res.json()) as { error: string };
      expect(error).toContain('node kalshi-relay.mjs --origin https://other.example');
      expect(rec.connections()).toBe(before);
    },
  );

  it('forwards a request without Origin (curl)', async () => {
    const path = '/trade-api/v2/portfolio/balance';
    const res = await fetch(`${viaMock.url}/${HOST}${path}`, {
      headers: signed(mock.bootstrapKeyId, 'GET', path),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('kalshi-relay.mjs refuses hostile targets before any connection', () => {
  const E = () => new URL(evilUrl).host;
  const K = HOST;
  const P = '/trade-api/v2/portfolio/balance';
  // [label, raw request line target (or whole request line), extra headers]
  const hostile: [string, () => string][] = [
    ['absolute-form to another server', () => `GET ${evilUrl}${P} HTTP/1.1`],
    ['absolute-form to Kalshi', () => `GET https://${K}${P} HTTP/1.1`],
    ['CONNECT to another server', () => `CONNECT ${E()} HTTP/1.1`],
    ['CONNECT to Kalshi', () => `CONNECT ${K}:443 HTTP/1.1`],
    ['another host', () => `GET /evil.example${P} HTTP/1.1`],
    ['IP literal with port', () => `GET /${E()}${P} HTTP/1.1`],
    ['IP literal', () => `GET /127.0.0.1${P} HTTP/1.1`],
    ['IPv6 literal', () => `GET /[::1]${P} HTTP/1.1`],
    ['Kalshi host with a port', () => `GET /${K}:443${P} HTTP/1.1`],
    ['user-info', () => `GET /user@${K}${P} HTTP/1.1`],
    ['user-info to another server', () => `GET /${K}@${E()}${P} HTTP/1.1`],
    ['encoded slash in the host', () => `GET /${K}%2f@${E()}${P} HTTP/1.1`],
    ['encoded slash in the path', () => `GET /${K}/trade-api/v2%2F..%2F..%2Fx HTTP/1.1`],
    ['encoded dots', () => `GET /${K}/trade-api/v2/%2e%2e/%2E%2E/x HTTP/1.1`],
    ['dot-dot segments', () => `GET /${K}/trade-api/v2/../../${E()}/x HTTP/1.1`],
    ['dot segment', () => `GET /${K}/trade-api/v2/./portfolio/balance HTTP/1.1`],
    ['backslash in the host', () => `GET /${K}\\@${E()}${P} HTTP/1.1`],
    ['backslash in the path', () => `GET /${K}/trade-api/v2\\..\\..\\x HTTP/1.1`],
    ['protocol-relative', () => `GET //${E()}${P} HTTP/1.1`],
    ['empty segment', () => `GET /${K}//trade-api/v2/portfolio/balance HTTP/1.1`],
    ['outside /trade-api/v2/', () => `GET /${K}/admin HTTP/1.1`],
    ['another API version', () => `GET /${K}/trade-api/v1/portfolio/balance HTTP/1.1`],
    ['prefix without its slash', () => `GET /${K}/trade-api/v2 HTTP/1.1`],
    ['Kalshi host as a prefix of another', () => `GET /${K}.evil.example${P} HTTP/1.1`],
    ['Kalshi WebSocket host', () => `GET /external-api-ws.kalshi.com${P} HTTP/1.1`],
    ['encoded host', () => `GET /%65xternal-api.demo.kalshi.co${P} HTTP/1.1`],
    ['asterisk-form', () => `OPTIONS * HTTP/1.1`],
    ['TRACE', () => `TRACE /${K}${P} HTTP/1.1`],
    ['PATCH', () => `PATCH /${K}${P} HTTP/1.1`],
  ];

  it.each(hostile)('%s: 4xx with a reason, and no connection anywhere', async (_label, line) => {
    const before = [rec.connections(), evilConnections, mock.requests.length];
    for (const relay of [viaRecorder, viaMock]) {
      const host = new URL(relay.url).host;
      const answer = await raw(
        relay.url,
        `${line()}\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer.status, answer.head).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(JSON.parse(answer.body)).toEqual({ error: expect.stringMatching(/\w/) });
    }
    // Let a connection the relay might have opened land before counting.
    await new Promise((r) => setTimeout(r, 30));
    expect([rec.connections(), evilConnections, mock.requests.length]).toEqual(before);
  });

  it('refuses a valid path under another Host name (DNS rebinding), forwarding nothing', async () => {
    const before = rec.connections();
    const answer = await raw(
      viaRecorder.url,
      `GET /${HOST}/trade-api/v2/portfolio/balance HTTP/1.1\r\nHost: rebind.example:${new URL(viaRecorder.url).port}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer.status).toBe(421);
    expect(rec.connections()).toBe(before);
    // Its own address by name (localhost) is fine.
    const port = new URL(viaRecorder.url).port;
    const local = await raw(
      viaRecorder.url,
      `GET /${HOST}/trade-api/v2/portfolio/balance HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(local.status).toBe(200);
  });

  it('has at least 20 hostile targets', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(20);
  });
});

describe('kalshi-relay.mjs limits', () => {
  it('refuses a body over 1 MiB with 413 and forwards nothing (Content-Length and chunked)', async () => {
    const before = rec.connections();
    const url = `${viaRecorder.url}/${HOST}/trade-api/v2/api_keys`;
    const res = await fetch(url, { method: 'POST', body: Buffer.alloc(1024 * 1024 + 1, 0x61) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/1 MiB/) });
    const chunk = 'a'.repeat(64 * 1024);
    const chunked = `POST /${HOST}/trade-api/v2/api_keys HTTP/1.1\r\nHost: ${new URL(url).host}\r\nTransfer-Encoding: chunked\r\n\r\n${`${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(17)}0\r\n\r\n`;
    expect((await raw(viaRecorder.url, chunked)).status).toBe(413);
    expect(rec.connections()).toBe(before);
  });

  it('a body of exactly 1 MiB is forwarded', async () => {
    const before = rec.seen.length;
    const body = Buffer.alloc(1024 * 1024, 0x62);
    const res = await fetch(`${viaRecorder.url}/${HOST}/trade-api/v2/api_keys`, {
      method: 'POST',
      body,
    });
    expect(res.status).toBe(200);
    expect(rec.seen[before]!.body.equals(body)).toBe(true);
  });

  it('answers 504 when Kalshi stays silent (timeout shortened with KALSHI_RELAY_TIMEOUT_MS)', async () => {
    const started = Date.now();
    const res = await fetch(`${viaRecorder.url}/${HOST}/trade-api/v2/slow`);
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/did not answer/) });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answers a 3xx with 502 naming only the host it pointed to: no Location, nothing followed', async () => {
    const before = [rec.seen.length, evilConnections];
    const res = await fetch(`${viaRecorder.url}/${HOST}/trade-api/v2/redirect`, {
      redirect: 'manual',
      headers: { Origin: PAGE },
    });
    expect(res.status).toBe(502);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('access-control-expose-headers') ?? '').not.toMatch(/location/i);
    expect(await res.json()).toEqual({
      error: `Kalshi answered with a redirect to ${new URL(evilUrl).host}; nothing was sent there.`,
    });
    await new Promise((r) => setTimeout(r, 50));
    expect([rec.seen.length, evilConnections]).toEqual([before[0]! + 1, before[1]]);
  });

  it('does not answer on a non-loopback address of this machine', async () => {
    const addresses = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    const port = Number(new URL(viaRecorder.url).port);
    // Without a network interface (a sandbox), the printed address is all there is to check.
    expect(viaRecorder.url).toBe(`http://127.0.0.1:${port}`);
    for (const address of addresses) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port, timeout: 2000 }, () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
        socket.on('timeout', () => {
          socket.destroy();
          resolve('timeout');
        });
      });
      expect(outcome, address).not.toBe('connected');
    }
  });

  it('500 signed requests, 50 at a time: all answered 200 and all verified by the mock', async () => {
    const path = '/trade-api/v2/portfolio/balance';
    const before = mock.requests.length;
    const started = Date.now();
    const statuses: number[] = [];
    // 50 kept-alive connections, as a client with 50 at a time holds (fetch may open more than it
    // uses, and the relay takes 64 at most).
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        Array.from(
          { length: 50 },
          () =>
            new Promise<number>((resolve, reject) =>
              get(
                `${viaMock.url}/${HOST}${path}`,
                {
                  agent,
                  headers: { ...signed(mock.bootstrapKeyId, 'GET', path), Origin: PAGE },
                },
                (r) => r.resume().on('end', () => resolve(r.statusCode ?? 0)),
              ).on('error', reject),
            ),
        ),
      );
      statuses.push(...answers);
    }
    agent.destroy();
    expect(statuses).toEqual(Array(500).fill(200));
    const seen = mock.requests.slice(before);
    expect(seen).toHaveLength(500);
    expect(seen.every((r) => r.status === 200 && r.headers.origin === undefined)).toBe(true);
    expect(Date.now() - started).toBeLessThan(25_000);
  });
});

describe('kalshi-relay.mjs log lines', () => {
  it('one line per request: time, method, host, path, status, ms; never the signature, key ID, query or body', async () => {
    const keyId = randomUUID();
    const path = '/trade-api/v2/api_keys';
    const headers = signed(keyId, 'POST', path);
    const body = '{"name":"secret-body-text"}';
    const from = viaRecorder.lines.length;
    await fetch(`${viaRecorder.url}/${HOST}${path}?cursor=secret-query`, {
      method: 'POST',
      headers: { ...headers, Origin: PAGE },
      body,
    });
    const deleted = randomUUID();
    await fetch(`${viaRecorder.url}/${HOST}${path}/${deleted}`, {
      method: 'DELETE',
      headers: signed(keyId, 'DELETE', `${path}/${deleted}`),
    });
    await new Promise((r) => setTimeout(r, 50));
    const lines = viaRecorder.lines.slice(from);
    expect(lines).toEqual([
      expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z POST external-api\.demo\.kalshi\.co \/trade-api\/v2\/api_keys 200 \d+ms$/,
      ),
      expect.stringMatching(
        / DELETE external-api\.demo\.kalshi\.co \/trade-api\/v2\/api_keys\/\{api_key\} 200 \d+ms$/,
      ),
    ]);
    const text = lines.join('\n');
    for (const secret of [
      keyId,
      deleted,
      headers['KALSHI-ACCESS-SIGNATURE']!,
      headers['KALSHI-ACCESS-SIGNATURE']!.slice(0, 20),
      'secret-query',
      'secret-body-text',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('kalshi-relay.mjs options', () => {
  it.each([
    [['--bogus']],
    [['positional']],
    [['--port']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--port=-1']],
    [['--origin']],
    [['--origin', 'ftp://x.example']],
    [['--origin', 'https://x.example/path']],
    [['--origin', '*']],
    [['--upstream', 'not a url']],
    [['--host', 'evil.example']],
  ])('%j: a one-line error and exit code 2', (args) => {
    const result = spawnSync(process.execPath, [RELAY_FILE, ...args], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^kalshi-relay: /);
  });

  it('--host to a non-loopback address prints a warning', async () => {
    const relay = await spawnRelay(['--host', '0.0.0.0', '--port', '0']);
    try {
      await expect
        .poll(() => relay.stderr.join('\n'))
        .toMatch(/^WARNING: .*anyone who can reach this address/);
    } finally {
      await relay.stop();
    }
  });

  it("copies Kalshi's REST hosts exactly (src/core/kalshi.ts KALSHI_HOSTS)", () => {
    const text = readFileSync(RELAY_FILE, 'utf8');
    const list = /const KALSHI_REST_HOSTS = \[([^\]]*)\]/.exec(text)?.[1] ?? '';
    const copied = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(copied).toEqual(KALSHI_HOSTS.map((h) => h.id));
  });
});
