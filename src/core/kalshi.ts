// Kalshi's environments, hosts, endpoints and request presets (auth.md sections 3 and 7), the
// hand-off renderers (curl, fetch, websocat) and a reader for Kalshi's error bodies (section 4).
// Pure data and strings: no crypto, no network, no DOM.

import { RequestFormatError } from './errors';

export type KalshiEnvironmentId = 'demo' | 'production';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

/** Root of every signed REST path: Kalshi signs the path from the API root, prefix included. */
export const REST_PREFIX = '/trade-api/v2';
/** The WebSocket handshake signs `GET` + this fixed path (auth.md section 2). */
export const WS_PATH = '/trade-api/ws/v2';

/** One API host of an environment: REST and WebSocket origins that belong together. */
export interface KalshiHost {
  /** Stable identifier: the REST host name. */
  readonly id: string;
  readonly environment: KalshiEnvironmentId;
  readonly restOrigin: string;
  readonly wsOrigin: string;
  /** true for the host Kalshi's docs recommend; false for the older host that is still supported. */
  readonly recommended: boolean;
}

export interface KalshiEnvironment {
  readonly id: KalshiEnvironmentId;
  readonly label: 'Demo' | 'Production';
  /** Recommended host first. */
  readonly hosts: readonly KalshiHost[];
}

// auth.md section 3. Keys are per environment: a demo key fails on production and vice versa.
export const KALSHI_ENVIRONMENTS: readonly KalshiEnvironment[] = [
  {
    id: 'demo',
    label: 'Demo',
    hosts: [
      {
        id: 'external-api.demo.kalshi.co',
        environment: 'demo',
        restOrigin: 'https://external-api.demo.kalshi.co',
        wsOrigin: 'wss://external-api-ws.demo.kalshi.co',
        recommended: true,
      },
      {
        id: 'demo-api.kalshi.co',
        environment: 'demo',
        restOrigin: 'https://demo-api.kalshi.co',
        wsOrigin: 'wss://demo-api.kalshi.co',
        recommended: false,
      },
    ],
  },
  {
    id: 'production',
    label: 'Production',
    hosts: [
      {
        id: 'external-api.kalshi.com',
        environment: 'production',
        restOrigin: 'https://external-api.kalshi.com',
        wsOrigin: 'wss://external-api-ws.kalshi.com',
        recommended: true,
      },
      {
        id: 'api.elections.kalshi.com',
        environment: 'production',
        restOrigin: 'https://api.elections.kalshi.com',
        wsOrigin: 'wss://api.elections.kalshi.com',
        recommended: false,
      },
    ],
  },
];

// Hosts that no longer serve the API (auth.md section 3): recognised only to explain them.
const RETIRED_HOSTS: Readonly<Record<string, string>> = {
  'api.kalshi.com':
    'api.kalshi.com is Kalshi\'s old production host. Use external-api.kalshi.com (choose "Production").',
  'trading-api.kalshi.com':
    'trading-api.kalshi.com is retired ("API moved to api.elections.kalshi.com"). Use external-api.kalshi.com (choose "Production").',
};

/**
 * The environment with this identifier.
 * @throws TypeError for an unknown identifier (programmer error).
 */
export function kalshiEnvironment(id: KalshiEnvironmentId): KalshiEnvironment {
  const env = KALSHI_ENVIRONMENTS.find((e) => e.id === id);
  if (!env) throw new TypeError(`Unknown Kalshi environment: ${String(id)}`);
  return env;
}

/** The host with this identifier (its REST host name), or undefined. */
export function kalshiHost(id: string): KalshiHost | undefined {
  return KALSHI_ENVIRONMENTS.flatMap((e) => e.hosts).find((h) => h.id === id);
}

/** The Kalshi host serving this host name (REST or WebSocket), or undefined if it is not Kalshi's. */
export function hostForHostname(hostname: string): KalshiHost | undefined {
  const name = hostname.toLowerCase();
  return KALSHI_ENVIRONMENTS.flatMap((e) => e.hosts).find(
    (h) => new URL(h.restOrigin).hostname === name || new URL(h.wsOrigin).hostname === name,
  );
}

/** A short label for a host choice: `external-api.kalshi.com (recommended)`. */
export function hostLabel(host: KalshiHost): string {
  return `${host.id} (${host.recommended ? 'recommended' : 'also supported'})`;
}

/** POST, PUT and DELETE may carry a JSON body; GET never does. */
export function methodTakesBody(method: HttpMethod): boolean {
  return method !== 'GET';
}

/** Where a request goes, as resolved from what the user typed in "Path". */
export interface RequestTarget {
  /** Full URL with its query: what curl and fetch call. */
  readonly url: string;
  /** The URL's path without the query: what Kalshi signs. */
  readonly path: string;
  /** `?…` or ''. Sent, never signed. */
  readonly query: string;
  /** The Kalshi host the URL points at, or undefined for another host (a relay, a local mock). */
  readonly host: KalshiHost | undefined;
  /** true when the user typed a full URL rather than a path. */
  readonly fromFullUrl: boolean;
  readonly websocket: boolean;
  /** Placeholders such as `{api_key_id}` still to be replaced before signing. */
  readonly placeholders: readonly string[];
  /** Plain advice about likely mistakes (missing prefix, unknown or retired host, …). */
  readonly warnings: readonly string[];
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Resolves the "Path" input: a path such as `/trade-api/v2/markets?status=open` is sent to `host`;
 * a full URL keeps its own host, and when that host is Kalshi's, `host` of the result names it so the
 * caller can follow its environment.
 * @throws RequestFormatError `empty-path` when nothing was typed, `path-not-absolute` when the input is
 *   neither a full URL nor a path starting with `/`, `invalid-url` for a URL that cannot be parsed or
 *   whose scheme is not https, http, wss or ws.
 */
export function resolveRequestTarget(input: string, host: KalshiHost): RequestTarget {
  const raw = input.trim();
  if (raw === '') {
    throw new RequestFormatError(
      'empty-path',
      'The path is empty. Type a Kalshi path such as /trade-api/v2/portfolio/balance, or pick a preset.',
    );
  }
  const placeholders = [...raw.matchAll(PLACEHOLDER)].map((m) => `{${m[1]}}`);
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw);
  if (!hasScheme && !raw.startsWith('/')) {
    throw new RequestFormatError(
      'path-not-absolute',
      `"${raw}" is not a full path. Start it with /, e.g. ${REST_PREFIX}/${raw.replace(/^(trade-api\/v2\/)?/, '')}, or paste a full https:// URL.`,
    );
  }
  let url: URL;
  try {
    // Concatenation, not new URL(raw, origin): "//other.host/x" must stay a path on our host.
    url = new URL(hasScheme ? raw : wsOrRest(raw, host) + raw);
  } catch (cause) {
    throw new RequestFormatError(
      'invalid-url',
      `"${raw}" is not a valid URL. Check it for typos, or type only the path.`,
      { cause },
    );
  }
  if (!['https:', 'http:', 'wss:', 'ws:'].includes(url.protocol)) {
    throw new RequestFormatError(
      'invalid-url',
      `${url.protocol} URLs cannot be sent to Kalshi. Use an https:// (or wss:// for the WebSocket) URL, or type only the path.`,
    );
  }
  const knownHost = hasScheme ? hostForHostname(url.hostname) : host;
  const websocket =
    url.protocol === 'wss:' || url.protocol === 'ws:' || url.pathname.startsWith(WS_PATH);
  return {
    url: url.href,
    path: url.pathname,
    query: url.search,
    host: knownHost,
    fromFullUrl: hasScheme,
    websocket,
    placeholders,
    warnings: targetWarnings(url, hasScheme ? knownHost : host, hasScheme),
  };
}

function wsOrRest(path: string, host: KalshiHost): string {
  return path.startsWith(WS_PATH) ? host.wsOrigin : host.restOrigin;
}

// The common mistakes of auth.md section 9, caught before they become a 401.
function targetWarnings(url: URL, host: KalshiHost | undefined, fromFullUrl: boolean): string[] {
  const warnings: string[] = [];
  const path = url.pathname;
  if (fromFullUrl && !host) {
    const retired = RETIRED_HOSTS[url.hostname.toLowerCase()];
    warnings.push(
      retired ??
        `${url.hostname} is not one of Kalshi's API hosts. The signature does not cover the host, so this suits a relay or a local mock; to call Kalshi directly, pick an environment and type only the path.`,
    );
  }
  if (!path.startsWith('/trade-api/')) {
    warnings.push(
      `Kalshi signs the full path from the API root. Did you mean ${REST_PREFIX}${path === '/' ? '' : path}?`,
    );
  } else if (path.startsWith(`${REST_PREFIX}${REST_PREFIX}`)) {
    warnings.push(
      `The path repeats ${REST_PREFIX}. Keep it once: ${path.slice(REST_PREFIX.length)}.`,
    );
  }
  if (/\/api-keys(\/|$)/.test(path)) {
    warnings.push('Kalshi spells this endpoint api_keys, with an underscore.');
  }
  return warnings;
}

/** Everything needed to send one signed request: a value the UI can hand to curl, fetch or a relay. */
export interface KalshiRequest {
  readonly method: HttpMethod;
  /** Full URL with its query. */
  readonly url: string;
  /** The three KALSHI-ACCESS-* headers, plus Content-Type when there is a body. */
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text, sent as is (Kalshi does not sign the body). */
  readonly body?: string;
}

/**
 * Assembles a request from its parts; a non-blank body adds `Content-Type: application/json`.
 * @throws TypeError when a body is given for GET (programmer error: the UI disables the body then).
 */
export function buildKalshiRequest(input: {
  method: HttpMethod;
  url: string;
  authHeaders: Readonly<Record<string, string>>;
  body?: string;
}): KalshiRequest {
  const body = input.body?.trim() ? input.body : undefined;
  if (body !== undefined && !methodTakesBody(input.method)) {
    throw new TypeError('A GET request has no body.');
  }
  const headers =
    body === undefined
      ? { ...input.authHeaders }
      : { ...input.authHeaders, 'Content-Type': 'application/json' };
  return body === undefined
    ? { method: input.method, url: input.url, headers }
    : { method: input.method, url: input.url, headers, body };
}

/**
 * Checks that a body is JSON, for live validation.
 * @returns null when the body is blank or valid JSON; otherwise a message saying what to fix.
 */
export function jsonBodyProblem(body: string): string | null {
  if (body.trim() === '') return null;
  try {
    JSON.parse(body);
    return null;
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message})` : '';
    return `The body is not valid JSON${detail}. Kalshi expects a JSON object such as {"name": "my key"}: fix it, or clear the body.`;
  }
}

/** POSIX shell single-quoting: safe for any text, including quotes, $, ` and newlines. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A curl command that sends exactly this request (curl 7.86+ also speaks wss://). */
export function renderCurl(request: KalshiRequest): string {
  const parts = [
    `curl${request.method === 'GET' ? '' : ` -X ${request.method}`} ${shellQuote(request.url)}`,
  ];
  for (const [name, value] of Object.entries(request.headers))
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (request.body !== undefined) parts.push(`--data-raw ${shellQuote(request.body)}`);
  return parts.join(' \\\n  ');
}

/** A websocat command that opens the WebSocket with these headers (browsers cannot set them). */
export function renderWebsocat(request: KalshiRequest): string {
  const parts = ['websocat'];
  for (const [name, value] of Object.entries(request.headers))
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  parts.push(shellQuote(request.url));
  return parts.join(' \\\n  ');
}

/**
 * A JavaScript snippet for Node or a server. For a WebSocket URL, a snippet for the `ws` package,
 * since neither browsers nor fetch can send these headers on a WebSocket handshake.
 */
export function renderFetch(request: KalshiRequest): string {
  const headerLines = Object.entries(request.headers)
    .map(([name, value]) => `    ${JSON.stringify(name)}: ${JSON.stringify(value)},`)
    .join('\n');
  if (/^wss?:/.test(request.url)) {
    return [
      '// Browsers cannot set these headers on a WebSocket: run this in Node with the "ws" package.',
      "import WebSocket from 'ws';",
      `const ws = new WebSocket(${JSON.stringify(request.url)}, {`,
      '  headers: {',
      headerLines,
      '  },',
      '});',
      "ws.on('message', (data) => console.log(String(data)));",
    ].join('\n');
  }
  return [
    '// Kalshi refuses calls from web pages (CORS): run this in Node 18+ or on a server.',
    `const response = await fetch(${JSON.stringify(request.url)}, {`,
    `  method: ${JSON.stringify(request.method)},`,
    '  headers: {',
    headerLines,
    '  },',
    ...(request.body === undefined ? [] : [`  body: ${JSON.stringify(request.body)},`]),
    '});',
    'console.log(response.status, await response.text());',
  ].join('\n');
}

export type PresetId =
  | 'balance'
  | 'positions'
  | 'orders'
  | 'list-api-keys'
  | 'upload-public-key'
  | 'delete-api-key'
  | 'websocket';

/** A request the form can be filled with. */
export interface RequestPreset {
  readonly id: PresetId;
  readonly label: string;
  readonly method: HttpMethod;
  /** Path with query; `{name}` marks a value the user must fill in. */
  readonly path: string;
  /** Plain explanation shown with the preset, or undefined. */
  readonly note?: string;
  /** Signed by a key other than the selected one (the key being uploaded is not registered yet). */
  readonly signWithAnotherKey?: boolean;
}

export const REQUEST_PRESETS: readonly RequestPreset[] = [
  { id: 'balance', label: 'Balance', method: 'GET', path: `${REST_PREFIX}/portfolio/balance` },
  {
    id: 'positions',
    label: 'Positions',
    method: 'GET',
    path: `${REST_PREFIX}/portfolio/positions`,
  },
  {
    id: 'orders',
    label: 'Resting orders',
    method: 'GET',
    path: `${REST_PREFIX}/portfolio/orders?status=resting`,
  },
  { id: 'list-api-keys', label: 'List API keys', method: 'GET', path: `${REST_PREFIX}/api_keys` },
  {
    id: 'upload-public-key',
    label: "Upload selected key's public key",
    method: 'POST',
    path: `${REST_PREFIX}/api_keys`,
    signWithAnotherKey: true,
    note: 'Kalshi only accepts this from a key it already knows, so it is signed by another of your keys that has a Kalshi key ID. Kalshi answers with the new key ID: paste it into "Kalshi key ID". This endpoint is for Premier and Market Maker API usage levels; otherwise paste the public key into "RSA public key" in Kalshi\'s web UI.',
  },
  {
    id: 'delete-api-key',
    label: 'Delete an API key',
    method: 'DELETE',
    path: `${REST_PREFIX}/api_keys/{api_key_id}`,
    note: 'Replace {api_key_id} in the path with the Kalshi key ID to delete. Kalshi answers 204 with an empty body.',
  },
  {
    id: 'websocket',
    label: 'WebSocket connect',
    method: 'GET',
    path: WS_PATH,
    note: 'Browsers cannot set these headers on a WebSocket, so this page cannot connect for you. Use the headers from a bot, or from a CLI such as websocat -H (command below).',
  },
];

/**
 * The preset with this identifier.
 * @throws TypeError for an unknown identifier (programmer error).
 */
export function requestPreset(id: PresetId): RequestPreset {
  const preset = REQUEST_PRESETS.find((p) => p.id === id);
  if (!preset) throw new TypeError(`Unknown request preset: ${String(id)}`);
  return preset;
}

/** The `POST /api_keys` body that registers a public key (CreateApiKeyRequest, auth.md section 7). */
export function uploadPublicKeyBody(name: string, publicKeyPem: string): string {
  return JSON.stringify({ name, public_key: publicKeyPem }, null, 2);
}

export type KalshiErrorKind =
  'incorrect-signature' | 'unknown-key' | 'timestamp-expired' | 'missing-signature' | 'other';

/** A Kalshi error body, read from any of its three shapes. */
export interface KalshiError {
  readonly kind: KalshiErrorKind;
  readonly code: string;
  readonly message: string;
  readonly details: string;
  /** What to do about it, in plain words; null when the error is not one we know. */
  readonly advice: string | null;
}

const ADVICE: Record<Exclude<KalshiErrorKind, 'other'>, string> = {
  'incorrect-signature':
    'Kalshi could not verify the signature. Check that KALSHI-ACCESS-KEY is the ID of this very key, that the signed path has the /trade-api/v2 prefix and no query, and that the key belongs to this environment.',
  'unknown-key':
    'Kalshi does not know this key ID here. Check the KALSHI-ACCESS-KEY value, that the key was not deleted, and that a demo key goes to Demo and a production key to Production.',
  'timestamp-expired':
    'The signature is too old by the time Kalshi saw it (or your clock is off). Sign again and send within a few seconds; if it keeps happening, set your computer clock automatically.',
  'missing-signature':
    'A KALSHI-ACCESS-* header did not reach Kalshi. Send all three headers (KALSHI-ACCESS-KEY, KALSHI-ACCESS-TIMESTAMP, KALSHI-ACCESS-SIGNATURE); a proxy may be dropping them.',
};

/**
 * Reads a Kalshi error body: nested `{"error":{code,message,details}}`, flat `{code,message,details}`
 * or bare `{"msg": …}` (auth.md section 4), and gives plain advice for the authentication errors.
 * @param body the response text, or its parsed JSON
 * @returns null when the body is not JSON or has none of the three shapes
 */
export function parseKalshiError(body: unknown): KalshiError | null {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (!isObject(value)) return null;
  const source = isObject(value.error) ? value.error : value;
  const code = text(source.code);
  const message = text(source.message) || text(source.msg);
  const details = text(source.details);
  if (!code && !message && !details) return null;
  const kind = errorKind(`${code} ${message} ${details}`);
  return { kind, code, message, details, advice: kind === 'other' ? null : ADVICE[kind] };
}

function errorKind(all: string): KalshiErrorKind {
  if (all.includes('INCORRECT_API_KEY_SIGNATURE')) return 'incorrect-signature';
  if (all.includes('header_timestamp_expired')) return 'timestamp-expired';
  if (all.includes('signature_is_missing_from_headers')) return 'missing-signature';
  // Upper case only: a lower-case not_found is an ordinary missing resource, not an unknown key.
  if (/\bNOT_FOUND\b/.test(all)) return 'unknown-key';
  return 'other';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
