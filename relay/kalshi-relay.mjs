#!/usr/bin/env node
// @ts-check
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
// KALSHI-ACCESS-* headers, Content-Type and Accept; it follows no redirect (a 3xx becomes a 502),
// refuses bodies over 1 MiB, and logs one line per request without the signature, the key ID, the
// query or the body. Whatever Kalshi (or anything in its place) answers, the relay answers the
// page and keeps serving; its memory stays bounded whatever local programs send it (LIMITS).
import { createServer, request as httpRequest, Agent as HttpAgent } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { createServer as createNetServer, isIP } from 'node:net';
import { parseArgs as parseCommandLine } from 'node:util';

/**
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 * @typedef {import('node:http').OutgoingHttpHeaders} OutgoingHttpHeaders
 * @typedef {import('node:net').Socket} Socket
 * @typedef {{ port: number, origins: string[], host: string, upstream: URL | null, help: boolean }} Options
 * @typedef {{ kalshiHost: string, upstreamPath: string, query: string }} Target
 * @typedef {[status: number, error: string, headers?: OutgoingHttpHeaders]} Refusal
 */

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
// Sent again once when a kept-alive connection turns out closed under them (see `forward`): safe
// only where a second copy changes nothing. A POST is never sent twice (it may make a second key).
const RESENT_METHODS = new Set(['GET', 'DELETE']);

// LIMITS. A page needs a handful of connections and requests; these bound what any local program
// can make the relay hold or open, so it cannot be run out of memory or turned into a flood.
const MAX_CONNECTIONS = 64; // the one past it is closed at once
const MAX_IN_FLIGHT_PER_CONNECTION = 8; // pipelined requests past it wait their turn
const MAX_HELD_BODY_BYTES = 16 * 1024 * 1024; // all connections together; past it 503
const MAX_BODY_BYTES = 1024 * 1024;
// One deadline per forwarded request, from connecting to Kalshi to its last body byte. Tests
// shorten it (and the body deadline with it) so that none waits 30 s.
const TIMEOUT_MS = Number(process.env.KALSHI_RELAY_TIMEOUT_MS) || 30_000;
const BODY_TIMEOUT_MS = Math.min(10_000, TIMEOUT_MS);
const RETRY_AFTER_SECONDS = 2;
// How long a refused connection is kept (unread) after its answer, for the client to read it.
const LINGER_MS = 1000;
// Pipelined requests waiting past this many stop the relay reading that connection for a while.
const PAUSE_READING_AT = 64;

// Not passed back: connection-level headers, cookies, CORS headers (this relay sets its own), and
// Location (a redirect is never handed to the page).
const DROPPED_RESPONSE_HEADERS =
  /^(connection|keep-alive|transfer-encoding|upgrade|proxy-.*|te|trailer|set-cookie|access-control-.*|alt-svc|strict-transport-security|location)$/i;

const USAGE = `Usage: node kalshi-relay.mjs [--port N] [--origin ORIGIN]... [--host ADDRESS]
  --port N         port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 = any free port)
  --origin ORIGIN  a web page origin allowed to use the relay, e.g. https://you.example
                   (repeatable; default: ${DEFAULT_ORIGINS.join(', ')})
  --host ADDRESS   listen on another address than 127.0.0.1 (anyone who can reach it can use the relay)
  --upstream URL   for tests only: send everything to this origin instead of Kalshi`;

class UsageError extends Error {}

/**
 * Reads the command line; throws UsageError with a one-line message.
 * @param {string[]} argv
 * @returns {Options}
 */
function parseArgs(argv) {
  /** @type {Options} */
  const options = { port: DEFAULT_PORT, origins: [], host: LOOPBACK, upstream: null, help: false };
  // Not strict: every token comes back, so each mistake gets this relay's own one-line message.
  const { tokens } = parseCommandLine({
    args: argv,
    options: {
      port: { type: 'string' },
      origin: { type: 'string', multiple: true },
      host: { type: 'string' },
      upstream: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (
      token.kind !== 'option' ||
      !['port', 'origin', 'host', 'upstream', 'help'].includes(token.name)
    ) {
      throw new UsageError(`unknown option ${JSON.stringify(argv[token.index])} (try --help)`);
    }
    if (token.name === 'help') {
      options.help = true;
      continue;
    }
    const name = `--${token.name}`;
    const value = token.value;
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

/**
 * An http(s) origin as the browser sends it in `Origin` (a trailing slash is forgiven).
 * @param {string} value
 * @param {string} name the option, for the message
 */
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

/** @param {string} host */
const isLoopback = (host) => /^(127(\.\d{1,3}){3}|::1|localhost)$/.test(host);

/**
 * Why this request target is refused, or the Kalshi host and path to use.
 * @param {string} method
 * @param {string} target
 * @returns {{ refused: Refusal } | ({ refused?: undefined } & Target)}
 */
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

/**
 * A path segment as a server may read it: percent-decoded (twice over, for double encoding),
 * lower-cased, and cut at the first character that cannot be part of a name (`;x=1`, `,`, `.`).
 * @param {string} segment
 */
function segmentName(segment) {
  let name = segment;
  for (let i = 0; i < 3; i++) {
    try {
      const decoded = decodeURIComponent(name);
      if (decoded === name) break;
      name = decoded;
    } catch {
      break;
    }
  }
  return name.toLowerCase().replace(/[^a-z0-9_-].*$/s, '');
}

/**
 * The path as logged: no query, and no key ID after any spelling of api_keys (`API_KEYS`,
 * `%61pi_keys`, `api_keys;x=1`...), since Kalshi's router may read them all as the same thing.
 * The rest is logged as it came, still encoded, so a log line stays one line.
 * @param {string} path
 */
function loggedPath(path) {
  const segments = path.split('/');
  for (let i = 1; i < segments.length - 1; i++) {
    if (segmentName(segments[i] ?? '') === 'api_keys') segments[i + 1] = '{api_key}';
  }
  return segments.join('/');
}

/**
 * Where a redirect pointed, as a host name only (never the path or query, which may carry tokens).
 * @param {string | undefined} location
 * @param {string} base
 */
function redirectHost(location, base) {
  try {
    return location ? new URL(location, base).host : '';
  } catch {
    return '';
  }
}

/**
 * Bytes of request bodies held across all connections (LIMITS): a request reserves what it
 * declares (or receives, when chunked) before it is held, and gives it back when it is done.
 */
function bodyBudget() {
  let held = 0;
  return {
    /** @param {number} bytes */
    reserve(bytes) {
      if (held + bytes > MAX_HELD_BODY_BYTES) return false;
      held += bytes;
      return true;
    },
    /** @param {number} bytes */
    release(bytes) {
      held -= bytes;
    },
  };
}

/**
 * Per connection, at most MAX_IN_FLIGHT_PER_CONNECTION forwarded requests at once; pipelined ones
 * wait their turn. A connection that piles up waiting requests is not read until they drain.
 * @typedef {{ inFlight: number, waiting: (() => void)[], exchanges: Set<() => void>, paused: boolean }} ConnectionState
 */
/** @type {WeakMap<Socket, ConnectionState>} */
const connectionStates = new WeakMap();

/**
 * The state of `socket`; when it closes, every exchange still on it is aborted.
 * @param {Socket} socket
 */
function connectionState(socket) {
  let state = connectionStates.get(socket);
  if (!state) {
    const created = { inFlight: 0, waiting: [], exchanges: new Set(), paused: false };
    socket.once('close', () => {
      for (const abort of [...created.exchanges]) abort();
    });
    connectionStates.set(socket, created);
    state = created;
  }
  return state;
}

/**
 * Runs `run` now or, when the connection has its fill of requests in flight, once one ends.
 * Returns the function that ends this turn (it frees the slot, or drops the turn if still waiting).
 * @param {Socket} socket
 * @param {() => void} run
 */
function takeTurn(socket, run) {
  const state = connectionState(socket);
  /** @type {'waiting' | 'running' | 'done'} */
  let phase = 'waiting';
  const begin = () => {
    if (phase !== 'waiting') return;
    phase = 'running';
    state.inFlight++;
    run();
  };
  if (state.inFlight < MAX_IN_FLIGHT_PER_CONNECTION) {
    begin();
  } else {
    state.waiting.push(begin);
    if (state.waiting.length >= PAUSE_READING_AT && !state.paused) {
      state.paused = true;
      socket.pause();
    }
  }
  return () => {
    if (phase === 'running') state.inFlight--;
    phase = 'done';
    while (state.inFlight < MAX_IN_FLIGHT_PER_CONNECTION && state.waiting.length) {
      state.waiting.shift()?.();
    }
    if (state.paused && state.waiting.length < PAUSE_READING_AT / 2) {
      state.paused = false;
      socket.resume();
    }
  };
}

/**
 * @param {Options} options
 * @param {(line: string) => void} [log]
 */
function startRelay(options, log = (line) => process.stdout.write(`${line}\n`)) {
  const origins = new Set(options.origins);
  const budget = bodyBudget();
  const upstream = options.upstream;
  // At most MAX_CONNECTIONS connections to Kalshi at once, whatever the pages ask; kept alive.
  const agentOptions = {
    keepAlive: true,
    maxSockets: MAX_CONNECTIONS,
    maxTotalSockets: MAX_CONNECTIONS,
  };
  const agent =
    upstream?.protocol === 'http:' ? new HttpAgent(agentOptions) : new HttpsAgent(agentOptions);

  /**
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   */
  function handle(req, res) {
    const started = Date.now();
    const method = (req.method ?? '').toUpperCase();
    const origin = req.headers.origin;
    const socket = req.socket;
    let logged = { host: '-', path: '-' };
    // One line per request, once it is over: what the client got, or that it got no whole answer.
    /** @type {string | null} */
    let cut = null;
    let ended = false;
    /** @type {(() => void)[]} */
    const cleanups = [];
    // Set when the connection closes first: nothing more is written, and Kalshi's request stops.
    let gone = false;
    const end = () => {
      if (ended) return;
      ended = true;
      gone = !res.writableFinished;
      for (const cleanup of cleanups) cleanup();
      const status = res.writableFinished ? res.statusCode : (cut ?? 'aborted');
      log(
        `${new Date().toISOString()} ${method} ${logged.host} ${logged.path} ${status} ${Date.now() - started}ms`,
      );
    };
    const state = connectionState(socket);
    state.exchanges.add(end);
    cleanups.push(() => state.exchanges.delete(end));
    res.once('close', end);
    /**
     * @param {number} status
     * @param {OutgoingHttpHeaders} headers
     * @param {string} [body]
     */
    const finish = (status, headers, body) => {
      if (gone || res.headersSent) return;
      if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(body);
      res.writeHead(status, headers);
      res.end(body);
    };
    /** @type {Record<string, string>} */
    const cors = {};
    if (origin !== undefined && origins.has(origin)) {
      cors['Access-Control-Allow-Origin'] = origin;
    }
    cors.Vary = 'Origin';
    /** @type {(...refusal: Refusal) => void} */
    const refuse = (status, error, extra = {}) => {
      // The request body (if any) is not forwarded: the connection closes after this answer.
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
      return refuse(403, refusedOriginMessage(origin));
    }
    logged = { host: check.kalshiHost, path: loggedPath(check.upstreamPath) };

    if (method === 'OPTIONS') {
      // CORS preflight: answered here, never forwarded.
      /** @type {OutgoingHttpHeaders} */
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

    // Over 1 MiB: 413; over the budget: 503; too slow: 408. None is forwarded, and the rest of the
    // body is not read (reading it only to drop it churns memory): the answer goes out at once.
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let reserved = 0;
    let refused = false;
    cleanups.push(() => {
      budget.release(reserved);
      reserved = 0;
    });
    /** @param {number} bytes */
    const reserveUpTo = (bytes) => {
      if (bytes <= reserved) return true;
      if (!budget.reserve(bytes - reserved)) return false;
      reserved = bytes;
      return true;
    };
    /** @param {Refusal} refusal */
    const refuseBody = (refusal) => {
      if (refused) return;
      refused = true;
      clearTimeout(bodyTimer);
      chunks.length = 0;
      budget.release(reserved);
      reserved = 0;
      // Paused, the request reads no further than its small buffer; read(0) marks it as read by
      // this code, or Node would read the whole rest after the answer, only to discard it.
      req.pause();
      req.read(0);
      lingerOnClose(socket);
      refuse(...refusal);
    };
    const bodyTimer = setTimeout(
      () =>
        refuseBody([
          408,
          `The body did not arrive within ${BODY_TIMEOUT_MS / 1000} s of the headers: not relayed.`,
        ]),
      BODY_TIMEOUT_MS,
    );
    cleanups.push(() => clearTimeout(bodyTimer));
    /** @type {Refusal} */
    const tooBig = [413, 'The body is over 1 MiB: not relayed.'];
    /** @type {Refusal} */
    const busy = [
      503,
      `The relay holds ${MAX_HELD_BODY_BYTES / 1024 / 1024} MiB of request bodies already: not relayed. Try again in a moment.`,
      { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    ];
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) refuseBody(tooBig);
    else if (!reserveUpTo(declared)) refuseBody(busy);

    req.on('data', (/** @type {Buffer} */ chunk) => {
      if (refused) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) refuseBody(tooBig);
      else if (!reserveUpTo(size)) refuseBody(busy);
      else chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(bodyTimer);
      if (refused || res.headersSent || gone) return;
      // Node's parser may have refused what followed the body (it answered 400 and closed the
      // connection before this event): such a request is not forwarded.
      if (socket.destroyed) return end();
      const endTurn = takeTurn(socket, () => {
        if (gone) return;
        try {
          const stop = forward(check, method, req, res, chunks, size, cors, finish, (why) => {
            cut = why;
          });
          cleanups.push(stop);
        } catch (error) {
          // http.request refuses some bytes Node's parser let in: refuse, don't stop the relay.
          const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
          refuse(400, `Not relayed: ${code ?? message}`);
        }
      });
      // The turn passes on a moment later, once the agent has put the upstream connection back in
      // its pool: the next request then reuses it rather than opening one more.
      cleanups.push(() => setImmediate(endTurn));
    });
  }

  /**
   * Sends the request to Kalshi and passes the answer back. Returns the function that stops it.
   * @param {Target} target
   * @param {string} method
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   * @param {Buffer[]} body the body as it arrived, in chunks (not copied into one)
   * @param {number} size its length
   * @param {Record<string, string>} cors
   * @param {(status: number, headers: OutgoingHttpHeaders, body?: string) => void} finish
   * @param {(why: string) => void} noteCut records why an answer already under way was cut off
   */
  function forward(
    { kalshiHost, upstreamPath, query },
    method,
    req,
    res,
    body,
    size,
    cors,
    finish,
    noteCut,
  ) {
    /** @type {OutgoingHttpHeaders} */
    const headers = {};
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name.toLowerCase()];
      if (value !== undefined) headers[name] = value;
    }
    if (size || method === 'POST' || method === 'PUT') headers['Content-Length'] = size;
    if (upstream) headers['X-Kalshi-Upstream'] = kalshiHost;
    const send = upstream?.protocol === 'http:' ? httpRequest : httpsRequest;
    let answered = false;
    let settled = false;
    /** @param {number} status @param {string} error */
    const fail = (status, error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outgoing.destroy();
      if (res.headersSent) {
        // Part of the answer is on its way: the only honest end is a cut connection.
        noteCut(`${res.statusCode} cut off: ${error}`);
        res.destroy();
        return;
      }
      finish(
        status,
        { ...cors, 'Content-Type': 'application/json; charset=utf-8' },
        JSON.stringify({ error }),
      );
    };
    /** Sends the request upstream. @param {boolean} resent whether this is its one second try */
    function open(resent) {
      const request = send(
        {
          protocol: upstream ? upstream.protocol : 'https:',
          hostname: upstream ? upstream.hostname.replace(/^\[|\]$/g, '') : kalshiHost,
          port: upstream ? upstream.port || undefined : 443,
          method,
          path: upstreamPath + query,
          headers: { Host: upstream ? upstream.host : kalshiHost, ...headers },
          agent,
        },
        (answer) => {
          answered = true;
          const status = answer.statusCode ?? 0;
          if (status >= 300 && status < 400) {
            // Passed on, a redirect would make the browser send the signed headers wherever it
            // points. Only the host is named: the rest of a Location may carry tokens.
            const host = redirectHost(answer.headers.location, `https://${kalshiHost}`);
            return fail(
              502,
              host
                ? `Kalshi answered with a redirect to ${host}; nothing was sent there.`
                : `Kalshi answered with a redirect (HTTP ${status}); nothing was sent there.`,
            );
          }
          if (!(status >= 200 && status <= 599)) {
            return fail(
              502,
              `${kalshiHost} answered with status ${status}, which HTTP does not have.`,
            );
          }
          /** @type {OutgoingHttpHeaders} */
          const passed = {};
          for (const [name, value] of Object.entries(answer.headers)) {
            if (!DROPPED_RESPONSE_HEADERS.test(name)) passed[name] = value;
          }
          /** @type {OutgoingHttpHeaders} */
          const exposed = {};
          if (cors['Access-Control-Allow-Origin'] && Object.keys(passed).length) {
            exposed['Access-Control-Expose-Headers'] = Object.keys(passed).join(', ');
          }
          try {
            res.writeHead(status, { ...passed, ...cors, ...exposed });
          } catch (error) {
            // Node refuses to send some header names or values its parser let in from upstream.
            const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
            return fail(502, `${kalshiHost}'s answer could not be passed on: ${code ?? message}.`);
          }
          answer.pipe(res);
          answer.once('end', () => {
            settled = true;
            clearTimeout(deadline);
          });
          // Kalshi cut its answer short: so does the relay (the client sees a broken answer).
          answer.once('close', () => {
            if (!answer.complete) fail(502, `${kalshiHost} broke off its answer.`);
          });
        },
      );
      // A 101 (or any answer that hands the connection over) is never a REST answer.
      request.on('upgrade', (answer, upgraded) => {
        upgraded.destroy();
        fail(
          502,
          `${kalshiHost} answered ${answer.statusCode} (switching protocols): not relayed.`,
        );
      });
      request.on('error', (error) => {
        // Settled: the relay gave up on it (deadline, abort) and destroyed it itself.
        if (request !== outgoing || settled) return;
        const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
        // A kept-alive connection that Kalshi closed just as this request went out on it (its idle
        // limit and ours crossed): nothing was answered, so a GET or DELETE goes again, once, on a
        // new connection. Node's documentation gives this very check.
        if (
          !resent &&
          !answered &&
          code === 'ECONNRESET' &&
          request.reusedSocket &&
          RESENT_METHODS.has(method)
        ) {
          outgoing = open(true);
          return;
        }
        fail(502, `Could not reach ${kalshiHost}: ${code ?? message}.`);
      });
      // Whatever else ends the request without an answer (a 1xx, then the connection closed).
      request.on('close', () => {
        if (request === outgoing && !answered)
          fail(502, `${kalshiHost} closed the connection without an answer.`);
      });
      for (const chunk of body) request.write(chunk);
      request.end();
      return request;
    }
    let outgoing = open(false);
    const deadline = setTimeout(
      () =>
        fail(
          504,
          `${kalshiHost} did not ${answered ? 'finish its answer' : 'answer'} within ${TIMEOUT_MS / 1000} s.`,
        ),
      TIMEOUT_MS,
    );
    return () => {
      if (!settled) {
        settled = true;
        clearTimeout(deadline);
        outgoing.destroy();
      }
    };
  }

  const server = createServer(
    // Headers must arrive within 10 s; the body has its own deadline (408) in `handle`.
    { headersTimeout: 10_000, requestTimeout: 30_000 },
    handle,
  );
  server.maxConnections = MAX_CONNECTIONS;
  let lastDropLog = 0;
  let droppedSince = 0;
  server.on('drop', () => {
    droppedSince++;
    // Kept-alive connections with nothing on them make room for the next one (clients reconnect).
    server.closeIdleConnections();
    // One line a second at most: a flood of connections must not become a flood of log lines.
    if (Date.now() - lastDropLog >= 1000) {
      log(
        `${new Date().toISOString()} refused ${droppedSince} connection(s): ${MAX_CONNECTIONS} are open already`,
      );
      lastDropLog = Date.now();
      droppedSince = 0;
    }
  });
  // CONNECT never reaches the request handler: answer it here, on the raw socket.
  server.on('connect', (_req, socket) => {
    log(`${new Date().toISOString()} CONNECT - - 405 0ms`);
    const body = JSON.stringify({ error: 'CONNECT is not relayed.' });
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  server.on('close', () => agent.destroy());
  return server;
}

/**
 * Makes the close that follows a `Connection: close` answer a lingering one: the answer and a FIN
 * go out, whatever the client is still sending stays unread, and the connection is dropped
 * LINGER_MS later. Closed at once with unread bytes, it would be reset, and the client could lose
 * the answer before reading it.
 * @param {Socket} socket
 */
function lingerOnClose(socket) {
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}

/**
 * The 403 text for a page this relay was not started for: the command that accepts it, or, when
 * no `--origin` can (a page opened from a file sends `Origin: null`), the way that works.
 * @param {string} origin
 */
function refusedOriginMessage(origin) {
  let accepted = null;
  try {
    accepted = parseOrigin(origin, '--origin');
  } catch {
    // No --origin accepts it.
  }
  return accepted === origin
    ? `This relay does not accept requests from ${origin}. Stop it (Ctrl+C) and start it with: node kalshi-relay.mjs --origin ${origin}`
    : `This relay does not accept requests from a page with Origin ${origin} (a page opened from a file, such as the single-file kalshi-keys, which cannot send): use the page's curl commands instead.`;
}

/**
 * Resolves when nothing listens on `host`:`port` (or the address does not exist on this machine),
 * rejects with the error when something does.
 * @param {number} port
 * @param {string} host
 * @returns {Promise<void>}
 */
function portFree(port, host) {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (/** @type {NodeJS.ErrnoException} */ error) =>
      error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT' ? resolve() : reject(error),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * The other loopback addresses a browser may reach for `localhost`: a program holding the port
 * there would answer in the relay's place, so the relay does not start.
 * @param {string} host
 */
const otherLoopbacks = (host) =>
  host === '127.0.0.1'
    ? ['::1']
    : host === '::1'
      ? ['127.0.0.1']
      : host === 'localhost'
        ? ['127.0.0.1', '::1']
        : [];

/**
 * Listens on `options.host`, and makes sure the port is not held on the other loopback family.
 * With --port 0 another free port is tried; with a given port the relay stops.
 * @param {import('node:http').Server} server
 * @param {Options} options
 * @returns {Promise<void>}
 */
async function listen(server, options) {
  for (let attempt = 0; ; attempt++) {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve(undefined);
      });
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const bound = typeof address === 'object' && address ? address.address : options.host;
    const taken = [];
    for (const other of otherLoopbacks(options.host).filter((h) => h !== bound)) {
      try {
        await portFree(port, other);
      } catch {
        taken.push(other);
      }
    }
    if (!taken.length) return;
    await new Promise((resolve) => server.close(resolve));
    if (options.port !== 0 || attempt >= 5) {
      const where = taken.map((h) => (h.includes(':') ? `[${h}]` : h)).join(' and ');
      throw new PortTakenError(
        `port ${port} is taken on ${where} (another program would answer there for http://localhost:${port}): stop it or choose another --port`,
      );
    }
  }
}

class PortTakenError extends Error {}

async function main() {
  /** @type {Options} */
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
  try {
    await listen(server, options);
  } catch (error) {
    const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
    const why = error instanceof PortTakenError ? message : (code ?? message);
    process.stderr.write(
      `kalshi-relay: cannot listen on ${options.host}:${options.port}: ${why}\n`,
    );
    process.exit(1);
  }
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('the relay has no address');
  const base = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
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
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.close();
      server.closeAllConnections();
      process.exit(0);
    });
  }
}

await main();
