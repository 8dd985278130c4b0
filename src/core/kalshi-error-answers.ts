// Kalshi's error answers: which KalshiAnswerError each one is for the step that got it, with
// what to do about it (kalshi-advice.ts for the authentication errors and 403s).

import { KalshiAnswerError, type KalshiAnswerErrorCode } from './errors';
import { kalshiErrorAdvice } from './kalshi-advice';
import { isJsonObject, nonEmptyText, type ReadAnswer } from './read-answer';

/**
 * Kalshi's error code and message in any of its three shapes (docs/kalshi-api.md section 4), if
 * present.
 */
export function kalshiErrorOf(json: unknown): { code?: string; text?: string } | undefined {
  if (!isJsonObject(json)) return undefined;
  // Nested {"error":{code,message,details}}; a relay's own {"error":"…"} too.
  const inner = isJsonObject(json.error) ? json.error : json;
  const code = nonEmptyText(inner.code);
  const message =
    nonEmptyText(inner.message) ??
    nonEmptyText(inner.msg) ??
    nonEmptyText(json.error) ??
    nonEmptyText(json.msg);
  const details = nonEmptyText(inner.details);
  if (!code && !message && !details) return undefined;
  const parts = [message ?? code, details && details !== message ? details : undefined];
  return { code, text: parts.filter(Boolean).join(': ') };
}

// Kalshi's codes, for an error body pasted without its status line.
const STATUS_BY_CODE: [RegExp, number][] = [
  [
    /^(authentication_error|header_timestamp_expired|signature_is_missing_from_headers|unauthorized)$/i,
    401,
  ],
  [/^(bad_request|invalid_parameters?|validation_error)$/i, 400],
  [/^(forbidden|insufficient|permission|location_attestation)/i, 403],
  [/^not_found$/i, 404],
  [/^conflict$/i, 409],
  [/^internal/i, 500],
];

/** Which request an answer belongs to. The UI shows each message beside its step's button. */
export type AnswerStep = 'create' | 'generate' | 'list' | 'delete' | 'balance';

/**
 * Throws the KalshiAnswerError that an error answer means for `step`: by its status, or for an
 * error body without one, by Kalshi's code in it.
 * @throws KalshiAnswerError `bad-request`, `unauthorized`, `byo-not-allowed`, `forbidden`,
 *   `not-found`, `conflict`, `server-error`, `kalshi-error`
 */
export function throwAnswerError(step: AnswerStep, read: ReadAnswer): never {
  const error = kalshiErrorOf(read.json);
  const status =
    read.status ?? STATUS_BY_CODE.find(([pattern]) => pattern.test(error?.code ?? ''))?.[1];
  const says = error?.text ? ` Kalshi says: "${error.text}".` : '';
  const fail = (code: KalshiAnswerErrorCode, what: string, todo: string): never => {
    throw new KalshiAnswerError(code, `${what}.${says} ${todo}`, status, error?.code);
  };
  const s = status ? ` (HTTP ${status})` : '';
  switch (true) {
    case status === 400:
      return fail(
        'bad-request',
        'Kalshi refused the request (HTTP 400)',
        'Check the name, scopes and subaccount.',
      );
    case status === 401:
      return fail(
        'unauthorized',
        'Kalshi did not accept the signing key (HTTP 401)',
        kalshiErrorAdvice(401, read.body) ??
          "Check the signing key's Kalshi key ID and environment.",
      );
    // The documented BYO refusal is "insufficient API usage level"; an HTML 403 is a proxy's
    // (Kalshi's CDN refuses a browser's Origin header), and a scope refusal names the scope.
    case status === 403 &&
      step === 'create' &&
      (/usage level|premier|market maker/i.test(error?.text ?? '') ||
        (!error && !/<html|<!doctype/i.test(read.body))):
      return fail(
        'byo-not-allowed',
        'Kalshi takes your own public key only from Premier or Market Maker accounts (HTTP 403)',
        'Paste it into "RSA public key" on Kalshi\'s website, or use "Let Kalshi make the key".',
      );
    case status === 403:
      return fail(
        'forbidden',
        'Kalshi did not allow this (HTTP 403)',
        error?.text && !/origin/i.test(error.text)
          ? 'Sign with a key whose scopes allow it (write for API keys).'
          : (kalshiErrorAdvice(403, read.body) ?? "Do this on Kalshi's website instead."),
      );
    case status === 404:
      return fail(
        'not-found',
        step === 'delete'
          ? 'Kalshi has no key with this ID (HTTP 404)'
          : 'Kalshi did not find this address (HTTP 404)',
        step === 'delete'
          ? 'Deleted already, or the other environment? "Check with Kalshi" lists its keys.'
          : 'Check the relay.',
      );
    case status === 409:
      return fail(
        'conflict',
        'Kalshi cannot do this yet (HTTP 409)',
        'Wait a minute, then try again.',
      );
    case status !== undefined && status >= 500:
      return fail('server-error', `Kalshi had a problem${s}`, 'Try again in a few minutes.');
    default:
      return fail(
        'kalshi-error',
        `Kalshi refused the request${s}`,
        status === 429 ? 'Too many requests: wait a minute, then try again.' : 'Try again later.',
      );
  }
}
