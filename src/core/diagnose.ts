// The signature doctor: given a public key and the three things a bot sent (method + URL, the
// timestamp header, the signature header), say which of the common mistakes (docs/kalshi-api.md section 9)
// produced a 401 INCORRECT_API_KEY_SIGNATURE. Instead of asking WebCrypto "does this verify?" once
// per guess, the signature is opened with the public key (pss.ts): that yields the padding, the
// salt length and a hash that every candidate string can be checked against, so two mistakes at
// once (the query signed with the maximum salt, say) are both named.

import { requestError } from './errors';
import { PSS_SALT_LENGTH } from './algorithms';
import { KALSHI_HOSTS, REST_PREFIX } from './kalshi';
import { readPublicKeyPem } from './key-files';
import { PASTE_SIGNATURE, signingMessage } from './signing';
import { base64ToBytes } from './base64';
import { openSignature } from './pss';

/** Mistakes that can be read from the signature, in the order of the findings; several can apply. */
type Mistake = keyof typeof FIXES;

/** One finding, in the order they are checked. */
export type DiagnosisCode =
  'bad-encoding' | 'timestamp-seconds' | 'ok' | 'stale-timestamp' | Mistake | 'wrong-key';

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
  /** Every mistake found, in the order of the findings (the first is `code`, unless the timestamp is). */
  mistakes: DiagnosisCode[];
  /** Padding read from the signature, when a candidate matched. */
  padding?: 'RSA-PSS' | 'RSASSA-PKCS1-v1_5';
  /** PSS salt length in bytes, when the padding is RSA-PSS. */
  saltLength?: number;
}

// docs/kalshi-api.md section 3: legacy hosts old bots still sign against, besides the current ones.
const LEGACY_REST_ORIGINS = ['https://api.kalshi.com', 'https://trading-api.kalshi.com'];

/**
 * What each mistake's message says, given what was signed instead. The key order is the order of
 * the findings (string keys keep insertion order).
 */
const FIXES = {
  'query-signed': (q) => `Signed the query "${q}": sign the path without it.`,
  'prefix-missing': (p) => `Signed without ${REST_PREFIX}: sign "${p}".`,
  'full-url-signed': (o) => `Signed the host "${o}": sign only the path.`,
  'body-signed': () => 'Signed the body: sign timestamp + METHOD + path only.',
  'method-case': (m) => `Signed the method as "${m}": sign "${m.toUpperCase()}".`,
  'salt-length': (s) =>
    `RSA-PSS with a ${s}: use salt length 32: padding.PSS.DIGEST_LENGTH in Python.`,
  pkcs1v15: () => 'PKCS#1 v1.5 padding: use RSA-PSS, salt length 32.',
} satisfies Record<string, (x: string) => string>;

/**
 * Says why Kalshi would reject a signature: exactly one finding, the first that applies in the
 * order of {@link DiagnosisCode}, with `signedMessage` (what the signature covers, when found)
 * and `expectedMessage` (what Kalshi checks) for a side-by-side view.
 *
 * @throws RequestFormatError `invalid-timestamp`, `empty-method`, `invalid-method`,
 *   `empty-signature`, and the path codes of `canonicalPath`
 * @throws KeyFormatError whatever `importPublicKeyPem` throws for the PEM (e.g. `private-key`)
 */
export async function diagnoseSignature(input: DiagnoseInput): Promise<Diagnosis> {
  const timestamp = input.timestamp.trim();
  const method = input.method.trim();
  const raw = input.path.trim();
  const upper = method.toUpperCase();
  // Validates timestamp, method and path with the signer's own codes and messages.
  const expectedMessage = signingMessage(timestamp, method, raw);
  const path = expectedMessage.slice(timestamp.length + method.length);
  const text = input.signature.trim();
  if (!text) requestError('empty-signature', `The signature is empty: ${PASTE_SIGNATURE}.`);
  const skew = (input.now ?? Date.now()) - Number(timestamp);

  const key = readPublicKeyPem(input.publicKeyPem);
  let evidence = {};
  const result = (
    code: DiagnosisCode,
    texts: (string | false)[],
    mistakes: DiagnosisCode[] = [code],
  ): Diagnosis => ({
    code,
    message: texts.filter(Boolean).join(' '),
    mistakes,
    expectedMessage,
    ...evidence,
  });

  const bytes = decodeSignature(text, key.n.length);
  if (typeof bytes === 'string') return result('bad-encoding', [bytes]);
  const opened = await openSignature(bytes, key);

  // Every string a buggy signer plausibly signed, as timestamp + method + path + query + body,
  // each with the mistakes it makes (and what to quote about them).
  const given = /^\w+:\/\/[^/?#]*/.exec(raw)?.[0];
  // Every Kalshi origin, REST and WebSocket: a few more hashes, less code than telling them apart.
  const origins = new Set([
    ...(given ? [given] : []),
    ...KALSHI_HOSTS.flatMap((h) => [h.restOrigin, h.wsOrigin]),
    ...LEGACY_REST_ORIGINS,
  ]);
  type Variant = [text: string, mistake?: Mistake, detail?: string];
  const stages: Variant[][] = [
    [[upper], [upper.toLowerCase(), 'method-case'], [method, 'method-case']],
    [
      [path],
      [path.replace(REST_PREFIX, ''), 'prefix-missing', path],
      ...[...origins].map((o): Variant => [o + path, 'full-url-signed', o]),
    ],
    [[''], [raw.replace(/^[^?]*|#.*/g, ''), 'query-signed']],
    [[''], [input.body ?? '', 'body-signed']],
  ];
  type Candidate = [message: string, found: Partial<Record<Mistake, string>>];
  let candidates: Candidate[] = [[timestamp, {}]];
  for (const stage of stages)
    candidates = candidates.flatMap(([sofar, found]) =>
      stage.map(([t, m, x]): Candidate => [sofar + t, m ? { ...found, [m]: x ?? t } : found]),
    );
  // Fewest mistakes first, so the first match is the simplest explanation. That also makes
  // variants that change nothing (no query, an upper-case method) harmless: they come later.
  candidates.sort((a, b) => Object.keys(a[1]).length - Object.keys(b[1]).length);
  let match: Candidate | undefined;
  if (opened)
    for (const c of candidates)
      if (await opened.covers(c[0])) {
        match = c;
        break;
      }

  const found = { ...match?.[1] };
  if (match && opened) {
    if (opened.pkcs1) found.pkcs1v15 = '';
    else if (opened.salt !== PSS_SALT_LENGTH)
      found['salt-length'] =
        `${opened.salt}-byte salt${opened.salt === opened.max ? ' (the maximum)' : ''}`;
    evidence = {
      signedMessage: match[0],
      padding: opened.pkcs1 ? 'RSASSA-PKCS1-v1_5' : 'RSA-PSS',
      saltLength: opened.pkcs1 ? undefined : opened.salt,
    };
  }
  const mistakes = (Object.keys(FIXES) as Mistake[]).filter((m) => m in found);
  const texts = mistakes.map((m) => FIXES[m](found[m]!));

  if (timestamp.length === 10)
    return result(
      'timestamp-seconds',
      [`Timestamp ${timestamp} is in seconds: send milliseconds (Date.now()).`, ...texts],
      ['timestamp-seconds', ...mistakes],
    );
  if (!match)
    return result('wrong-key', [
      opened
        ? `This key almost certainly made the signature${opened.pkcs1 ? ' (PKCS#1 v1.5: use RSA-PSS)' : ''}, but over another string: sign the exact timestamp and path you send.`
        : 'Another key made this signature: check KALSHI-ACCESS-KEY, the bot’s private key, and demo vs production.',
    ]);
  const stale =
    Math.abs(skew) > 10_000 &&
    `the timestamp is ${duration(Math.abs(skew))} ${skew > 0 ? 'old' : 'in the future'} (if the request was sent at once). Kalshi accepts only a few seconds of skew: sign just before sending, with a synced clock.${timestamp.length > 13 ? ' Use milliseconds, not microseconds.' : ''}`;
  if (mistakes.length) return result(mistakes[0], [...texts, stale && `Also, ${stale}`], mistakes);
  return stale
    ? result('stale-timestamp', [`Correct, but ${stale}`])
    : result(
        'ok',
        ['Correct. If Kalshi still says 401, check KALSHI-ACCESS-KEY and demo vs production.'],
        [],
      );
}

/**
 * The signature bytes, or what is wrong with them: Kalshi decodes standard base64 with padding
 * (docs/kalshi-api.md section 1) into exactly k bytes for a k-byte modulus.
 */
function decodeSignature(text: string, k: number): Uint8Array | string {
  if (/\s/.test(text)) return 'The signature has spaces or line breaks: send it on one line.';
  if (/^[\da-f]+$/i.test(text) && text.length === 2 * k)
    return 'The signature is hex: send base64.';
  // Lenient: padding optional and stray trailing bits allowed; the checks below name those.
  const bytes = /^[\w+/-]*={0,2}$/.test(text) && base64ToBytes(text.replace(/=+$/, ''), true);
  if (!bytes) return `Not base64: ${PASTE_SIGNATURE} as sent.`;
  if (bytes.length !== k)
    return `The signature is ${bytes.length} bytes, not ${k}: cut off, or made by another key.`;
  if (/[-_]/.test(text)) return 'The signature is base64url: send standard base64 (+ / =).';
  if (text.length % 4) return 'The signature lacks its "=" padding: keep it.';
  return bytes;
}

/** 93 000 -> "1 min 33 s"; hours beyond two hours. */
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120
    ? `${s} s`
    : s < 7200
      ? `${Math.floor(s / 60)} min ${s % 60} s`
      : `${Math.round(s / 3600)} hours`;
}
