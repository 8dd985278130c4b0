// A key's life on Kalshi, as answers: parsers for what Kalshi returns to each request of
// api-keys.ts (docs/kalshi-api.md section 7). Each returns the fields the page needs, or throws a
// KalshiAnswerError that says what went wrong and what to do (kalshi-error-answers.ts).

import { KalshiAnswerError } from './errors';
import { kalshiErrorOf, throwAnswerError, type AnswerStep } from './kalshi-error-answers';
import {
  isJsonObject,
  nonEmptyText,
  readAnswer,
  relayStatus,
  type JsonObject,
  type KalshiAnswerInput,
} from './read-answer';

export type { KalshiAnswerInput };

/** One key in Kalshi's list (ApiKey). */
export interface ListedApiKey {
  apiKeyId: string;
  name: string;
  scopes: string[];
  subaccount: number | null;
}

/**
 * The answer's JSON object when it is a success, else the error this step's answer means.
 * A 2xx without an object, or an error-free object without a status, comes back for the caller to
 * check its fields.
 */
function successObject(step: AnswerStep, answer: KalshiAnswerInput): JsonObject {
  const read = readAnswer(answer);
  const failed = read.status !== undefined && (read.status < 200 || read.status > 299);
  if (
    failed ||
    (read.status === undefined && kalshiErrorOf(read.json) && !looksLikeSuccess(read.json))
  ) {
    throwAnswerError(step, read);
  }
  if (read.json === undefined) {
    throw new KalshiAnswerError(
      read.status === undefined ? 'not-an-answer' : 'unexpected-answer',
      read.truncated
        ? `The JSON is cut off: copy all of the output again.`
        : read.status === undefined
          ? 'No JSON and no HTTP status line here: paste all the command printed.'
          : `HTTP ${read.status} without JSON: paste all of the output, or check the relay.`,
      read.status,
    );
  }
  if (!isJsonObject(read.json)) return unexpected(step, read.status);
  return read.json;
}

/** An error body has no success fields; a success body may carry a `warning`, never `error`. */
const looksLikeSuccess = (json: unknown) =>
  isJsonObject(json) && ('api_key_id' in json || 'api_keys' in json || 'balance' in json);

const EXPECTED: Record<AnswerStep, string> = {
  create: 'api_key_id',
  generate: 'api_key_id and private_key',
  list: 'api_keys',
  delete: 'HTTP 204',
  balance: 'balance',
};

/** Throws `unexpected-answer`: the answer is not the one `step` gets. */
function unexpected(step: AnswerStep, status: number | undefined, hint = ''): never {
  throw new KalshiAnswerError(
    'unexpected-answer',
    `Not this step's answer: it should hold ${EXPECTED[step]}.${hint}`,
    status,
  );
}

const warningOf = (json: JsonObject) => {
  const warning = nonEmptyText(json.warning);
  return warning ? { warning } : {};
};

/**
 * Reads the answer to `POST /api_keys` (CreateApiKeyResponse: `{api_key_id, warning?}`).
 * @throws KalshiAnswerError `empty-answer`, `not-an-answer`, `unexpected-answer` (including a
 *   generate or list answer), `byo-not-allowed` (403), `forbidden`, `bad-request`, `unauthorized`,
 *   `conflict`, `server-error`, `kalshi-error`
 */
export function parseCreateApiKeyAnswer(answer: KalshiAnswerInput): {
  apiKeyId: string;
  warning?: string;
} {
  const json = successObject('create', answer);
  const apiKeyId = nonEmptyText(json.api_key_id);
  if (!apiKeyId) return unexpected('create', relayStatus(answer));
  if ('private_key' in json) {
    return unexpected('create', relayStatus(answer), ' It answers "Let Kalshi make the key".');
  }
  return { apiKeyId, ...warningOf(json) };
}

const PRIVATE_KEY_PEM = /-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----/;

/**
 * Reads the answer to `POST /api_keys/generate` (`{api_key_id, private_key, warning?}`; the RSA
 * private key comes as PKCS#1 PEM, docs/kalshi-api.md section 7). The PEM is returned as Kalshi
 * sent it, for import at once as a non-extractable key; it is never part of an error message.
 * @throws KalshiAnswerError as parseCreateApiKeyAnswer (a 403 is `forbidden`)
 */
export function parseGenerateApiKeyAnswer(answer: KalshiAnswerInput): {
  apiKeyId: string;
  privateKeyPem: string;
  warning?: string;
} {
  const json = successObject('generate', answer);
  const apiKeyId = nonEmptyText(json.api_key_id);
  const pem = typeof json.private_key === 'string' ? PRIVATE_KEY_PEM.exec(json.private_key) : null;
  if (!apiKeyId || !pem) {
    return unexpected('generate', relayStatus(answer), apiKeyId ? ' It has no private_key.' : '');
  }
  return { apiKeyId, privateKeyPem: `${pem[0]}\n`, ...warningOf(json) };
}

/**
 * Reads the answer to `GET /api_keys` (GetApiKeysResponse). A missing `subaccount` is null;
 * `api_key_region_expiration_ts` (Unix seconds) is returned when Kalshi sends a number.
 * @throws KalshiAnswerError as parseCreateApiKeyAnswer; `unexpected-answer` when `api_keys` is
 *   missing or an entry has no ID
 */
export function parseListApiKeysAnswer(answer: KalshiAnswerInput): {
  keys: ListedApiKey[];
  regionExpirationTs?: number;
} {
  const json = successObject('list', answer);
  const status = relayStatus(answer);
  if (!Array.isArray(json.api_keys)) return unexpected('list', status);
  const keys = json.api_keys.map((entry: unknown): ListedApiKey => {
    const apiKeyId = isJsonObject(entry) ? nonEmptyText(entry.api_key_id) : undefined;
    if (!isJsonObject(entry) || !apiKeyId) return unexpected('list', status);
    const { name, scopes, subaccount } = entry;
    return {
      apiKeyId,
      name: typeof name === 'string' ? name : '',
      scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [],
      subaccount: typeof subaccount === 'number' ? subaccount : null,
    };
  });
  const ts = json.api_key_region_expiration_ts;
  return typeof ts === 'number' && Number.isFinite(ts)
    ? { keys, regionExpirationTs: ts }
    : { keys };
}

/**
 * Reads the answer to `DELETE /api_keys/{id}`: any 2xx (Kalshi sends 204 with no body), or pasted
 * output whose status line says 2xx, means deleted. Pasted text without a status line counts only
 * when it is an empty JSON object.
 * @throws KalshiAnswerError `empty-answer` (nothing pasted: curl prints nothing for a 204, so the
 *   message asks for -i), `not-found` (404), and the others of parseCreateApiKeyAnswer
 */
export function parseDeleteApiKeyAnswer(answer: KalshiAnswerInput): void {
  if (typeof answer === 'string' && !answer.trim()) {
    throw new KalshiAnswerError(
      'empty-answer',
      'Nothing was pasted: curl prints nothing for a 204 unless run with -i.',
    );
  }
  const read = readAnswer(answer);
  if (read.status !== undefined && read.status >= 200 && read.status <= 299) return;
  if (read.status === undefined && isJsonObject(read.json) && Object.keys(read.json).length === 0)
    return;
  // Throws for an error answer or one without JSON; any other JSON is not a delete's answer.
  successObject('delete', answer);
  unexpected('delete', read.status);
}

/**
 * Reads the answer to `GET /portfolio/balance`: `{balance}` in cents.
 * @throws KalshiAnswerError as parseCreateApiKeyAnswer
 */
export function parseBalanceAnswer(answer: KalshiAnswerInput): { balanceCents: number } {
  const json = successObject('balance', answer);
  if (typeof json.balance !== 'number' || !Number.isFinite(json.balance)) {
    return unexpected('balance', relayStatus(answer));
  }
  return { balanceCents: json.balance };
}

/** true when pasted text is a `POST /api_keys/generate` answer (an ID and a private key PEM). */
export function looksLikeGenerateAnswer(pasted: string): boolean {
  try {
    parseGenerateApiKeyAnswer(pasted);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether Kalshi answered 401 with `NOT_FOUND`: it does not know the signing key's ID (deleted
 * there, the other environment, or a typo), so that key cannot sign for it.
 */
export function answerSaysKeyUnknown(answer: KalshiAnswerInput): boolean {
  const [status, body] =
    typeof answer === 'string'
      ? [/^HTTP\/[\d.]+ 401\b/m.test(answer) ? 401 : 0, answer]
      : [answer.status, answer.body];
  return status === 401 && /\bNOT_FOUND\b/.test(body);
}
