// The string Kalshi signs and the three headers that carry the signature (docs/kalshi-api.md sections 1, 2).

import { RSA_PSS } from './algorithms';
import { base64ToBytes, bytesToBase64 } from './base64';
import { requestError as fail } from './errors';

/** The three headers of a signed Kalshi request (REST, or the WebSocket upgrade). */
export interface KalshiAuthHeaders {
  'KALSHI-ACCESS-KEY': string;
  'KALSHI-ACCESS-TIMESTAMP': string;
  'KALSHI-ACCESS-SIGNATURE': string;
}

/** What `signRequest` needs. For a WebSocket connection: method 'GET', path '/trade-api/ws/v2'. */
export interface SignRequestInput {
  /** The key ID Kalshi showed when the key was registered (a UUID). */
  keyId: string;
  method: string;
  /** A path such as /trade-api/v2/portfolio/balance, or the full request URL. */
  path: string;
  /** Unix time in milliseconds; defaults to Date.now(). */
  timestampMs?: number | string;
}

/** Created once: signRequest runs per request and a benchmark counts signatures per second. */
const encoder = new TextEncoder();

export const PASTE_SIGNATURE = 'paste the KALSHI-ACCESS-SIGNATURE value';

/** Quoted, and cut to 60 characters: user text inside a message. */
const quote = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

/**
 * The "Path" text, trimmed, and whether it is a full URL (a scheme and //) rather than a path:
 * the checks canonicalPath and resolveRequestTarget share, with one wording.
 * @throws RequestFormatError 'empty-path' | 'path-not-absolute'
 * @throws TypeError when `input` is not a string
 */
export function readPathInput(input: string): [text: string, fullUrl: boolean] {
  const text = input.trim();
  const fullUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!text)
    fail('empty-path', 'The path is empty: enter one such as /trade-api/v2/portfolio/balance.');
  if (!fullUrl && text[0] !== '/') {
    // A URL copied without its scheme: pointing at /trade-api/v2/<host>/... would mislead.
    const host = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?=[/?#]|$)/i.exec(text)?.[0];
    fail(
      'path-not-absolute',
      host
        ? `Paths start with /: add the scheme (https://${text}) or keep only the path (${text.slice(host.length) || '/'}).`
        : `Paths start with /: use /trade-api/v2/${text.replace(/^trade-api\/v2\//, '')}, or a full URL.`,
    );
  }
  return [text, fullUrl];
}

/**
 * An http(s) or ws(s) URL; `shown` is what the user typed, for the message.
 * @throws RequestFormatError 'invalid-url'
 */
export function parseUrl(text: string, shown = text): URL {
  let cause;
  try {
    const url = new URL(text);
    if (/^(http|ws)s?:$/.test(url.protocol)) return url;
  } catch (error) {
    cause = error;
  }
  return fail(
    'invalid-url',
    `${quote(shown)} is not a valid http(s) or ws(s) URL: fix it, or enter only the path.`,
    cause,
  );
}

/**
 * The path Kalshi signs: the pathname exactly as fetch (the WHATWG URL parser) and curl put it on
 * the wire, since Kalshi verifies the path it receives. A full http/https/ws/wss URL is reduced to
 * its pathname (as the official TS SDK's `new URL(...).pathname`); a bare path is read the same way,
 * as if after an origin, so both give the answer `resolveRequestTarget` gives for the page.
 * That means, for example:
 * - `.` and `..` segments are removed, `%2e` spelling included:
 *   `/trade-api/v2/markets/../portfolio/balance` signs as `/trade-api/v2/portfolio/balance`;
 * - spaces, non-ASCII characters and `"` `<` `>` `` ` `` `{` `}` are percent-encoded in UTF-8 with
 *   upper-case hex (`/markets/KX TEST` signs as `/markets/KX%20TEST`, `é` as `%C3%A9`); tabs and
 *   line breaks inside are dropped; `\` becomes `/`;
 * - existing escapes are kept as typed (`%41` stays `%41`, `%2d` stays lower-case), and so are `//`
 *   (also at the start: `//x` is a path here, never a host) and a trailing `/`;
 * - query and fragment are dropped; the `/trade-api/v2` prefix is kept, because Kalshi signs the
 *   path from the API root.
 *
 * curl sends the same path for the URL the page renders (`new URL(...).href`, already encoded).
 * Handed raw text instead, curl 7.88 differs: it refuses a space, writes lower-case hex for
 * non-ASCII, and keeps `%2e%2e` (and `..` too with `--path-as-is`).
 * @throws RequestFormatError 'empty-path' | 'path-not-absolute' | 'invalid-url'
 * @throws TypeError when `pathOrUrl` is not a string
 */
export function canonicalPath(pathOrUrl: string): string {
  const [input, fullUrl] = readPathInput(pathOrUrl);
  // Concatenation, not new URL(input, base): '//x/y' is a path, as resolveRequestTarget reads it.
  // The origin is any special-scheme one: http(s) and ws(s) parse paths alike. Kalshi signs the
  // path without the query (docs/kalshi-api.md 9.1); a fragment is never sent at all.
  return parseUrl(fullUrl ? input : `https://h${input}`, input).pathname;
}

/**
 * The exact string Kalshi verifies: `${timestamp}${METHOD}${canonicalPath}`, no separators,
 * method upper-cased, body never included.
 * @throws RequestFormatError 'invalid-timestamp' | 'empty-method' | 'invalid-method', and the
 * codes of canonicalPath
 */
export function signingMessage(
  timestampMs: number | string,
  method: string,
  pathOrUrl: string,
): string {
  // RFC 9110 5.6.2: a method is a token.
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method)) {
    fail(
      method ? 'invalid-method' : 'empty-method',
      `${method ? `${quote(method)} is not an HTTP method` : 'The HTTP method is empty'}: use GET, POST, PUT or DELETE.`,
    );
  }
  return `${timestampText(timestampMs)}${method.toUpperCase()}${canonicalPath(pathOrUrl)}`;
}

/**
 * The timestamp as Kalshi's header carries it: integer milliseconds in decimal.
 * @throws RequestFormatError 'invalid-timestamp'
 */
function timestampText(timestampMs: number | string): string {
  const text = String(timestampMs);
  return /^\d{1,16}$/.test(text)
    ? text
    : fail(
        'invalid-timestamp',
        `The timestamp ${quote(text)} is not whole milliseconds since 1970, as Date.now() gives.`,
      );
}

/**
 * Signs a request: RSA-PSS, MGF1-SHA-256, salt 32, standard base64. For a WebSocket connection,
 * sign method 'GET' and path '/trade-api/ws/v2' and send the headers on the upgrade request.
 * @throws RequestFormatError 'empty-key-id', and the codes of signingMessage
 * @throws TypeError when `privateKey` is not an RSA-PSS signing key
 */
export async function signRequest(
  privateKey: CryptoKey,
  input: SignRequestInput,
): Promise<KalshiAuthHeaders> {
  const keyId = input.keyId.trim();
  if (!keyId)
    fail('empty-key-id', 'The key ID is empty: paste the one Kalshi showed for this key.');
  const timestamp = timestampText(input.timestampMs ?? Date.now());
  const signature = await signMessage(
    privateKey,
    signingMessage(timestamp, input.method, input.path),
  ).catch((cause) => {
    throw new TypeError('privateKey must be an RSA-PSS signing key', {
      cause,
    });
  });
  return {
    'KALSHI-ACCESS-KEY': keyId,
    'KALSHI-ACCESS-TIMESTAMP': timestamp,
    'KALSHI-ACCESS-SIGNATURE': signature,
  };
}

/**
 * Checks a signature made elsewhere (a bot, Kalshi's Python sample) over `message`, the exact
 * signed string. Whitespace in the base64 is ignored; text that is not base64 is simply false.
 * @returns true when the signature is RSA-PSS/SHA-256/salt 32 by this key over the message
 * @throws RequestFormatError 'empty-signature'
 * @throws TypeError when `publicKey` is not an RSA-PSS public key
 */
export async function verifySignature(
  publicKey: CryptoKey,
  message: string,
  signatureBase64: string,
): Promise<boolean> {
  const compact = signatureBase64.replace(/\s+/g, '');
  if (!compact) {
    fail('empty-signature', `The signature is empty: ${PASTE_SIGNATURE}.`);
  }
  if (publicKey?.type !== 'public' || publicKey.algorithm.name !== 'RSA-PSS') {
    throw new TypeError('publicKey must be an RSA-PSS public CryptoKey');
  }
  const signature = base64ToBytes(compact);
  // A wrong-length signature is simply not valid.
  return (
    !!signature &&
    crypto.subtle.verify(RSA_PSS, publicKey, signature, encoder.encode(message)).catch(() => false)
  );
}

// Chromium settles an RSA subtle.sign within the calling task, so a loop of awaits never hands the
// event loop back: on the main thread 1,000 signatures would freeze the page for 700 ms.
const SLICE_MS = 16;
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });

/**
 * Calls `task(0)` … `task(count - 1)` with `inFlight` calls outstanding. Every 16 ms all lanes wait
 * for one turn of the event loop, so a main-thread caller never blocks the page.
 */
export async function runInLanes(
  count: number,
  inFlight: number,
  task: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  let sliceStart = performance.now();
  let pause: Promise<void> | null = null;
  const lane = async () => {
    while (next < count) {
      if (performance.now() - sliceStart > SLICE_MS)
        pause ??= nextTask().then(() => {
          pause = null;
          sliceStart = performance.now();
        });
      if (pause) {
        await pause;
        continue;
      }
      await task(next++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
}

/** One KALSHI-ACCESS-SIGNATURE value (base64): what a page signs, one request at a time. */
const signMessage = async (privateKey: CryptoKey, message: string): Promise<string> =>
  bytesToBase64(
    new Uint8Array(await crypto.subtle.sign(RSA_PSS, privateKey, encoder.encode(message))),
  );

/**
 * Signs many messages with `inFlight` WebCrypto operations outstanding (through
 * {@link runInLanes}), keeping their order: the KALSHI-ACCESS-SIGNATURE values (base64). The
 * signing worker and the pool's main-thread fallback share it.
 * @throws DOMException from crypto.subtle when the key cannot sign (callers wrap it for users)
 */
export async function signMessages(
  privateKey: CryptoKey,
  messages: readonly string[],
  inFlight = 1,
): Promise<string[]> {
  const signatures: string[] = [];
  await runInLanes(messages.length, inFlight, async (i) => {
    signatures[i] = await signMessage(privateKey, messages[i]!);
  });
  return signatures;
}
