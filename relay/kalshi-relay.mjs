#!/usr/bin/env node
// kalshi-relay.mjs: a secret-free relay between the kalshi-keys web page and Kalshi's REST API.
//
// Kalshi's API does not answer web pages (no CORS for the KALSHI-ACCESS-* headers, 403 when an
// Origin header is present), so the page sends its signed request here, on your own computer, and
// this relay passes it on to Kalshi without the browser's headers and hands the answer back with
// CORS headers for the pages you allowed. It holds no key and cannot sign: it only forwards what
// the page signed. Because it runs on your machine, no third party sees your signed requests or
// bodies (Kalshi does not sign the body: a relay run by someone else could change an order).
//
//   node kalshi-relay.mjs [--port 8787] [--origin https://your.page ...] [--host ADDRESS]
//
// One file, Node >= 20 built-ins only, nothing to install. Address shape:
//   http://127.0.0.1:8787/<kalshi-rest-host>/trade-api/v2/<path>?<query>
// It forwards only to Kalshi's REST hosts, only paths under /trade-api/v2/, only the three
// KALSHI-ACCESS-* headers, Content-Type and Accept; it follows no redirect, refuses bodies over
// 1 MiB, and logs one line per request without the signature, the key ID, the query or the body.
import { createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

// Kalshi's REST hosts (kalshi-keys src/core/kalshi.ts KALSHI_HOSTS, the `id` of each; a test fails
// when the two lists differ). Demo first, then production; the recommended host of each first.
const KALSHI_REST_HOSTS = [
  'external-api.demo.kalshi.co',
  'demo-api.kalshi.co',
  'external-api.kalshi.com',
  'api.elections.kalshi.com',
];
const REST_PREFIX = '/trade-api/v2/';
const DEFAULT_PORT = 8787;
const LOOPBACK = '127.0.0.1';
// The pages of `npm run dev` and `npm run preview` in the kalshi-keys repository.
const DEFAULT_ORIGINS = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:4173',
  'http://127.0.0.1:4173',
];
const FORWARDED_HEADERS = [
  'KALSHI-ACCESS-KEY',
  'KALSHI-ACCESS-TIMESTAMP',
  'KALSHI-ACCESS-SIGNATURE',
  'Content-Type',
  'Accept',
];
const ALLOWED_METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const MAX_BODY_BYTES = 1024 * 1024;
// For tests only: a short upstream timeout, so the 504 test need not wait 30 s.
const TIMEOUT_MS = Number(process.env.KALSHI_RELAY_TIMEOUT_MS) || 30_000;
// Not passed back: connection-level headers, cookies, and CORS headers (this relay sets its own).
const DROPPED_RESPONSE_HEADERS =
  /^(connection|keep-alive|transfer-encoding|upgrade|proxy-.*|te|trailer|set-cookie|access-control-.*|alt-svc|strict-transport-security)$/i;

const USAGE = `Usage: node kalshi-relay.mjs [--port N] [--origin ORIGIN]... [--host ADDRESS]
  --port N         port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 = any free port)
  --origin ORIGIN  a web page origin allowed to use the relay, e.g. https://you.example
                   (repeatable; default: ${DEFAULT_ORIGINS.join(', ')})
  --host ADDRESS   listen on another address than 127.0.0.1 (anyone who can reach it can use the relay)
  --upstream URL   for tests only: send everything to this origin instead of Kalshi`;

class UsageError extends Error {}

/** Reads the command line; throws UsageError with a one-line message. */
function parseArgs(argv) {
  const options = { port: DEFAULT_PORT, origins: [], host: LOOPBACK, upstream: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    const match = /^(--[a-z]+)(?:=(.*))?$/s.exec(arg);
    const name = match?.[1];
    if (!match || !['--port', '--origin', '--host', '--upstream'].includes(name)) {
      throw new UsageError(`unknown option ${JSON.stringify(arg)} (try --help)`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    if (name === '--port') {
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
        throw new UsageError(`--port wants a number from 0 to 65535, not ${JSON.stringify(value)}`);
      }
      options.port = Number(value);
    } else if (name === '--origin') {
      options.origins.push(parseOrigin(value, name));
    } else if (name === '--upstream') {
      options.upstream = new URL(parseOrigin(value, name));
    } else {
      if (!isIP(value) && value !== 'localhost') {
        throw new UsageError(
          `--host wants an IP address such as 127.0.0.1, not ${JSON.stringify(value)}`,
        );
      }
      options.host = value;
    }
  }
  if (!options.origins.length) options.origins = DEFAULT_ORIGINS;
  return options;
}

/** An http(s) origin as the browser sends it in `Origin` (a trailing slash is forgiven). */
function parseOrigin(value, name) {
  let url;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== value.replace(/\/$/, '')) {
    throw new UsageError(
      `${name} wants an origin such as https://you.example (scheme, host, port; no path), not ${JSON.stringify(value)}`,
    );
  }
  return url.origin;
}

const isLoopback = (host) => /^(127(\.\d{1,3}){3}|::1|localhost)$/.test(host);

/** Why this request target is refused, as [status, reason], or the Kalshi host and path to use. */
function checkTarget(method, target) {
  if (method === 'CONNECT') return { refused: [405, 'CONNECT is not relayed.'] };
  if (method !== 'OPTIONS' && !ALLOWED_METHODS.includes(method)) {
    return {
      refused: [405, `Method ${method} is not relayed: use ${ALLOWED_METHODS.join(', ')}.`],
    };
  }
  if (!target.startsWith('/')) {
    return { refused: [400, 'Send a path (/<kalshi-host>/trade-api/v2/...), not a full URL.'] };
  }
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q);
  if (/[\\#]|%(2f|5c|2e|00)/i.test(path)) {
    return {
      refused: [400, 'Backslashes and encoded slashes, dots or NUL are not allowed in the path.'],
    };
  }
  const [, host = '', ...rest] = path.split('/');
  const segments = rest.slice(0, -1);
  if (
    segments.some((s) => s === '' || s === '.' || s === '..') ||
    /^\.\.?$/.test(rest.at(-1) ?? '')
  ) {
    return { refused: [400, 'Empty or dot segments (//, /./, /../) are not allowed in the path.'] };
  }
  const kalshiHost = host.toLowerCase();
  if (!KALSHI_REST_HOSTS.includes(kalshiHost)) {
    const why = host.includes('@')
      ? 'a user name (@) is not allowed'
      : host.includes(':') || host.includes('%')
        ? 'a port or an encoded host is not allowed'
        : isIP(host.replace(/^\[|\]$/g, ''))
          ? 'an IP address is not allowed'
          : `${JSON.stringify(host)} is not one of Kalshi's REST hosts`;
    return {
      refused: [
        400,
        `The first part of the path must be a Kalshi REST host (${KALSHI_REST_HOSTS.join(', ')}): ${why}.`,
      ],
    };
  }
  const upstreamPath = `/${rest.join('/')}`;
  if (!upstreamPath.startsWith(REST_PREFIX)) {
    return { refused: [404, `Only paths under ${REST_PREFIX} are relayed.`] };
  }
  return { kalshiHost, upstreamPath, query };
}

/** The path as logged: no query, and no key ID (DELETE /api_keys/<id>). */
const loggedPath = (path) => path.replace(/^(\/trade-api\/v2\/api_keys\/)[^/]+/, '$1{api_key}');

function startRelay(options, log = (line) => process.stdout.write(`${line}\n`)) {
  const origins = new Set(options.origins);

  function handle(req, res) {
    const started = Date.now();
    const method = (req.method ?? '').toUpperCase();
    const origin = req.headers.origin;
    let logged = { host: '-', path: '-' };
    const logLine = (status) =>
      log(
        `${new Date().toISOString()} ${method} ${logged.host} ${logged.path} ${status} ${Date.now() - started}ms`,
      );
    const finish = (status, headers, body) => {
      logLine(status);
      if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(body);
      res.writeHead(status, headers);
      res.end(body);
    };
    const cors = {};
    if (origin !== undefined && origins.has(origin)) {
      cors['Access-Control-Allow-Origin'] = origin;
    }
    cors.Vary = 'Origin';
    const refuse = (status, error, extra = {}) => {
      // The request body (if any) is not read: close the connection rather than drain it.
      finish(
        status,
        {
          ...cors,
          ...extra,
          'Content-Type': 'application/json; charset=utf-8',
          Connection: 'close',
        },
        JSON.stringify({ error }),
      );
    };

    const check = checkTarget(method, req.url ?? '');
    if (check.refused) return refuse(...check.refused);
    // DNS rebinding: a site whose name resolves to 127.0.0.1 reaches this port with its own name
    // in Host. Addresses are always IP literals or localhost, so any other name is refused.
    const hostName = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    if (hostName !== 'localhost' && !isIP(hostName.replace(/^\[|\]$/g, ''))) {
      return refuse(
        421,
        `Host ${JSON.stringify(req.headers.host ?? '')} is not this relay: use its address.`,
      );
    }
    if (origin !== undefined && !origins.has(origin)) {
      return refuse(
        403,
        `This relay does not accept requests from ${origin}. Stop it (Ctrl+C) and start it with: node kalshi-relay.mjs --origin ${origin}`,
      );
    }
    logged = { host: check.kalshiHost, path: loggedPath(check.upstreamPath) };

    if (method === 'OPTIONS') {
      // CORS preflight: answered here, never forwarded.
      const headers = {
        ...cors,
        'Access-Control-Allow-Methods': ALLOWED_METHODS.join(', '),
        'Access-Control-Allow-Headers': FORWARDED_HEADERS.join(', '),
        'Access-Control-Max-Age': '600',
      };
      // Chromium's Private Network Access preflight for a page from a less private address.
      if (req.headers['access-control-request-private-network'] === 'true') {
        headers['Access-Control-Allow-Private-Network'] = 'true';
      }
      return finish(204, headers);
    }

    // Over 1 MiB: 413, not forwarded. The rest is read and dropped, so the client (which is still
    // sending) gets the answer rather than a reset connection; past 16 MiB it is cut off.
    const chunks = [];
    let size = 0;
    const tooBig = () =>
      size > MAX_BODY_BYTES || Number(req.headers['content-length']) > MAX_BODY_BYTES;
    const over = () => refuse(413, 'The body is over 1 MiB: not relayed.');
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > 16 * MAX_BODY_BYTES && !res.headersSent) {
        over();
        req.destroy();
      } else if (!tooBig()) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (res.headersSent) return;
      if (tooBig()) return over();
      try {
        forward(check, method, req, res, Buffer.concat(chunks), cors, finish, logLine);
      } catch (error) {
        // http.request refuses some bytes Node's parser let in: refuse, don't stop the relay.
        refuse(400, `Not relayed: ${error.code ?? error.message}`);
      }
    });
  }

  function forward(
    { kalshiHost, upstreamPath, query },
    method,
    req,
    res,
    body,
    cors,
    finish,
    logLine,
  ) {
    const headers = {};
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name.toLowerCase()];
      if (value !== undefined) headers[name] = value;
    }
    if (body.length || method === 'POST' || method === 'PUT')
      headers['Content-Length'] = body.length;
    const upstream = options.upstream;
    if (upstream) headers['X-Kalshi-Upstream'] = kalshiHost;
    const send = upstream?.protocol === 'http:' ? httpRequest : httpsRequest;
    const outgoing = send(
      {
        protocol: upstream ? upstream.protocol : 'https:',
        hostname: upstream ? upstream.hostname.replace(/^\[|\]$/g, '') : kalshiHost,
        port: upstream ? upstream.port || undefined : 443,
        method,
        path: upstreamPath + query,
        headers: { Host: upstream ? upstream.host : kalshiHost, ...headers },
        timeout: TIMEOUT_MS,
      },
      (answer) => {
        const passed = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (!DROPPED_RESPONSE_HEADERS.test(name)) passed[name] = value;
        }
        const exposed = Object.keys(passed).join(', ');
        if (cors['Access-Control-Allow-Origin'] && exposed) {
          cors['Access-Control-Expose-Headers'] = exposed;
        }
        // Status and headers first, then the body as it streams; a 3xx is passed back, not followed.
        logLine(answer.statusCode);
        res.writeHead(answer.statusCode ?? 502, { ...passed, ...cors });
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    let failed = false;
    const fail = (status, error) => {
      if (failed) return;
      failed = true;
      outgoing.destroy();
      if (res.headersSent) return res.destroy();
      finish(
        status,
        { ...cors, 'Content-Type': 'application/json; charset=utf-8' },
        JSON.stringify({ error }),
      );
    };
    outgoing.on('timeout', () =>
      fail(504, `${kalshiHost} did not answer within ${TIMEOUT_MS / 1000} s.`),
    );
    outgoing.on('error', (error) =>
      fail(502, `Could not reach ${kalshiHost}: ${error.code ?? error.message}.`),
    );
    outgoing.end(body);
  }

  const server = createServer(handle);
  // CONNECT never reaches the request handler: answer it here, on the raw socket.
  server.on('connect', (req, socket) => {
    log(`${new Date().toISOString()} CONNECT - - 405 0ms`);
    const body = JSON.stringify({ error: 'CONNECT is not relayed.' });
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kalshi-relay: ${error.message}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const server = startRelay(options);
  server.on('error', (error) => {
    process.stderr.write(
      `kalshi-relay: cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}\n`,
    );
    process.exit(1);
  });
  server.listen(options.port, options.host, () => {
    const { address, port } = server.address();
    const base = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
    if (!isLoopback(options.host)) {
      process.stderr.write(
        `WARNING: listening on ${options.host}: anyone who can reach this address can send requests through this relay.\n`,
      );
    }
    process.stdout.write(
      [
        `kalshi-relay listening on ${base}`,
        `Relay URL: ${base}`,
        `Accepts pages from: ${options.origins.join(' ')}`,
        `Forwards to: ${options.upstream ? `${options.upstream.origin} (--upstream, for tests)` : KALSHI_REST_HOSTS.join(' ')}`,
        'Stop it with Ctrl+C.',
        '',
      ].join('\n'),
    );
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.close();
      server.closeAllConnections();
      process.exit(0);
    });
  }
}

main();
