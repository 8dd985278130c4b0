// "Send through relay" (issue 4): Kalshi's API refuses browser calls (no CORS for the
// KALSHI-ACCESS-* headers, 403 with an Origin header: auth.md section 5), so a page can only
// send through a secret-free relay of the user's own that forwards the request and adds CORS.
// Pure strings and URLs: the fetch itself happens in the UI.

import { RequestFormatError } from './errors';
import { parseKalshiError, REST_PREFIX, type KalshiRequest } from './kalshi';

// Plain http:// is allowed only to this computer: anywhere else the signed headers could be read
// or changed on the way, an https page blocks it as mixed content, and the hosted page's CSP
// (connect-src https: http://127.0.0.1:* http://localhost:*) allows exactly these two hosts.
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'];

/**
 * Checks the relay base URL the user typed and returns it normalised, without a trailing slash:
 * `https://relay.example/kalshi/` becomes `https://relay.example/kalshi`.
 * @throws RequestFormatError `empty-relay-url` when nothing was typed; `invalid-relay-url` when it
 *   is not an http(s) URL, carries a query, fragment or user name, or already ends in
 *   /trade-api/v2; `insecure-relay-url` for http:// to a host other than 127.0.0.1 or localhost.
 */
export function parseRelayBase(input: string): string {
  const raw = input.trim();
  if (raw === '') {
    throw new RequestFormatError(
      'empty-relay-url',
      'Set "Relay URL" first: the address of your own relay, such as https://relay.example.',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new RequestFormatError(
      'invalid-relay-url',
      `"${raw}" is not a URL. Type the relay's full address, starting with https://.`,
      { cause },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RequestFormatError(
      'invalid-relay-url',
      `A relay is reached over https://, not ${url.protocol}. Type an address starting with https://.`,
    );
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.includes(url.hostname)) {
    throw new RequestFormatError(
      'insecure-relay-url',
      `Plain http:// is allowed only to a relay on this computer (127.0.0.1 or localhost): to ${url.hostname} the signed headers would travel unencrypted, and this page blocks it. Use https://${url.host}${url.pathname === '/' ? '' : url.pathname}.`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new RequestFormatError(
      'invalid-relay-url',
      'Give the relay as a base address only, without ?query, #fragment or user name: the page adds the Kalshi path and query itself.',
    );
  }
  const base = url.href.replace(/\/+$/, '');
  if (url.pathname.replace(/\/+$/, '').endsWith(REST_PREFIX)) {
    throw new RequestFormatError(
      'invalid-relay-url',
      `Leave ${REST_PREFIX} out of the relay URL: the page adds the Kalshi path, ${REST_PREFIX} included, so it would appear twice. Use ${base.slice(0, -REST_PREFIX.length)}.`,
    );
  }
  return base;
}

/**
 * The address a request goes to through the relay: the relay base followed by the Kalshi path and
 * query, e.g. `https://relay.example` + `https://external-api.kalshi.com/trade-api/v2/markets?status=open`
 * gives `https://relay.example/trade-api/v2/markets?status=open`. The signature is unaffected: it
 * covers the Kalshi path only, never the host.
 * @throws RequestFormatError as parseRelayBase
 * @throws TypeError when `kalshiUrl` is not an absolute URL (programmer error)
 */
export function relayUrl(relayBase: string, kalshiUrl: string): string {
  const base = parseRelayBase(relayBase);
  let target: URL;
  try {
    target = new URL(kalshiUrl);
  } catch (cause) {
    throw new TypeError(`relayUrl needs an absolute Kalshi URL, got ${kalshiUrl}`, { cause });
  }
  return base + target.pathname + target.search;
}

/**
 * The same signed request, addressed to the relay: method, headers and body unchanged.
 * @throws RequestFormatError as parseRelayBase
 */
export function relayRequest(request: KalshiRequest, relayBase: string): KalshiRequest {
  return { ...request, url: relayUrl(relayBase, request.url) };
}

/** A relay's answer, as read from fetch's Response (headers limited to what CORS exposes). */
export interface RelayResponse {
  readonly status: number;
  /** Empty over HTTP/2, where a reason phrase no longer exists. */
  readonly statusText: string;
  readonly headers: Iterable<readonly [string, string]>;
  readonly body: string;
}

// RFC 9110 section 15 reason phrases, for HTTP/2 responses that carry none.
const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * The response as text for the "Response" box: the status line, the headers, a blank line, then the
 * body (JSON pretty-printed with two spaces; anything else as it came).
 */
export function formatRelayResponse(response: RelayResponse): string {
  const reason = response.statusText || REASONS[response.status] || '';
  const lines = [`HTTP ${response.status}${reason ? ` ${reason}` : ''}`];
  for (const [name, value] of response.headers) lines.push(`${name}: ${value}`);
  return `${lines.join('\n')}\n\n${prettyBody(response.body)}`;
}

function prettyBody(body: string): string {
  if (body.trim() === '') return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/**
 * Plain advice for a relay's answer, or null when there is nothing to explain: Kalshi's
 * authentication errors in any of their three body shapes (auth.md section 4), and the 403 Kalshi
 * gives a request that still carries the browser's Origin header (section 5).
 */
export function relayResponseAdvice(status: number, body: string): string | null {
  const error = status >= 400 ? parseKalshiError(body) : null;
  if (error?.advice) return error.advice;
  if (status === 403 && !error) {
    return "Forbidden: Kalshi refuses requests that carry a browser's Origin header. Make the relay drop the Origin (and Referer) header before it forwards the request, or send the curl command from a terminal.";
  }
  return null;
}

/**
 * Explains a request that never got an answer. Browsers reject fetch with the same bare TypeError
 * for a CORS refusal, a Content-Security-Policy block and a network failure, and name the reason
 * only in the developer console, so the text lists all three and points to the curl command.
 * @param relayBase the relay as typed (already checked by parseRelayBase)
 */
export function explainRelayFailure(error: unknown, relayBase: string): string {
  const name =
    typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : '';
  if (name === 'AbortError' || name === 'TimeoutError') {
    return `The relay at ${relayBase} did not answer in time. Check that it is running and can reach Kalshi, or copy the curl command above and send the request from a terminal.`;
  }
  return (
    `The browser blocked the request to ${relayBase} or could not reach it, and browsers do not tell a page which: ` +
    'the relay may be down or unreachable (network); it may not answer with CORS headers that allow this page and the KALSHI-ACCESS-* headers (CORS); ' +
    "or the address may not be allowed by this page's Content-Security-Policy, which permits https:// and http://127.0.0.1 or localhost only (CSP). " +
    "The browser's developer console names the reason. Meanwhile, copy the curl command above: it sends the same request from a terminal."
  );
}
