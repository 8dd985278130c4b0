// The signature doctor: given a public key and the three things a bot sent (method + URL, the
// timestamp header, the signature header), say which of the common mistakes (auth.md section 9)
// produced a 401 INCORRECT_API_KEY_SIGNATURE. Instead of asking WebCrypto "does this verify?" once
// per guess, the signature is opened with the public key (pss.ts): that yields the padding, the
// salt length and a hash that every candidate string can be checked against, so two mistakes at
// once (the query signed with the maximum salt, say) are both named.

import { KeyFormatError, RequestFormatError } from './errors';
import { PSS_SALT_LENGTH } from './algorithms';
import { KALSHI_ENVIRONMENTS, REST_PREFIX, WS_PATH } from './kalshi';
import { importPublicKeyPem } from './keys';
import { canonicalPath, signingMessage } from './signing';
import { base64ToBytes } from './base64';
import { readPublicKeyInfo, readRsaPublicKey } from './der';
import {
  bytesEqual,
  decodePkcs1v15Sha256,
  decodePssSha256,
  pssMatches,
  rsaPublicNumbers,
  rsaPublicOperation,
  type RsaPublicNumbers,
} from './pss';

/** One finding, in the order they are checked (issue 6). */
export type DiagnosisCode =
  | 'bad-encoding'
  | 'timestamp-seconds'
  | 'ok'
  | 'stale-timestamp'
  | 'query-signed'
  | 'prefix-missing'
  | 'full-url-signed'
  | 'body-signed'
  | 'method-case'
  | 'salt-length'
  | 'pkcs1v15'
  | 'wrong-key';

/** A mistake that can be read from the signature; several can apply to one signature. */
type Mistake =
  | 'query-signed'
  | 'prefix-missing'
  | 'full-url-signed'
  | 'body-signed'
  | 'method-case'
  | 'salt-length'
  | 'pkcs1v15';

const MISTAKE_ORDER: readonly Mistake[] = [
  'query-signed',
  'prefix-missing',
  'full-url-signed',
  'body-signed',
  'method-case',
  'salt-length',
  'pkcs1v15',
];

/** What the bot sent. */
export interface DiagnoseInput {
  /** SPKI or PKCS#1 public key PEM (anywhere in the text). */
  publicKeyPem: string;
  method: string;
  /** Path or full URL, with the query string if the request had one. */
  path: string;
  /** KALSHI-ACCESS-TIMESTAMP as sent. */
  timestamp: string;
  /** KALSHI-ACCESS-SIGNATURE as sent. */
  signature: string;
  body?: string;
  /** Clock to judge the timestamp against, ms since epoch; default Date.now(). */
  now?: number;
}

/** The one finding that applies first, with the evidence behind it. */
export interface Diagnosis {
  code: DiagnosisCode;
  /** Names the mistake and the fix. */
  message: string;
  /** The exact string the signature covers, when one of the candidates matched. */
  signedMessage?: string;
  /** The string Kalshi verifies: timestamp + METHOD + path without the query. */
  expectedMessage: string;
  /** Every mistake found in the signature, in the order of the findings (the first is `code`, unless the timestamp is). */
  mistakes: DiagnosisCode[];
  /** Padding read from the signature, when it opened with this key. */
  padding?: 'RSA-PSS' | 'RSASSA-PKCS1-v1_5';
  /** PSS salt length in bytes, when the padding is RSA-PSS. */
  saltLength?: number;
  /** now - timestamp, in ms (positive: the timestamp is in the past). */
  skewMs: number;
}

/** Kalshi rejects timestamps further than this from its clock (auth.md section 4: ±10 s passed in production). */
export const MAX_SKEW_MS = 10_000;

// auth.md section 3: current hosts, then the legacy ones old bots still sign against.
const LEGACY_REST_ORIGINS = ['https://api.kalshi.com', 'https://trading-api.kalshi.com'];

interface Candidate {
  message: string;
  mistakes: Mistake[];
  /** What was signed instead, for the message: the query, the origin, the lower-case method. */
  detail: Partial<Record<Mistake, string>>;
}

/**
 * Says why Kalshi would reject a signature: exactly one finding, the first that applies in the
 * order of {@link DiagnosisCode}, with `signedMessage` (what the signature covers, when found)
 * and `expectedMessage` (what Kalshi checks) for a side-by-side view.
 *
 * @throws RequestFormatError `invalid-timestamp` (not digits), `empty-method`, `invalid-method`,
 *   `empty-signature`, and the path codes of {@link canonicalPath}
 * @throws KeyFormatError whatever {@link importPublicKeyPem} throws for the PEM (e.g. `private-key`)
 */
export async function diagnoseSignature(input: DiagnoseInput): Promise<Diagnosis> {
  if (input === null || typeof input !== 'object')
    throw new TypeError('diagnoseSignature expects an input object');
  for (const field of ['publicKeyPem', 'method', 'path', 'timestamp', 'signature'] as const) {
    if (typeof input[field] !== 'string')
      throw new TypeError(`diagnoseSignature: ${field} must be a string`);
  }
  const timestamp = input.timestamp.trim();
  if (!/^\d+$/.test(timestamp)) {
    throw new RequestFormatError(
      'invalid-timestamp',
      `KALSHI-ACCESS-TIMESTAMP must be the Unix time in milliseconds, digits only (like 1703123456789); got "${truncate(timestamp)}". Paste the header value exactly as it was sent.`,
    );
  }
  const method = input.method.trim();
  const rawPath = input.path.trim();
  // Validates timestamp, method and path with the signer's own codes and messages.
  const expectedMessage = signingMessage(timestamp, method, rawPath);
  const path = canonicalPath(rawPath);
  const signatureText = input.signature.trim();
  if (signatureText === '') {
    throw new RequestFormatError(
      'empty-signature',
      'The signature is empty. Paste the value of the KALSHI-ACCESS-SIGNATURE header the request sent.',
    );
  }
  const body = input.body ?? '';
  const now = input.now ?? Date.now();
  const upper = method.toUpperCase();
  const skewMs = now - Number(timestamp);

  const publicKey = await importPublicKeyPem(input.publicKeyPem);
  const numbers = await publicNumbers(publicKey);
  const base = { expectedMessage, skewMs };
  const result = (
    code: DiagnosisCode,
    message: string,
    mistakes: DiagnosisCode[],
    evidence = {},
  ): Diagnosis => ({ code, message, mistakes, ...evidence, ...base });

  const decoded = decodeSignature(signatureText, numbers);
  if (typeof decoded === 'string') return result('bad-encoding', decoded, ['bad-encoding']);

  const opened = await open(decoded, numbers);
  const match = await findSignedMessage(
    opened,
    candidates(timestamp, method, upper, rawPath, path, body),
  );
  if (!match && timestamp.length !== 10)
    return result('wrong-key', wrongKeyMessage(opened), ['wrong-key']);
  const mistakes: Mistake[] = match ? orderMistakes(match) : [];
  const evidence = match
    ? {
        signedMessage: match.candidate.message,
        padding: match.padding,
        ...(match.padding === 'RSA-PSS' ? { saltLength: match.saltLength } : {}),
      }
    : {};
  const mistakeText = match
    ? mistakes.map((m) => describeMistake(m, match, path, upper, numbers))
    : [];

  if (timestamp.length === 10) {
    const seconds = `KALSHI-ACCESS-TIMESTAMP has 10 digits, so it is in seconds (${timestamp} is ${new Date(Number(timestamp) * 1000).toISOString()}). Kalshi expects milliseconds, 13 digits: Date.now() in JavaScript, int(time.time() * 1000) in Python. Sign and send the same millisecond value.`;
    return result(
      'timestamp-seconds',
      [seconds, ...mistakeText].join(' '),
      ['timestamp-seconds', ...mistakes],
      evidence,
    );
  }

  const stale = Math.abs(skewMs) > MAX_SKEW_MS ? staleText(timestamp, skewMs) : '';
  if (mistakes.length === 0) {
    return stale
      ? result(
          'stale-timestamp',
          `The signature is correct, but ${stale}`,
          ['stale-timestamp'],
          evidence,
        )
      : result(
          'ok',
          `The signature is correct: RSA-PSS with SHA-256 and a 32-byte salt, over timestamp + METHOD + path without the query, and the timestamp is within ${MAX_SKEW_MS / 1000} s of now. If Kalshi still answers 401, check the KALSHI-ACCESS-KEY header: it must be the key ID registered for this public key, in the same environment (a demo key fails on production and the reverse).`,
          [],
          evidence,
        );
  }
  if (stale) mistakeText.push(`Also, ${stale}`);
  return result(mistakes[0] as DiagnosisCode, mistakeText.join(' '), mistakes, evidence);
}

/** n and e of the imported key, read back from its SPKI with the DER reader keys.ts already uses. */
async function publicNumbers(publicKey: CryptoKey): Promise<RsaPublicNumbers> {
  let spki: Uint8Array;
  try {
    spki = new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
  } catch (cause) {
    throw new KeyFormatError(
      'invalid-rsa-key',
      'The browser could not read the numbers of this public key. Paste the public key Kalshi has registered for this key ID.',
      { cause },
    );
  }
  return rsaPublicNumbers(readRsaPublicKey(readPublicKeyInfo(spki).publicKey));
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

// --- Encoding --------------------------------------------------------------------------------

/**
 * The signature bytes, or a message saying why they are not what Kalshi can read: Kalshi decodes
 * standard base64 with padding (auth.md section 1) into exactly k bytes for a k-byte modulus.
 */
function decodeSignature(text: string, key: RsaPublicNumbers): Uint8Array | string {
  const k = key.byteLength;
  const expectedChars = 4 * Math.ceil(k / 3);
  const sizeHint = `a ${key.modulusBits}-bit key makes ${k}-byte signatures, ${expectedChars} base64 characters`;
  if (/\s/.test(text)) {
    return `The signature contains spaces or line breaks. Send it on one line: a wrapping encoder (Python base64.encodebytes, openssl base64 without -A) inserts a newline every 64 or 76 characters; use base64.b64encode or openssl base64 -A.`;
  }
  if (/^[0-9a-fA-F]+$/.test(text) && text.length === 2 * k) {
    return `The signature is hex, not base64. Kalshi expects standard base64: signature.toString('base64') in Node, base64.b64encode(signature).decode() in Python.`;
  }
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) {
    return `The signature is not base64: it contains characters outside A-Z, a-z, 0-9, + and / (or = padding in the middle). Paste the KALSHI-ACCESS-SIGNATURE value exactly as sent, without quotes; ${sizeHint}.`;
  }
  // Lenient: padding optional and stray trailing bits allowed; the checks below name those.
  const bytes = base64ToBytes(text.replace(/=+$/, ''), true);
  if (bytes === null) {
    return `The signature is not valid base64 (its length or last character is impossible in base64). Paste the whole KALSHI-ACCESS-SIGNATURE value; ${sizeHint}.`;
  }
  if (bytes.length !== k) {
    return `The signature is ${bytes.length} bytes, but ${sizeHint}. Either it was cut off or changed on the way, or it was made by a key of another size than this public key.`;
  }
  if (/[-_]/.test(text)) {
    return `The signature uses the base64url alphabet (- and _). Kalshi expects standard base64 with + and / and = padding: base64.b64encode in Python, not urlsafe_b64encode.`;
  }
  if (text.length % 4 !== 0) {
    return `The signature lacks its '=' padding (${text.length} characters; ${sizeHint}). Kalshi expects standard base64 with padding: do not strip the trailing '='.`;
  }
  return bytes;
}

// --- Candidates ------------------------------------------------------------------------------

/** One way to write a part of the signed string: its text, and the mistake it makes (with what to quote). */
type Variant = [text: string, mistake?: Mistake, detail?: string];

/**
 * Every string a buggy signer plausibly fed to the signature, fewest mistakes first, so the
 * first match is the simplest explanation.
 */
function candidates(
  timestamp: string,
  method: string,
  upper: string,
  rawPath: string,
  path: string,
  body: string,
): Candidate[] {
  const queryAt = rawPath.indexOf('?');
  const query = queryAt === -1 ? '' : rawPath.slice(queryAt).replace(/#.*$/, '');
  const givenOrigin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rawPath)?.[0];
  const isWs = path === WS_PATH || path.startsWith(WS_PATH + '/');
  const origins = new Set<string>(givenOrigin ? [givenOrigin] : []);
  for (const env of KALSHI_ENVIRONMENTS)
    for (const host of env.hosts) origins.add(isWs ? host.wsOrigin : host.restOrigin);
  if (!isWs) for (const origin of LEGACY_REST_ORIGINS) origins.add(origin);
  const short = path.startsWith(REST_PREFIX + '/') ? path.slice(REST_PREFIX.length) : '';

  // Stages in the order they vary (body outermost, query innermost); the message is assembled
  // as timestamp + method + path + query + body.
  const stages: Variant[][] = [
    [[''], ...(body ? [[body, 'body-signed'] as Variant] : [])],
    [
      [upper],
      ...[...new Set([upper.toLowerCase(), method])]
        .filter((m) => m !== upper)
        .map((m): Variant => [m, 'method-case', m]),
    ],
    [
      [path],
      ...(short ? [[short, 'prefix-missing', short] as Variant] : []),
      ...[...origins].map((o): Variant => [o + path, 'full-url-signed', o]),
    ],
    [[''], ...(query ? [[query, 'query-signed', query] as Variant] : [])],
  ];
  let list: { parts: string[]; mistakes: Mistake[]; detail: Candidate['detail'] }[] = [
    { parts: [], mistakes: [], detail: {} },
  ];
  for (const stage of stages)
    list = list.flatMap((c) =>
      stage.map(([text, mistake, detail]) => ({
        parts: [...c.parts, text],
        mistakes: mistake ? [...c.mistakes, mistake] : c.mistakes,
        detail: mistake && detail !== undefined ? { ...c.detail, [mistake]: detail } : c.detail,
      })),
    );
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const {
    parts: [b, m, p, q],
    mistakes,
    detail,
  } of list) {
    // Plain concatenation: these are deliberately wrong strings that signingMessage would refuse.
    const message = timestamp + m + p + q + b;
    if (!seen.has(message)) out.push({ message, mistakes, detail });
    seen.add(message);
  }
  return out.sort((x, y) => x.mistakes.length - y.mistakes.length);
}

// --- Matching --------------------------------------------------------------------------------

interface Match {
  candidate: Candidate;
  padding: 'RSA-PSS' | 'RSASSA-PKCS1-v1_5';
  saltLength: number;
}

type Opened =
  | {
      kind: 'pss';
      salt: number;
      encoding: NonNullable<Awaited<ReturnType<typeof decodePssSha256>>>;
    }
  | { kind: 'pkcs1'; digest: Uint8Array }
  | { kind: 'none' };

/** Applies the public key once and reads which padding, if any, is inside. */
async function open(signature: Uint8Array, key: RsaPublicNumbers): Promise<Opened> {
  const em = rsaPublicOperation(signature, key);
  const pss = em && (await decodePssSha256(em, key.modulusBits));
  if (pss) return { kind: 'pss', salt: pss.salt.length, encoding: pss };
  const digest = em && decodePkcs1v15Sha256(em);
  return digest ? { kind: 'pkcs1', digest } : { kind: 'none' };
}

async function findSignedMessage(opened: Opened, list: Candidate[]): Promise<Match | null> {
  if (opened.kind === 'none') return null;
  const encoder = new TextEncoder();
  for (const candidate of list) {
    const hash = new Uint8Array(
      await crypto.subtle.digest('SHA-256', encoder.encode(candidate.message)),
    );
    if (opened.kind === 'pss' && (await pssMatches(opened.encoding, hash))) {
      return { candidate, padding: 'RSA-PSS', saltLength: opened.salt };
    }
    if (opened.kind === 'pkcs1' && bytesEqual(opened.digest, hash)) {
      return { candidate, padding: 'RSASSA-PKCS1-v1_5', saltLength: 0 };
    }
  }
  return null;
}

function orderMistakes(match: Match): Mistake[] {
  return MISTAKE_ORDER.filter((m) => {
    if (m === 'salt-length')
      return match.padding === 'RSA-PSS' && match.saltLength !== PSS_SALT_LENGTH;
    if (m === 'pkcs1v15') return match.padding === 'RSASSA-PKCS1-v1_5';
    return match.candidate.mistakes.includes(m);
  });
}

// --- Messages --------------------------------------------------------------------------------

function describeMistake(
  mistake: Mistake,
  match: Match,
  path: string,
  upper: string,
  key: RsaPublicNumbers,
): string {
  const d = match.candidate.detail;
  // RFC 8017 9.1.1: the largest salt is emLen - hLen - 2 (222 bytes for a 2048-bit key).
  const maxSalt = Math.ceil((key.modulusBits - 1) / 8) - 34;
  const saltNote =
    match.saltLength === maxSalt
      ? ' (the maximum for this key, PSS.MAX_LENGTH)'
      : match.saltLength === 0
        ? ' (no salt)'
        : '';
  switch (mistake) {
    case 'query-signed':
      return `The signature covers the query string "${d['query-signed']}". Kalshi signs the path without the query: cut "?" and everything after it before signing (keep it in the URL you request).`;
    case 'prefix-missing':
      return `The signature covers "${d['prefix-missing']}", without ${REST_PREFIX}. Kalshi signs the full path from the API root: sign "${path}".`;
    case 'full-url-signed':
      return `The signature covers the scheme and host "${d['full-url-signed']}". Sign only the path: new URL(url).pathname in JavaScript, urlparse(url).path in Python.`;
    case 'body-signed':
      return 'The signature covers the request body. Kalshi does not sign the body: sign timestamp + METHOD + path only, and send the body unchanged.';
    case 'method-case':
      return `The signature covers the method as "${d['method-case']}". Sign it in upper case, as it is sent: "${upper}".`;
    case 'salt-length':
      return `The signature is RSA-PSS with a ${match.saltLength}-byte salt${saltNote}. Kalshi documents a 32-byte salt (the SHA-256 digest length): padding.PSS.DIGEST_LENGTH in Python, crypto.constants.RSA_PSS_SALTLEN_DIGEST in Node, saltLength: 32 in WebCrypto. A server may detect other lengths, but do not depend on it.`;
    case 'pkcs1v15':
      return 'The signature uses RSASSA-PKCS1-v1_5 padding. Kalshi verifies RSA-PSS: padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH) in Python; padding: RSA_PKCS1_PSS_PADDING with saltLength: RSA_PSS_SALTLEN_DIGEST in Node.';
  }
}

function wrongKeyMessage(opened: Opened): string {
  const check =
    'Check that KALSHI-ACCESS-TIMESTAMP carries the very timestamp that was signed (not a second Date.now() call), that the path signed is the path requested, and that nothing (a redirect, a proxy, percent-encoding) changed it on the way.';
  if (opened.kind === 'pss') {
    // A PSS structure opening by chance under another key is about a 1 in 100 000 event.
    return `This key almost certainly made the signature (it opens as RSA-PSS with a ${opened.salt}-byte salt), but over a string other than timestamp + METHOD + path and the usual mistakes. ${check}`;
  }
  if (opened.kind === 'pkcs1') {
    return `This key made the signature, with RSASSA-PKCS1-v1_5 padding (Kalshi verifies RSA-PSS), but over a string other than timestamp + METHOD + path and the usual mistakes. Switch to RSA-PSS with a 32-byte salt. ${check}`;
  }
  return 'The signature does not verify with this public key, under any of the usual mistakes. Most likely another key made it: the KALSHI-ACCESS-KEY ID belongs to another key pair, the private key in your bot is not the one whose public key is registered, or a demo key is used on production (or the reverse).';
}

function staleText(timestamp: string, skewMs: number): string {
  const unit =
    timestamp.length === 16
      ? ' It has 16 digits: that looks like microseconds; Kalshi expects milliseconds.'
      : '';
  const where = skewMs > 0 ? 'old' : 'in the future';
  return `the timestamp is ${humanDuration(Math.abs(skewMs))} ${where} (if the request was sent at once). Kalshi accepts only a few seconds of clock skew: sign right before sending, with a fresh Date.now(), and check the signing machine's clock.${unit}`;
}

/** 93 000 -> "1 min 33 s"; coarser units for longer spans. */
export function humanDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 120) return `${Math.floor(s / 60)} min ${s % 60} s`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} hours`;
  const days = Math.round(h / 24);
  if (days < 730) return `${days} days`;
  return `${Math.round(days / 365.25)} years`;
}
