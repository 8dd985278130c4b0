// The relay under load (part of `npm run bench`; alone: `node tests/bench/relay-load.mjs`).
// Four floods against relay/kalshi-relay.mjs, each with a fresh relay process (so its peak RSS,
// VmHWM in /proc, belongs to that flood) in front of a local upstream that counts the connections
// it holds at once:
//  1. 1,000 connections that each declare a 1 MiB body, send 1 MiB - 1 byte of it and stall;
//  2. 2,000 pipelined GETs on one connection;
//  3. 1,000 forwarded GETs, 50 connections at a time;
//  4. 150 connections at once against an upstream that answers after 1 s.
// Targets (reported, not enforced): peak RSS < 100 MiB; upstream connections at once <= 8 for the
// pipelined connection and <= 64 overall; the 1,000 GETs all 200.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, get } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';

const RELAY = fileURLToPath(new URL('../../relay/kalshi-relay.mjs', import.meta.url));
const MiB = 1024 * 1024;
const PATH = '/external-api.demo.kalshi.co/trade-api/v2/portfolio/balance';
const RSS_TARGET_MIB = 100;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((s.length - 1) * q))] : NaN;
};

/** The relay process's memory from /proc: current and peak resident set, in MiB. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** An upstream in Kalshi's place that answers every request after `delayMs` and counts sockets. */
async function startUpstream(delayMs) {
  let open = 0;
  let maxOpen = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () =>
      setTimeout(
        () =>
          res
            .writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 13 })
            .end('{"balance":1}'),
        delayMs,
      ),
    );
  });
  server.on('connection', (socket) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    socket.once('close', () => open--);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    maxOpen: () => maxOpen,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Starts the relay in front of `upstreamUrl` and resolves with its URL and process. */
function startRelay(upstreamUrl) {
  const child = spawn(process.execPath, [RELAY, '--port', '0', '--upstream', upstreamUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const url = /^Relay URL: (\S+)$/m.exec(out)?.[1];
      if (url) {
        // The relay logs a line per request: read and drop them so its stdout never blocks.
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({
          url,
          child,
          host: new URL(url).host,
          port: Number(new URL(url).port),
          baseline: memoryOf(child.pid).rss,
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the relay exited (${code}) before listening`)));
  });
}

/** One raw connection that writes `bytes`, and records what came back and when it closed. */
function rawConnection(port, bytes) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const state = { socket, data: '', closed: false, error: '' };
    socket.on('data', (chunk) => (state.data += chunk.toString('latin1')));
    socket.on('error', (error) => (state.error = error.code ?? error.message));
    socket.once('close', () => (state.closed = true));
    socket.once('connect', () => {
      socket.write(bytes, () => {});
      resolve(state);
    });
    socket.once('error', () => resolve(state));
  });
}

const statusOf = (data) => Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);

async function stalledConnections(count = 1000) {
  const upstream = await startUpstream(0);
  const relay = await startRelay(upstream.url);
  const head = `POST ${PATH} HTTP/1.1\r\nHost: ${relay.host}\r\nContent-Type: application/json\r\nContent-Length: ${MiB}\r\n\r\n`;
  const almost = Buffer.concat([Buffer.from(head), Buffer.alloc(MiB - 1, 0x20)]);
  const connections = await Promise.all(
    Array.from({ length: count }, () => rawConnection(relay.port, almost)),
  );
  // Long enough for every accepted connection to deliver its bytes, short of the 10 s body deadline.
  await sleep(4000);
  const memory = memoryOf(relay.child.pid);
  const refusedAtOnce = connections.filter((c) => c.closed && !c.data).length;
  const busy = connections.filter((c) => statusOf(c.data) === 503).length;
  const held = connections.filter((c) => !c.closed && !c.data).length;
  for (const c of connections) c.socket.destroy();
  await relay.stop();
  await upstream.close();
  return {
    name: `${count} stalled connections, 1 MiB - 1 byte each`,
    sent: count,
    answered200: 0,
    refused: refusedAtOnce + busy,
    detail: `${refusedAtOnce} closed at once, ${busy} answered 503, ${held} held (stalled)`,
    upstreamAtOnce: upstream.maxOpen(),
    p50: NaN,
    p99: NaN,
    baselineRss: relay.baseline,
    peakRss: memory.peak,
    target: `RSS < ${RSS_TARGET_MIB} MiB`,
    met: memory.peak < RSS_TARGET_MIB && upstream.requests() === 0,
  };
}

async function pipelined(count = 2000) {
  const upstream = await startUpstream(10);
  const relay = await startRelay(upstream.url);
  const one = `GET ${PATH} HTTP/1.1\r\nHost: ${relay.host}\r\n\r\n`;
  const started = Date.now();
  const times = [];
  const statuses = [];
  await new Promise((resolve, reject) => {
    const socket = connect(relay.port, '127.0.0.1', () => socket.write(one.repeat(count)));
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) break;
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(pending.slice(0, end))?.[1] ?? 0);
        if (pending.length < end + 4 + length) break;
        statuses.push(statusOf(pending));
        times.push(Date.now() - started);
        pending = pending.slice(end + 4 + length);
      }
      if (statuses.length === count) {
        socket.destroy();
        resolve();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
  const memory = memoryOf(relay.child.pid);
  await relay.stop();
  await upstream.close();
  const ok = statuses.filter((s) => s === 200).length;
  return {
    name: `${count} pipelined GETs on one connection`,
    sent: count,
    answered200: ok,
    refused: count - ok,
    detail: `all in ${Date.now() - started} ms`,
    upstreamAtOnce: upstream.maxOpen(),
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    baselineRss: relay.baseline,
    peakRss: memory.peak,
    target: 'upstream at once <= 8, all 200',
    met: upstream.maxOpen() <= 8 && ok === count,
  };
}

/** GET through the relay with `agent`; resolves with the status (0 when the connection failed). */
function timedGet(relay, agent) {
  const started = performance.now();
  return new Promise((resolve) => {
    get({ host: '127.0.0.1', port: relay.port, path: PATH, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      res.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    }).on('error', () => resolve({ status: 0, ms: performance.now() - started }));
  });
}

async function fiftyAtATime(count = 1000, concurrency = 50) {
  const upstream = await startUpstream(0);
  const relay = await startRelay(upstream.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        results.push(await timedGet(relay, agent));
      }
    }),
  );
  agent.destroy();
  const memory = memoryOf(relay.child.pid);
  await relay.stop();
  await upstream.close();
  const ok = results.filter((r) => r.status === 200).length;
  return {
    name: `${count} forwarded GETs, ${concurrency} connections at a time`,
    sent: count,
    answered200: ok,
    refused: count - ok,
    detail: '',
    upstreamAtOnce: upstream.maxOpen(),
    p50: quantile(
      results.map((r) => r.ms),
      0.5,
    ),
    p99: quantile(
      results.map((r) => r.ms),
      0.99,
    ),
    baselineRss: relay.baseline,
    peakRss: memory.peak,
    target: 'all 200, upstream at once <= 64',
    met: ok === count && upstream.maxOpen() <= 64,
  };
}

async function slowUpstream(count = 150, delayMs = 1000) {
  const upstream = await startUpstream(delayMs);
  const relay = await startRelay(upstream.url);
  // A new connection for each request: all `count` at once.
  const results = await Promise.all(Array.from({ length: count }, () => timedGet(relay, false)));
  const memory = memoryOf(relay.child.pid);
  await relay.stop();
  await upstream.close();
  const answered = results.filter((r) => r.status === 200);
  return {
    name: `${count} connections at once, upstream answers after ${delayMs / 1000} s`,
    sent: count,
    answered200: answered.length,
    refused: count - answered.length,
    detail: 'refused = closed at once (past 64 connections)',
    upstreamAtOnce: upstream.maxOpen(),
    p50: quantile(
      answered.map((r) => r.ms),
      0.5,
    ),
    p99: quantile(
      answered.map((r) => r.ms),
      0.99,
    ),
    baselineRss: relay.baseline,
    peakRss: memory.peak,
    target: 'upstream at once <= 64',
    met: upstream.maxOpen() <= 64,
  };
}

const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '-');

function table(scenarios) {
  const rows = scenarios.map(
    (s) =>
      `| ${s.name} | ${s.answered200} | ${s.refused}${s.detail ? ` (${s.detail})` : ''} | ${s.upstreamAtOnce} | ${fmt(s.p50)} / ${fmt(s.p99)} ms | ${fmt(s.peakRss, 1)} MiB (idle ${fmt(s.baselineRss, 1)}) | ${s.target}: ${s.met ? 'met' : 'MISSED'} |`,
  );
  return [
    '| relay flood | 200s | refused | upstream connections at once | p50 / p99 to answer | peak RSS | target |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Runs the four floods one after another; `log` gets a line as each starts. */
export async function relayLoad({ log = (line) => console.error(line) } = {}) {
  const scenarios = [];
  for (const [label, run] of [
    ['1,000 stalled 1 MiB - 1 connections', stalledConnections],
    ['2,000 pipelined GETs', pipelined],
    ['1,000 GETs, 50 at a time', fiftyAtATime],
    ['150 connections, slow upstream', slowUpstream],
  ]) {
    log(`  relay: ${label}`);
    scenarios.push(await run());
  }
  return { scenarios, table: table(scenarios), met: scenarios.every((s) => s.met) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await relayLoad();
  console.log(result.table);
  process.exitCode = result.met ? 0 : 1;
}
