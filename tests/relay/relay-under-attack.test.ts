// relay/kalshi-relay.mjs against its own upstream and its own machine: a raw-socket server in
// Kalshi's place (--upstream) that sends whatever bytes a test gives it, and raw local clients.
// One test (or group) per way the relay was found to crash, hang, hold memory, fan out, follow,
// leak a key ID, ignore an abort, or give a command that does not work.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OK_ANSWER,
  rawClient,
  rawRequest,
  startRawUpstream,
  type RawUpstream,
} from './raw-upstream';
import { RELAY_FILE, spawnRelay, type RunningRelay } from './spawn-relay';

const PAGE = 'https://keys.example';
const BALANCE = '/trade-api/v2/portfolio/balance';
const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let upstream: RawUpstream;
/** Deadline 20 s: whatever these tests see in a few seconds is not the deadline. */
let relay: RunningRelay;
/** Deadline 0.8 s (KALSHI_RELAY_TIMEOUT_MS), which also shortens the body deadline. */
let quick: RunningRelay;

beforeAll(async () => {
  upstream = await startRawUpstream();
  [relay, quick] = await Promise.all([
    spawnRelay(['--port', '0', '--origin', PAGE, '--upstream', upstream.url], {
      KALSHI_RELAY_TIMEOUT_MS: '20000',
    }),
    spawnRelay(['--port', '0', '--origin', PAGE, '--upstream', upstream.url], {
      KALSHI_RELAY_TIMEOUT_MS: '800',
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([relay?.stop(), quick?.stop()]);
  await upstream?.close();
});

/** Sends one GET for the balance through `through` and returns the first answer. */
async function getBalance(through: RunningRelay, timeoutMs = 5000) {
  const client = await rawClient(through.url, rawRequest(through.url, 'GET', BALANCE));
  try {
    const [answer] = await client.waitFor(1, timeoutMs);
    return answer!;
  } finally {
    client.socket.destroy();
  }
}

describe('whatever upstream sends, the relay answers and keeps serving', () => {
  it.each(['099 Weird', '000 Zero', '999 Odd'])(
    'a status line "HTTP/1.1 %s" becomes a 502 naming it, and the next request is served',
    async (statusLine) => {
      upstream.answer((c) =>
        c.socket.write(`HTTP/1.1 ${statusLine}\r\nContent-Length: 2\r\n\r\nhi`),
      );
      const answer = await getBalance(relay);
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body)).toEqual({
        error: `external-api.demo.kalshi.co answered with status ${Number(statusLine.slice(0, 3))}, which HTTP does not have.`,
      });
      upstream.answer((c) => c.socket.write(OK_ANSWER));
      const next = await getBalance(relay);
      expect([next.status, next.body]).toEqual([200, '{"ok":true}']);
      expect(relay.child.exitCode).toBeNull();
    },
  );

  it('a 101 Switching Protocols (Upgrade: websocket) ends the request with 502 at once, not never', async () => {
    upstream.answer((c) =>
      c.socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      ),
    );
    const started = Date.now();
    const answer = await getBalance(relay, 3000);
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body).error).toMatch(/answered 101 \(switching protocols\)/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    [
      'a 103 Early Hints, then the connection closed',
      'HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n',
    ],
    ['a connection closed without a byte', ''],
    ['half a status line, then the connection closed', 'HTTP/1.1 20'],
  ])('%s: 502 at once', async (_label, bytes) => {
    upstream.answer((c) => c.socket.end(bytes));
    const started = Date.now();
    const answer = await getBalance(relay, 3000);
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringMatching(/\w/) });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('deadlines', () => {
  it('an answer trickling in one byte at a time is cut off at the total deadline', async () => {
    upstream.answer((c) => {
      c.socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n');
      // One byte every 150 ms: an idle timeout of 0.8 s never fires.
      const drip = setInterval(() => c.socket.write('x'), 150);
      c.socket.once('close', () => clearInterval(drip));
    });
    const from = quick.lines.length;
    const client = await rawClient(quick.url, rawRequest(quick.url, 'GET', BALANCE));
    const { ms } = await Promise.race([client.closed, sleep(5000).then(() => ({ ms: Infinity }))]);
    client.socket.destroy();
    // 0.8 s after the request, not after 100 bytes (15 s).
    expect(ms).toBeGreaterThanOrEqual(700);
    expect(ms).toBeLessThan(3000);
    expect(client.data()).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(client.responses()).toEqual([]);
    await expect
      .poll(() => quick.lines.slice(from).join('\n'))
      .toMatch(
        / GET external-api\.demo\.kalshi\.co \/trade-api\/v2\/portfolio\/balance 200 cut off: .*did not finish its answer within 0\.8 s\. \d+ms$/m,
      );
  });

  it('a silent upstream gets the client a 504 at the deadline', async () => {
    upstream.answer(() => {});
    const started = Date.now();
    const answer = await getBalance(quick, 4000);
    expect(answer.status).toBe(504);
    expect(JSON.parse(answer.body)).toEqual({
      error: 'external-api.demo.kalshi.co did not answer within 0.8 s.',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  it('a body that stops half way gets 408 at the body deadline, the connection closed, nothing forwarded', async () => {
    const before = upstream.requests.length;
    const head = rawRequest(quick.url, 'POST', '/trade-api/v2/portfolio/orders', {
      body: '{"count":1}',
    });
    const client = await rawClient(quick.url, head.slice(0, -5));
    const [answer] = await client.waitFor(1, 4000);
    expect(answer!.status).toBe(408);
    expect(JSON.parse(answer!.body)).toEqual({
      error: 'The body did not arrive within 0.8 s of the headers: not relayed.',
    });
    await Promise.race([client.closed, sleep(2000)]);
    expect(client.isClosed()).toBe(true);
    expect(upstream.requests.length).toBe(before);
  });
});

describe('bounded: connections, requests in flight, bytes held', () => {
  it('the 65th connection is closed at once; the 64 open ones keep theirs; one closed makes room', async () => {
    const bounded = await spawnRelay(['--port', '0', '--upstream', upstream.url], {
      KALSHI_RELAY_TIMEOUT_MS: '8000',
    });
    const clients = [];
    try {
      upstream.answer((c) => c.socket.write(OK_ANSWER));
      // 64 connections, each in the middle of sending a body: not idle, not to be closed.
      const stalled = rawRequest(bounded.url, 'POST', '/trade-api/v2/portfolio/orders', {
        body: '{"count":1}',
      }).slice(0, -8);
      for (let i = 0; i < 64; i++) clients.push(await rawClient(bounded.url, stalled));
      await sleep(200);
      const extra = await rawClient(bounded.url, rawRequest(bounded.url, 'GET', BALANCE));
      clients.push(extra);
      const { ms } = await Promise.race([extra.closed, sleep(3000).then(() => ({ ms: Infinity }))]);
      expect(ms).toBeLessThan(1000);
      expect(extra.data()).toBe('');
      expect(clients.slice(0, 64).filter((c) => c.isClosed())).toHaveLength(0);
      await expect
        .poll(() => bounded.lines.join('\n'))
        .toMatch(/refused 1 connection\(s\): 64 are open already/);

      clients[0]!.socket.destroy();
      await sleep(200);
      const answer = await getBalance(bounded);
      expect(answer.status).toBe(200);
    } finally {
      for (const c of clients) c.socket.destroy();
      await bounded.stop();
    }
  });

  it('past 16 MiB of bodies held at once: 503 with Retry-After, nothing forwarded; room again once they go', async () => {
    const bounded = await spawnRelay(['--port', '0', '--upstream', upstream.url], {
      KALSHI_RELAY_TIMEOUT_MS: '8000',
    });
    const clients = [];
    try {
      upstream.answer((c) => c.socket.write(OK_ANSWER));
      // 16 connections that each declared 1 MiB and sent 1 MiB - 1 byte of it, then stalled.
      const stalledHead = `POST /external-api.demo.kalshi.co/trade-api/v2/portfolio/orders HTTP/1.1\r\nHost: ${new URL(bounded.url).host}\r\nContent-Length: ${MiB}\r\n\r\n`;
      const almost = Buffer.concat([Buffer.from(stalledHead), Buffer.alloc(MiB - 1, 0x61)]);
      for (let i = 0; i < 16; i++) clients.push(await rawClient(bounded.url, almost));
      await sleep(500);
      const before = upstream.requests.length;
      const post = rawRequest(bounded.url, 'POST', '/trade-api/v2/portfolio/orders', {
        body: '{}',
      });
      const refused = await rawClient(bounded.url, post);
      clients.push(refused);
      const [answer] = await refused.waitFor(1);
      expect(answer!.status).toBe(503);
      expect(answer!.headers['retry-after']).toBe('2');
      expect(JSON.parse(answer!.body)).toEqual({
        error:
          'The relay holds 16 MiB of request bodies already: not relayed. Try again in a moment.',
      });
      await sleep(100);
      expect(upstream.requests.length).toBe(before);

      for (const c of clients) c.socket.destroy();
      await sleep(300);
      const again = await rawClient(bounded.url, post);
      clients.push(again);
      expect((await again.waitFor(1))[0]!.status).toBe(200);
      expect(upstream.requests.length).toBe(before + 1);
    } finally {
      for (const c of clients) c.socket.destroy();
      await bounded.stop();
    }
  });

  it('40 pipelined GETs on one connection: at most 8 reach upstream at once, all 40 answered 200', async () => {
    const slow = await startRawUpstream();
    const fanned = await spawnRelay(['--port', '0', '--upstream', slow.url]);
    try {
      slow.answer((c) => setTimeout(() => c.socket.write(OK_ANSWER), 150));
      const one = rawRequest(fanned.url, 'GET', BALANCE);
      const client = await rawClient(fanned.url, one.repeat(40));
      const answers = await client.waitFor(40, 10_000);
      client.socket.destroy();
      expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
      expect(slow.requests).toHaveLength(40);
      expect(slow.maxOpen()).toBeLessThanOrEqual(8);
      expect(slow.maxOpen()).toBeGreaterThanOrEqual(2);
    } finally {
      await fanned.stop();
      await slow.close();
    }
  });
});

describe('nothing followed', () => {
  let elsewhere: Server;
  let elsewhereHost = '';
  let elsewhereHits = 0;
  beforeAll(async () => {
    elsewhere = createServer((_req, res) => res.end('elsewhere'));
    elsewhere.on('connection', () => elsewhereHits++);
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    elsewhereHost = `127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => elsewhere.close(r)));

  it.each([
    ['another server', () => `http://${elsewhereHost}/steal?token=s3cret`, () => elsewhereHost],
    [
      'a path on Kalshi',
      () => '/trade-api/v2/elsewhere?token=s3cret',
      () => 'external-api.demo.kalshi.co',
    ],
  ])(
    'a 302 to %s: 502 naming only the host, no Location, nothing sent there',
    async (_label, location, host) => {
      upstream.answer((c) =>
        c.socket.write(
          `HTTP/1.1 302 Found\r\nLocation: ${location()}\r\nContent-Length: 0\r\n\r\n`,
        ),
      );
      const before = upstream.requests.length;
      const client = await rawClient(
        relay.url,
        rawRequest(relay.url, 'GET', BALANCE, { headers: { Origin: PAGE } }),
      );
      const [answer] = await client.waitFor(1);
      client.socket.destroy();
      expect(answer!.status).toBe(502);
      expect(answer!.headers.location).toBeUndefined();
      expect(answer!.headers['access-control-expose-headers'] ?? '').not.toMatch(/location/i);
      expect(JSON.parse(answer!.body)).toEqual({
        error: `Kalshi answered with a redirect to ${host()}; nothing was sent there.`,
      });
      expect(answer!.body).not.toContain('s3cret');
      await sleep(50);
      expect(upstream.requests.length).toBe(before + 1);
      expect(elsewhereHits).toBe(0);
    },
  );
});

describe('logs', () => {
  it('no spelling of api_keys/<id> logs the key ID', async () => {
    upstream.answer((c) => c.socket.write(OK_ANSWER));
    const spellings = [
      'api_keys',
      '%61pi_keys',
      'api%5fkeys',
      'API_KEYS',
      'api_keys;x=1',
      'Api%5FKeys',
    ];
    const ids = spellings.map(() => randomUUID());
    const from = relay.lines.length;
    for (const [i, spelling] of spellings.entries()) {
      const client = await rawClient(
        relay.url,
        rawRequest(relay.url, 'DELETE', `/trade-api/v2/${spelling}/${ids[i]}`),
      );
      expect((await client.waitFor(1))[0]!.status).toBe(200);
      client.socket.destroy();
    }
    // Every one reached upstream as sent: only the log hides the ID.
    expect(upstream.requests.slice(-spellings.length).map((r) => r.split(' ')[1])).toEqual(
      spellings.map((s, i) => `/trade-api/v2/${s}/${ids[i]}`),
    );
    const deletes = () => relay.lines.slice(from).filter((l) => / DELETE /.test(l));
    await expect.poll(() => deletes().length).toBe(spellings.length);
    const log = deletes().join('\n');
    for (const id of ids) expect(log).not.toContain(id);
    for (const s of spellings) expect(log).toContain(` /trade-api/v2/${s}/{api_key} 200 `);
  });
});

describe('aborts', () => {
  it('a client that goes away aborts the upstream request, and the log says so', async () => {
    upstream.answer(() => {});
    const seen = upstream.connections.length;
    const from = relay.lines.length;
    const client = await rawClient(
      relay.url,
      rawRequest(relay.url, 'POST', '/trade-api/v2/portfolio/orders', { body: '{"count":1}' }),
    );
    await expect.poll(() => upstream.requests.at(-1) ?? '').toMatch(/\{"count":1\}$/);
    const connection = upstream.connections.at(-1)!;
    expect(upstream.connections.length).toBeGreaterThanOrEqual(seen);
    client.socket.destroy();
    const started = Date.now();
    await Promise.race([connection.closed, sleep(3000)]);
    expect(connection.isClosed()).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect
      .poll(() => relay.lines.slice(from).join('\n'))
      .toMatch(
        / POST external-api\.demo\.kalshi\.co \/trade-api\/v2\/portfolio\/orders aborted \d+ms$/m,
      );
  });

  it("a POST that Node's parser rejects after its body (garbage on a Connection: close socket) is not forwarded", async () => {
    upstream.answer((c) => c.socket.write(OK_ANSWER));
    const before = upstream.requests.length;
    const post = rawRequest(relay.url, 'POST', '/trade-api/v2/portfolio/orders', {
      headers: { Connection: 'close' },
      body: '{"count":1}',
    });
    const client = await rawClient(relay.url, `${post}GARBAGE \x01\r\n\r\n`);
    await Promise.race([client.closed, sleep(3000)]);
    expect(client.data()).toMatch(/^HTTP\/1\.1 400 /);
    await sleep(200);
    expect(upstream.requests.length).toBe(before);
  });
});

describe('kept-alive connections to Kalshi', () => {
  it('a GET or DELETE whose kept-alive connection Kalshi resets is sent again once, on a new connection; a POST is not', async () => {
    const own = await startRawUpstream();
    const fresh = await spawnRelay(['--port', '0', '--origin', PAGE, '--upstream', own.url], {
      KALSHI_RELAY_TIMEOUT_MS: '20000',
    });
    try {
      // Each connection answers its first request, then resets: an idle limit crossed just as the
      // relay reused the connection.
      const served = new Map<object, number>();
      own.answer((c) => {
        served.set(c, (served.get(c) ?? 0) + 1);
        if (served.get(c) === 1) c.socket.write(OK_ANSWER);
        else c.socket.resetAndDestroy();
      });
      const send = async (method: string, path: string, body?: string) => {
        const client = await rawClient(fresh.url, rawRequest(fresh.url, method, path, { body }));
        try {
          return (await client.waitFor(1))[0]!;
        } finally {
          client.socket.destroy();
        }
      };
      const sentUpstream = (method: string) =>
        own.requests.filter((r) => r.startsWith(`${method} `)).length;

      expect((await send('GET', BALANCE)).status).toBe(200);
      const get = await send('GET', BALANCE);
      expect([get.status, get.body]).toEqual([200, '{"ok":true}']);
      expect(sentUpstream('GET')).toBe(3);
      const del = await send('DELETE', '/trade-api/v2/api_keys/k-1');
      expect([del.status, del.body]).toEqual([200, '{"ok":true}']);
      expect(sentUpstream('DELETE')).toBe(2);
      // A POST may have made something already: the relay says what happened and sends no copy.
      const post = await send('POST', '/trade-api/v2/api_keys', '{"name":"bot"}');
      expect(post.status).toBe(502);
      expect(JSON.parse(post.body)).toEqual({
        error: 'Could not reach external-api.demo.kalshi.co: ECONNRESET.',
      });
      expect(sentUpstream('POST')).toBe(1);
      expect(own.connections).toHaveLength(3);
      expect(fresh.child.exitCode).toBeNull();
    } finally {
      await fresh.stop();
      await own.close();
    }
  });
});

describe('small things', () => {
  it.each(['null', 'chrome-extension://abcdefghijklmnop'])(
    'a page with Origin %s gets a 403 that names what works (the curl commands), not an --origin that fails',
    async (origin) => {
      const res = await fetch(`${relay.url}/external-api.demo.kalshi.co${BALANCE}`, {
        headers: { Origin: origin },
      });
      expect(res.status).toBe(403);
      const { error } = (await res.json()) as { error: string };
      expect(error).toMatch(/curl commands/);
      expect(error).not.toContain('--origin');
      // What the old text suggested is indeed refused by the relay.
      const tried = spawnSync(process.execPath, [RELAY_FILE, '--origin', origin], {
        encoding: 'utf8',
      });
      expect(tried.status).toBe(2);
    },
  );

  it('refuses to start when its port is taken on [::1] (where http://localhost may go)', async () => {
    const holder = createNetServer();
    await new Promise<void>((resolve, reject) => {
      holder.once('error', reject);
      holder.listen(0, '::1', () => resolve());
    });
    const port = (holder.address() as AddressInfo).port;
    try {
      const started = spawnRelay(['--port', String(port)]);
      const outcome = await started.then(
        async (r) => (await r.stop(), 'started'),
        (error: Error) => error.message,
      );
      expect(outcome).toMatch(/exited \(1\)/);
      expect(outcome).toContain(
        `kalshi-relay: cannot listen on 127.0.0.1:${port}: port ${port} is taken on [::1]`,
      );
    } finally {
      holder.close();
    }
  });

  it('--port 0 picks a port free on both loopback families, and prints it', async () => {
    const picked = await spawnRelay(['--port', '0']);
    try {
      const port = Number(new URL(picked.url).port);
      const probe = createNetServer();
      const outcome = await new Promise<string>((resolve) => {
        probe.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
        probe.listen(port, '::1', () => probe.close(() => resolve('free')));
      });
      expect(outcome).toBe('free');
    } finally {
      await picked.stop();
    }
  });

  it('is type-checked: // @ts-check, and npm run typecheck runs tsc on relay/', () => {
    const source = readFileSync(RELAY_FILE, 'utf8');
    expect(source.split('\n').slice(0, 2)).toContain('// @ts-check');
    const pkg = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'),
    ) as { scripts: Record<string, string> };
    expect(pkg.scripts.typecheck).toContain('tsc --noEmit -p relay/tsconfig.json');
    const tsc = spawnSync(
      fileURLToPath(new URL('../../node_modules/.bin/tsc', import.meta.url)),
      ['--noEmit', '-p', fileURLToPath(new URL('../../relay/tsconfig.json', import.meta.url))],
      { encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it.each([
    [['-p', '5']],
    [['--origin', 'https://a.example', 'extra']],
    [['--port=']],
    [['--', 'x']],
  ])('options through node:util parseArgs: %j gets a one-line error and exit code 2', (args) => {
    const result = spawnSync(process.execPath, [RELAY_FILE, ...args], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^kalshi-relay: (unknown option "[^"]+" \(try --help\)|--port needs a value)\n$/,
    );
  });
});
