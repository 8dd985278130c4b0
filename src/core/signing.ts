// The string Kalshi signs and the three headers that carry the signature (auth.md sections 1, 2).

import { RSA_PSS_SIGN_ALGORITHM } from './algorithms';
import { base64ToBytes, bytesToBase64 } from './base64';
import { RequestFormatError } from './errors';

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

const URL_SCHEME = /^(https?|wss?):\/\//i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** RFC 9110 5.6.2 token: what an HTTP method may be made of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DIGITS = /^[0-9]+$/;

/**
 * The path Kalshi signs: a full http/https/ws/wss URL is reduced to its pathname (percent-encoding
 * kept, as the official TS SDK's `new URL(...).pathname`); query and fragment are dropped; the
 * `/trade-api/v2` prefix is kept, because Kalshi signs the path from the API root.
 * @throws RequestFormatError 'empty-path' | 'path-not-absolute' | 'invalid-url'
 * @throws TypeError when `pathOrUrl` is not a string
 */
export function canonicalPath(pathOrUrl: string): string {
  if (typeof pathOrUrl !== 'string') throw new TypeError('canonicalPath expects a string');
  const input = pathOrUrl.trim();
  if (input === '') {
    throw new RequestFormatError(
      'empty-path',
      'The path is empty. Enter the request path, e.g. /trade-api/v2/portfolio/balance',
    );
  }
  if (URL_SCHEME.test(input)) {
    try {
      return new URL(input).pathname;
    } catch (cause) {
      throw new RequestFormatError(
        'invalid-url',
        `"${shorten(input)}" is not a valid URL. Enter a path such as /trade-api/v2/portfolio/balance, or a full https:// URL.`,
        { cause },
      );
    }
  }
  if (OTHER_SCHEME.test(input)) {
    throw new RequestFormatError(
      'invalid-url',
      `Only http(s) and ws(s) URLs can be signed, not "${shorten(input)}". Enter a path such as /trade-api/v2/portfolio/balance.`,
    );
  }
  if (!input.startsWith('/')) {
    throw new RequestFormatError(
      'path-not-absolute',
      `"${shorten(input)}" does not start with /. Paths start with /: use /trade-api/v2/portfolio/balance, including the /trade-api/v2 prefix.`,
    );
  }
  // Kalshi signs the path without the query (auth.md 9.1); a fragment is never sent at all.
  const query = input.indexOf('?');
  const fragment = input.indexOf('#');
  const cut = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
  // Trim again: whitespace before the '?' is pasting debris, and an HTTP path cannot carry it raw.
  return cut < 0 ? input : input.slice(0, cut).trimEnd();
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
  return `${timestampText(timestampMs)}${methodText(method)}${canonicalPath(pathOrUrl)}`;
}

/**
 * The timestamp as Kalshi's header carries it: integer milliseconds in decimal.
 * @throws RequestFormatError 'invalid-timestamp'
 */
function timestampText(timestampMs: number | string): string {
  if (typeof timestampMs === 'number' && Number.isSafeInteger(timestampMs) && timestampMs >= 0) {
    return String(timestampMs);
  }
  if (typeof timestampMs === 'string' && DIGITS.test(timestampMs) && timestampMs.length <= 16)
    return timestampMs;
  throw new RequestFormatError(
    'invalid-timestamp',
    `The timestamp ${JSON.stringify(String(timestampMs)).slice(0, 40)} is not whole milliseconds since 1970. Use Date.now(), e.g. 1703123456789.`,
  );
}

/** @throws RequestFormatError 'empty-method' | 'invalid-method' */
function methodText(method: string): string {
  if (typeof method !== 'string') throw new TypeError('method must be a string');
  if (method === '') {
    throw new RequestFormatError(
      'empty-method',
      'The HTTP method is empty. Use GET, POST, PUT or DELETE.',
    );
  }
  if (!TOKEN.test(method)) {
    throw new RequestFormatError(
      'invalid-method',
      `"${shorten(method)}" is not an HTTP method: no spaces or symbols. Use GET, POST, PUT or DELETE.`,
    );
  }
  return method.toUpperCase();
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
  if (typeof input !== 'object' || input === null)
    throw new TypeError('signRequest expects { keyId, method, path }');
  if (typeof input.keyId !== 'string') throw new TypeError('keyId must be a string');
  const keyId = input.keyId.trim();
  if (keyId === '') {
    throw new RequestFormatError(
      'empty-key-id',
      'The key ID is empty. Paste the key ID Kalshi showed when you registered the key.',
    );
  }
  const timestamp = timestampText(input.timestampMs ?? Date.now());
  const message = signingMessage(timestamp, input.method, input.path);
  let signature: ArrayBuffer;
  try {
    signature = await crypto.subtle.sign(
      RSA_PSS_SIGN_ALGORITHM,
      privateKey,
      encoder.encode(message),
    );
  } catch (cause) {
    throw new TypeError('privateKey must be an RSA-PSS private key with the "sign" usage', {
      cause,
    });
  }
  return {
    'KALSHI-ACCESS-KEY': keyId,
    'KALSHI-ACCESS-TIMESTAMP': timestamp,
    'KALSHI-ACCESS-SIGNATURE': bytesToBase64(new Uint8Array(signature)),
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
  if (typeof message !== 'string') throw new TypeError('message must be a string');
  if (typeof signatureBase64 !== 'string') throw new TypeError('signatureBase64 must be a string');
  const compact = signatureBase64.replace(/\s+/g, '');
  if (compact === '') {
    throw new RequestFormatError(
      'empty-signature',
      'The signature is empty. Paste the KALSHI-ACCESS-SIGNATURE header value.',
    );
  }
  const signature = base64ToBytes(compact);
  if (signature === null) return false;
  const key = publicKey as CryptoKey | null;
  if (typeof key !== 'object' || key === null || key.type !== 'public') {
    throw new TypeError('publicKey must be a public CryptoKey');
  }
  try {
    return await crypto.subtle.verify(
      RSA_PSS_SIGN_ALGORITHM,
      publicKey,
      signature,
      encoder.encode(message),
    );
  } catch (cause) {
    // A wrong-length signature is simply not valid; a wrong key type is a programming error.
    if (key.algorithm?.name === 'RSA-PSS') return false;
    throw new TypeError('publicKey must be an RSA-PSS public key', { cause });
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Signs many messages with `inFlight` WebCrypto operations outstanding, keeping their order:
 * the KALSHI-ACCESS-SIGNATURE values (base64). The signing worker and the pool's main-thread
 * fallback share it.
 * @throws DOMException from crypto.subtle when the key cannot sign (callers wrap it for users)
 */
export async function signMessages(
  privateKey: CryptoKey,
  messages: readonly string[],
  inFlight: number,
): Promise<string[]> {
  const signatures = new Array<string>(messages.length);
  let next = 0;
  const lane = async () => {
    while (next < messages.length) {
      const i = next++;
      const signature = await crypto.subtle.sign(
        RSA_PSS_SIGN_ALGORITHM,
        privateKey,
        encoder.encode(messages[i]),
      );
      signatures[i] = bytesToBase64(new Uint8Array(signature));
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, messages.length) }, lane));
  return signatures;
}
