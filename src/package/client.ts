// The small client a bot calls: load a key, get a fetch that signs, sign a WebSocket handshake.
// Built only on WebCrypto and fetch, so it runs unchanged in Node >= 20, Deno, Bun, Workers and
// browsers. The core is reached through its public surface only.
import {
  KalshiAnswerError,
  REST_PREFIX,
  RequestFormatError,
  WS_PATH,
  importPrivateKeyPem,
  kalshiEnvironment,
  kalshiErrorAdvice,
  kalshiErrorOf,
  keyFileText,
  signRequest,
  type KalshiAnswerErrorCode,
  type KalshiAuthHeaders,
  type KalshiEnvironmentId,
} from '../core/index';

/** Who signs: the key ID Kalshi showed, the private key, and the environment the key belongs to. */
export interface KalshiSigner {
  /** The key ID Kalshi showed when the key was registered (a UUID). */
  keyId: string;
  /** An RSA-PSS private key, as `loadKey` returns it. */
  privateKey: CryptoKey;
  /** Keys are per environment: a demo key fails on production and the reverse. */
  environment: KalshiEnvironmentId;
}

/** What `kalshiFetch` needs. */
export interface KalshiFetchOptions extends KalshiSigner {
  /**
   * Replaces Kalshi's scheme and host (a mock in tests, a proxy): requests go to
   * `baseUrl + /trade-api/v2/...`. A path in it (`https://proxy.example/kalshi`) is kept in front
   * and not signed: the proxy must strip it, as Kalshi verifies the path from /trade-api/v2.
   */
  baseUrl?: string;
  /** The transport, `globalThis.fetch` by default. */
  fetch?: typeof fetch;
}

/** A `fetch` that takes a path under /trade-api/v2/ (or a full Kalshi URL) and signs it. */
export type KalshiFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Loads a private key from every format the kalshi-keys page imports: the PKCS#1 PEM Kalshi
 * downloads, PKCS#8, `ENCRYPTED PRIVATE KEY` (PBES2) with `passphrase`, DER bytes, and text mangled
 * on its way (CRLF, literal `\n` from an environment variable, indentation).
 * @returns a non-extractable RSA-PSS private key, for `kalshiFetch` and `websocketHeaders`
 * @throws KeyFormatError with the code of the problem (`passphrase-required`, `wrong-passphrase`,
 *   `public-key`, `ec-key`, `key-too-small`, ...) and a message that says what to do
 * @throws TypeError when `pemOrDer` is neither text nor bytes
 */
export async function loadKey(
  pemOrDer: string | Uint8Array | ArrayBuffer,
  options?: { passphrase?: string },
): Promise<CryptoKey> {
  const text =
    typeof pemOrDer === 'string'
      ? pemOrDer
      : pemOrDer instanceof ArrayBuffer || ArrayBuffer.isView(pemOrDer)
        ? keyFileText(bytesOf(pemOrDer), 'key.der')
        : badType('pemOrDer must be PEM text, a Uint8Array or an ArrayBuffer');
  const { privateKey } = await importPrivateKeyPem(text, {
    passphrase: options?.passphrase,
    extractable: false,
  });
  return privateKey;
}

const bytesOf = (value: Uint8Array | ArrayBuffer): Uint8Array =>
  value instanceof ArrayBuffer
    ? new Uint8Array(value)
    : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

function badType(message: string): never {
  throw new TypeError(message);
}

/**
 * A `fetch` that signs every request for Kalshi: the three KALSHI-ACCESS-* headers over a fresh
 * timestamp, the method and the path exactly as it goes on the wire, query and body unsigned.
 * Any 4xx or 5xx answer becomes a thrown `KalshiAnswerError`, and so does a redirect, which is
 * not followed unless `init.redirect` asks (the signed headers would go with it). A 401 `header_timestamp_expired`
 * (a request that waited too long) is signed again once with a new timestamp and re-sent.
 * @throws TypeError when an option is missing or of the wrong type (at once, not per request)
 */
export function kalshiFetch(options: KalshiFetchOptions): KalshiFetch {
  const { keyId, privateKey } = checkSigner(options);
  const transport = options.fetch ?? globalThis.fetch;
  if (typeof transport !== 'function') badType('options.fetch must be a function');
  const origins = kalshiEnvironment(options.environment).hosts.map((h) => h.restOrigin);
  const base = options.baseUrl === undefined ? origins[0]! : readBaseUrl(options.baseUrl);
  // A proxy's path prefix, sent but not signed.
  const prefix = pathPrefix(base);

  return async (input, init) => {
    const target = targetUrl(input, base, origins);
    const path = target.pathname.slice(prefix.length);
    const request = await requestInit(input, init);
    // Sent as signed: fetch upper-cases only the standard methods.
    const method = (request.method ?? 'GET').toUpperCase();
    const send = async () => {
      const signed = await signRequest(privateKey, { keyId, method, path });
      // Most calls pass no headers of their own: a plain object then, cheaper than Headers.
      let headers: HeadersInit = { ...signed };
      if (request.headers !== undefined) {
        headers = new Headers(request.headers);
        for (const [name, value] of Object.entries(signed)) headers.set(name, value);
      }
      // Redirects are not followed unless asked for: the signed headers would go with them.
      return transport(target.href, { redirect: 'manual', ...request, method, headers });
    };
    let response = await send();
    let body = response.ok ? '' : await response.text();
    // A stream body is gone once sent; every other kind can go again.
    const replayable = !(request.body instanceof ReadableStream);
    if (response.status === 401 && replayable && /header_timestamp_expired/.test(body)) {
      response = await send();
      body = response.ok ? '' : await response.text();
    }
    if (response.status >= 400) throw answerError(method, path, response.status, body);
    if (response.type === 'opaqueredirect' || response.status >= 300) {
      throw new KalshiAnswerError(
        'kalshi-error',
        `Kalshi answered ${method} ${path} with a redirect${response.headers.get('location') ? ` to ${response.headers.get('location')}` : ''}, not followed: the signed headers would go with it. Check baseUrl and the path.`,
        response.status || undefined,
      );
    }
    return response;
  };
}

/**
 * The three headers for Kalshi's WebSocket handshake: `GET` and `/trade-api/ws/v2` signed now.
 * Send them on the upgrade request (Node's `ws`, Deno and Bun's `WebSocket` with headers); a
 * browser cannot set them.
 * @throws TypeError when an option is missing or of the wrong type
 */
export async function websocketHeaders(options: KalshiSigner): Promise<KalshiAuthHeaders> {
  const { keyId, privateKey } = checkSigner(options);
  return signRequest(privateKey, { keyId, method: 'GET', path: WS_PATH });
}

/** The WebSocket URL of an environment's recommended host. */
export function websocketUrl(environment: KalshiEnvironmentId): string {
  return kalshiEnvironment(checkEnvironment(environment)).hosts[0]!.wsOrigin + WS_PATH;
}

function checkEnvironment(environment: unknown): KalshiEnvironmentId {
  return environment === 'demo' || environment === 'production'
    ? environment
    : badType(`options.environment must be 'demo' or 'production', not ${String(environment)}`);
}

function checkSigner(options: KalshiSigner): KalshiSigner {
  if (typeof options?.keyId !== 'string' || !options.keyId.trim()) {
    badType('options.keyId must be the key ID Kalshi showed for this key (a UUID)');
  }
  const key = options.privateKey;
  if (key?.type !== 'private' || key.algorithm?.name !== 'RSA-PSS') {
    badType('options.privateKey must be an RSA-PSS private CryptoKey: use loadKey(pem)');
  }
  checkEnvironment(options.environment);
  return options;
}

/**
 * `baseUrl` without a trailing slash. Kalshi's own /trade-api/v2 in it would be doubled.
 * @throws RequestFormatError 'invalid-url'
 */
function readBaseUrl(baseUrl: string): string {
  const url = parse(baseUrl, 'baseUrl');
  if (url.search || url.hash || url.pathname.includes(REST_PREFIX)) {
    refuse(
      `baseUrl ${baseUrl} must be a scheme, a host and at most a proxy's path prefix, without ${REST_PREFIX}.`,
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * Where a request goes: a path under /trade-api/v2/ is put after `base`; a full URL on one of the
 * environment's hosts (or on `base`) keeps its path and query, on `base`.
 * @throws RequestFormatError 'invalid-url' for a path outside the API or another host
 */
function targetUrl(input: string | URL | Request, base: string, origins: string[]): URL {
  const text = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  let pathAndQuery = text;
  if (!text.startsWith('/')) {
    const url = parse(text, 'The request URL');
    const allowed = [...origins, new URL(base).origin];
    const basePath = url.origin === new URL(base).origin ? pathPrefix(base) : '';
    if (!allowed.includes(url.origin) || !url.pathname.startsWith(basePath)) {
      refuse(
        `${url.origin} is not this environment's Kalshi host (${origins.join(' or ')}): pass a path such as ${REST_PREFIX}/portfolio/balance.`,
      );
    }
    pathAndQuery = url.pathname.slice(basePath.length) + url.search;
  }
  if (!/^\/trade-api\/v2(\/|\?|$)/.test(pathAndQuery)) {
    refuse(
      `${pathAndQuery.split('?')[0]} is not under ${REST_PREFIX}/: Kalshi signs the full path, such as ${REST_PREFIX}/portfolio/balance.`,
    );
  }
  // Parsed as fetch will send it, so the signed path is the one on the wire (dot segments,
  // percent-encoding).
  return parse(base + pathAndQuery, 'The request path');
}

/** The path of a base URL without its trailing slash: '' for a bare origin. */
const pathPrefix = (base: string) => new URL(base).pathname.replace(/\/$/, '');

/**
 * The request's own method, headers and body, overridden by `init`, as fetch merges them. A
 * Request's body is read into bytes, so a retry can send it again.
 */
async function requestInit(
  input: string | URL | Request,
  init: RequestInit | undefined,
): Promise<RequestInit> {
  if (!(input instanceof Request)) return init ?? {};
  const body = input.body === null ? undefined : await input.arrayBuffer();
  return { method: input.method, headers: input.headers, body, signal: input.signal, ...init };
}

function parse(text: string, what: string): URL {
  try {
    const url = new URL(text);
    if (/^https?:$/.test(url.protocol)) return url;
  } catch {
    // Reported below with what to do.
  }
  return refuse(`${what} ${JSON.stringify(text)} is not an http(s) URL.`);
}

function refuse(message: string): never {
  throw new RequestFormatError('invalid-url', message);
}

const CODE_BY_STATUS: [number, KalshiAnswerErrorCode][] = [
  [400, 'bad-request'],
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [404, 'not-found'],
  [409, 'conflict'],
];

/** What to do, when Kalshi's own words do not say. */
const TODO: Partial<Record<KalshiAnswerErrorCode, string>> = {
  'bad-request': "Check the body and the query against Kalshi's API reference.",
  unauthorized: 'Check the key ID, the environment and the clock.',
  forbidden: "Check the key's scopes and the account's API level.",
  'not-found': 'Check the path and the environment.',
  conflict: 'Wait a minute, then try again.',
  'server-error': 'Try again in a few minutes.',
};

/**
 * Kalshi's error answer as a KalshiAnswerError: the code by HTTP status, Kalshi's own code and
 * words, and what to do (the page's advice for Kalshi's authentication errors).
 */
export function answerError(
  method: string,
  path: string,
  status: number,
  body: string,
): KalshiAnswerError {
  const code =
    CODE_BY_STATUS.find(([s]) => s === status)?.[1] ??
    (status >= 500 ? 'server-error' : 'kalshi-error');
  const error = kalshiErrorOf(jsonOf(body)) ?? {};
  const says = error.text ? ` Kalshi says: "${error.text}".` : '';
  const todo =
    kalshiErrorAdvice(status, body) ??
    TODO[code] ??
    (status === 429 ? 'Too many requests: wait, then try again.' : 'Try again later.');
  return new KalshiAnswerError(
    code,
    `Kalshi answered HTTP ${status} to ${method} ${path}.${says} ${todo}`,
    status,
    error.code,
  );
}

/** The answer's body as JSON, if it is JSON. */
function jsonOf(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
