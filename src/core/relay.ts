// "Send through relay": Kalshi's API refuses browser calls (no CORS for the
// KALSHI-ACCESS-* headers, 403 with an Origin header: docs/kalshi-api.md section 5), so a page can only
// send through a secret-free relay of the user's own that forwards the request and adds CORS.
// Pure strings and URLs: the fetch itself happens in the UI.

import { requestError } from './errors';
import { REST_PREFIX } from './kalshi';

/**
 * Checks the relay base URL the user typed and returns it normalised, without a trailing slash:
 * `https://relay.example/kalshi/` becomes `https://relay.example/kalshi`.
 * @throws RequestFormatError `empty-relay-url` when nothing was typed; `invalid-relay-url` when it
 *   is not an http(s) URL, carries a query, fragment or user name, or already ends in
 *   /trade-api/v2; `insecure-relay-url` for http:// to a host other than 127.0.0.1 or localhost.
 */
export function parseRelayBase(input: string): string {
  const raw = input.trim();
  const invalid = (message: string, cause?: unknown) =>
    requestError('invalid-relay-url', message, cause);
  if (!raw)
    requestError('empty-relay-url', 'No relay set: set "Relay URL" in "Relay and offline" first.');
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    return invalid(`"${raw}" is not a URL: type the relay's https:// address.`, cause);
  }
  const { protocol, hostname, pathname } = url;
  if (!/^https?:$/.test(protocol)) invalid(`Use https://, not ${protocol}`);
  // Plain http:// only to this computer: elsewhere the signed headers could be read or changed on
  // the way, and the hosted CSP (connect-src https: http://127.0.0.1:* http://localhost:*) agrees.
  if (protocol === 'http:' && hostname !== '127.0.0.1' && hostname !== 'localhost') {
    requestError(
      'insecure-relay-url',
      `http:// (unencrypted) is allowed only to a relay on this computer: use https://${url.host}${pathname === '/' ? '' : pathname}.`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    invalid('Give the relay address without ?query, #fragment or user name.');
  }
  const base = url.href.replace(/\/+$/, '');
  return base.endsWith(REST_PREFIX)
    ? invalid(
        `The page adds ${REST_PREFIX}, so it would appear twice. Use ${base.slice(0, -REST_PREFIX.length)}.`,
      )
    : base;
}

/** This computer, as a relay URL names it. */
const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/;

/**
 * The relay's host when it is not this computer, else null. A relay elsewhere sees every signed
 * request and can change it (Kalshi does not sign the body: it could swap the public key a
 * Register sends), so the page sends there only once the user has said they run it.
 * @throws RequestFormatError as parseRelayBase
 */
export function remoteRelayHost(relayBase: string): string | null {
  const { hostname, host } = new URL(parseRelayBase(relayBase));
  return LOOPBACK.test(hostname) ? null : host;
}

/**
 * Refuses a relay on another computer unless the user confirmed that host ("I run this relay
 * myself at …"); a confirmation is for one host and is asked again when the host changes.
 * @throws RequestFormatError `unconfirmed-relay`, and as parseRelayBase
 */
export function checkRelayConfirmed(relayBase: string, confirmedHost: string | undefined): void {
  const remote = remoteRelayHost(relayBase);
  if (remote && remote !== confirmedHost)
    requestError(
      'unconfirmed-relay',
      `Nothing was sent: ${remote} is not this computer. A relay there sees and can change every request; if you run it yourself, confirm that in "Relay and offline" first.`,
    );
}

/**
 * The address a request goes to through the relay: the relay base, then the Kalshi host, then the
 * Kalshi path and query (the shape relay/kalshi-relay.mjs reads), e.g. `http://127.0.0.1:8787` +
 * `https://external-api.kalshi.com/trade-api/v2/markets?status=open` gives
 * `http://127.0.0.1:8787/external-api.kalshi.com/trade-api/v2/markets?status=open`. One relay thus
 * serves demo and production. The signature is unaffected: it covers the Kalshi path only.
 * @throws RequestFormatError as parseRelayBase
 * @throws TypeError when `kalshiUrl` is not an absolute URL (programmer error)
 */
export function relayUrl(relayBase: string, kalshiUrl: string): string {
  const { host, pathname, search } = new URL(kalshiUrl);
  return `${parseRelayBase(relayBase)}/${host}${pathname}${search}`;
}

/** A relay's answer, as read from fetch's Response (headers limited to what CORS exposes). */
export interface RelayResponse {
  readonly status: number;
  /** Empty over HTTP/2, where a reason phrase no longer exists. */
  readonly statusText: string;
  readonly headers: Iterable<readonly [string, string]>;
  readonly body: string;
}

/**
 * The response as text for the "Response" box: the status line, the headers, a blank line, then the
 * body (JSON pretty-printed with two spaces; anything else as it came).
 */
export function formatRelayResponse({ status, statusText, headers, body }: RelayResponse): string {
  // HTTP/2 has no reason phrase: the line is then just `HTTP 401`.
  const lines = [`HTTP ${status} ${statusText}`.trim()];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  let pretty = body;
  try {
    if (body.trim()) pretty = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // Not JSON: shown as it came.
  }
  return `${lines.join('\n')}\n\n${pretty}`;
}

/** What the page says when a relay answers with a redirect, which it does not follow. */
export const RELAY_REDIRECT_MESSAGE = 'The relay answered with a redirect; nothing was sent there.';

/**
 * Whether a relay's answer is a redirect. The page fetches with `redirect: 'manual'`: following
 * one would send the signed KALSHI-ACCESS-* headers wherever it points. Browsers then give an
 * `opaqueredirect` answer (status 0); other fetch implementations give the 3xx itself.
 */
export function isRelayRedirect({ type, status }: { type: string; status: number }): boolean {
  return type === 'opaqueredirect' || (status >= 300 && status < 400);
}

/**
 * Explains a request that never got an answer. Browsers reject fetch with the same bare TypeError
 * for a CORS refusal, a Content-Security-Policy block and a network failure, and name the reason
 * only in the developer console, so the text lists all three and points to the curl command.
 * kalshi-relay.mjs answers a page it was not started for with a 403 without CORS, which the page
 * sees as the same TypeError: the text gives the command that accepts this page.
 * @param relayBase the relay as typed (already checked by parseRelayBase)
 * @param pageOrigin this page's origin, for the relay's `--origin`
 */
export function explainRelayFailure(error: unknown, relayBase: string, pageOrigin: string): string {
  return /^(Abort|Timeout)Error$/.test(`${(error as Error | null)?.name}`)
    ? `The relay at ${relayBase} did not answer in time: check it, or copy the curl command above.`
    : `The browser blocked the request to ${relayBase} or could not reach it: relay down (network), no CORS for this page (CORS), or address not allowed (CSP). The console says which; copy the curl command above instead. kalshi-relay.mjs refuses pages it was not started for: node kalshi-relay.mjs --origin ${pageOrigin}`;
}
