// Kalshi's environments, hosts, endpoints and request presets (docs/kalshi-api.md sections 3 and 7), the
// hand-off renderers (curl, fetch, websocat).
// Pure data and strings: no crypto, no network, no DOM.

import { parseUrl, readPathInput } from './signing';

export type KalshiEnvironmentId = 'demo' | 'production';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

/** Root of every signed REST path: Kalshi signs the path from the API root, prefix included. */
export const REST_PREFIX = '/trade-api/v2';
/** The WebSocket handshake signs `GET` + this fixed path (docs/kalshi-api.md section 2). */
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

/**
 * An environment from [REST host, WebSocket host] pairs, the recommended pair first; a host that
 * serves both comes alone.
 */
function environment(
  id: KalshiEnvironmentId,
  label: KalshiEnvironment['label'],
  ...pairs: [string, string?][]
): KalshiEnvironment {
  const hosts = pairs.map(([rest, ws = rest], i) => ({
    id: rest,
    environment: id,
    restOrigin: `https://${rest}`,
    wsOrigin: `wss://${ws}`,
    recommended: i === 0,
  }));
  return { id, label, hosts };
}

// docs/kalshi-api.md section 3. Keys are per environment: a demo key fails on production and vice versa.
export const KALSHI_ENVIRONMENTS: readonly KalshiEnvironment[] = [
  environment(
    'demo',
    'Demo',
    ['external-api.demo.kalshi.co', 'external-api-ws.demo.kalshi.co'],
    ['demo-api.kalshi.co'],
  ),
  environment(
    'production',
    'Production',
    ['external-api.kalshi.com', 'external-api-ws.kalshi.com'],
    ['api.elections.kalshi.com'],
  ),
];

/** Every host of every environment. */
export const KALSHI_HOSTS = KALSHI_ENVIRONMENTS.flatMap((e) => e.hosts);

/** The environment with this identifier. */
export function kalshiEnvironment(id: KalshiEnvironmentId): KalshiEnvironment {
  return KALSHI_ENVIRONMENTS.find((e) => e.id === id)!;
}

/**
 * The Kalshi host serving this lower-case host name (REST, which is also its identifier, or
 * WebSocket), or undefined if it is not Kalshi's.
 */
export function kalshiHost(name: string): KalshiHost | undefined {
  return KALSHI_HOSTS.find((h) => h.id === name || h.wsOrigin === `wss://${name}`);
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

/**
 * Resolves the "Path" input: a path such as `/trade-api/v2/markets?status=open` is sent to `host`;
 * a full URL keeps its own host, and when that host is Kalshi's, `host` of the result names it so the
 * caller can follow its environment.
 * @throws RequestFormatError `empty-path` when nothing was typed, `path-not-absolute` when the input is
 *   neither a full URL (scheme and //) nor a path starting with `/`, `invalid-url` for a URL that cannot be parsed or
 *   whose scheme is not https, http, wss or ws.
 */
export function resolveRequestTarget(input: string, host: KalshiHost): RequestTarget {
  const [raw, fromFullUrl] = readPathInput(input);
  // Concatenation, not new URL(raw, origin): "//other.host/x" must stay a path on our host.
  const url = parseUrl(
    fromFullUrl ? raw : (raw.startsWith(WS_PATH) ? host.wsOrigin : host.restOrigin) + raw,
    raw,
  );
  const path = url.pathname;
  const known = fromFullUrl ? kalshiHost(url.hostname) : host;

  // The common mistakes of docs/kalshi-api.md section 9, caught before they become a 401.
  const warnings: string[] = [];
  // Also catches the retired hosts (api.kalshi.com, trading-api.kalshi.com).
  if (!known) {
    warnings.push(
      `${url.hostname} is not a current Kalshi API host: fine for a relay or a mock; for Kalshi, type only the path.`,
    );
  }
  if (!path.startsWith('/trade-api/')) {
    warnings.push(
      `Kalshi signs the full path: did you mean ${REST_PREFIX}${path === '/' ? '' : path}?`,
    );
  } else if (path.startsWith(REST_PREFIX + REST_PREFIX)) {
    warnings.push(`The path repeats ${REST_PREFIX}: use ${path.slice(REST_PREFIX.length)}.`);
  }
  if (/\/api-keys(\/|$)/.test(path)) warnings.push('Write api_keys, with an underscore.');

  return {
    url: url.href,
    path,
    query: url.search,
    host: known,
    fromFullUrl,
    websocket: /^wss?:/.test(url.protocol) || path.startsWith(WS_PATH),
    placeholders: raw.match(/\{[A-Za-z_]\w*\}/g) ?? [],
    warnings,
  };
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
 * The caller passes a body only for POST, PUT and DELETE.
 */
export function buildKalshiRequest(input: {
  method: HttpMethod;
  url: string;
  authHeaders: Readonly<Record<string, string>>;
  body?: string;
}): KalshiRequest {
  const { method, url, authHeaders, body } = input;
  return body?.trim()
    ? { method, url, headers: { ...authHeaders, 'Content-Type': 'application/json' }, body }
    : { method, url, headers: { ...authHeaders } };
}

/**
 * Checks that a body is JSON, for live validation.
 * @returns null when the body is blank or valid JSON; otherwise a message saying what to fix.
 */
export function jsonBodyProblem(body: string): string | null {
  try {
    if (body.trim()) JSON.parse(body);
    return null;
  } catch (error) {
    return `The body is not valid JSON (${(error as Error).message}): fix it, or clear the body.`;
  }
}

/** POSIX shell single-quoting: safe for any text, including quotes, $, ` and newlines. */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** A shell command: `first`, then one -H per header, then `rest`, one per line. */
function shell(first: string, request: KalshiRequest, ...rest: string[]): string {
  const headers = Object.entries(request.headers).map(([n, v]) => `-H ${quote(`${n}: ${v}`)}`);
  return [first, ...headers, ...rest].join(' \\\n  ');
}

/** A curl command that sends exactly this request (wss:// too, from curl 8.11 on). */
export function renderCurl(r: KalshiRequest): string {
  // --globoff: else curl reads [ ] { } in a URL (?tickers=[A,B]) as globs, and sends several
  // requests or none.
  return shell(
    `curl --globoff${r.method === 'GET' ? '' : ` -X ${r.method}`} ${quote(r.url)}`,
    r,
    ...(r.body === undefined ? [] : [`--data-raw ${quote(r.body)}`]),
  );
}

/** A websocat command that opens the WebSocket with these headers (browsers cannot set them). */
export function renderWebsocat(r: KalshiRequest): string {
  // The URL first: websocat 1.x lets -H take several values, so a URL after the headers is read as
  // one more header (vi/websocat#286).
  return shell(`websocat ${quote(r.url)}`, r);
}

/**
 * A fetch() snippet for Node or a server (Kalshi refuses calls from web pages). No top-level await:
 * it is a SyntaxError in CommonJS, which is what Node makes of a .cjs file, and of a .js file
 * before Node 20.19 and 22.7.
 */
export function renderFetch({ method, url, headers, body }: KalshiRequest): string {
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  // A redirect is reported, not followed: following it would send the signed headers elsewhere.
  return `// Kalshi refuses calls from web pages (CORS): run this in Node 18+ or on a server.
fetch(${json(url)}, ${json({ method, headers, body, redirect: 'manual' })}).then(async (response) =>
  console.log(response.status, await response.text()),
);`;
}

export type PresetId =
  'balance' | 'positions' | 'orders' | 'list-api-keys' | 'delete-api-key' | 'websocket';

/** A request the form can be filled with. */
export interface RequestPreset {
  readonly id: PresetId;
  readonly label: string;
  readonly method: HttpMethod;
  /** Path with query; `{name}` marks a value the user must fill in. */
  readonly path: string;
  /** Plain explanation shown with the preset, or undefined. */
  readonly note?: string;
}

const KEYS = `${REST_PREFIX}/api_keys`;

export const REQUEST_PRESETS: readonly RequestPreset[] = (
  [
    ['balance', 'Balance', 'GET', `${REST_PREFIX}/portfolio/balance`],
    ['positions', 'Positions', 'GET', `${REST_PREFIX}/portfolio/positions`],
    ['orders', 'Resting orders', 'GET', `${REST_PREFIX}/portfolio/orders?status=resting`],
    ['list-api-keys', 'List API keys', 'GET', KEYS],
    ['delete-api-key', 'Delete an API key', 'DELETE', `${KEYS}/{api_key_id}`],
    [
      'websocket',
      'WebSocket connect',
      'GET',
      WS_PATH,
      // Before 8.11, curl spoke wss:// only when built with it: most answer "Protocol wss not supported".
      'Browsers cannot set these headers on a WebSocket: use them from a bot, websocat, or curl 8.11 or later.',
    ],
  ] as const
).map(([id, label, method, path, note]) => ({ id, label, method, path, note }));

/** The preset with this identifier. */
export function requestPreset(id: PresetId): RequestPreset {
  return REQUEST_PRESETS.find((p) => p.id === id)!;
}

/**
 * Kalshi's own page for API keys (Account & security, API Keys), per environment: where a public
 * key is pasted ("Create Key") and where the first key of an account must be made.
 */
export const KALSHI_API_KEYS_PAGES: Readonly<Record<KalshiEnvironmentId, string>> = {
  demo: 'https://demo.kalshi.co/account/profile',
  production: 'https://kalshi.com/account/profile',
};
