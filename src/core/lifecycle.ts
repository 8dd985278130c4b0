// A key's life on Kalshi: the four api_keys requests and the balance check that proves
// a new key, and parsers for their answers (docs/kalshi-api.md section 7). Pure strings: the
// UI signs and sends a request (through the relay, or as a curl command whose output is pasted
// back), then hands the answer here.

import { KalshiAnswerError, requestError, type KalshiAnswerErrorCode } from './errors';
import { REST_PREFIX } from './kalshi';
import { kalshiErrorAdvice } from './kalshi-advice';

export * from './scopes';
export * from './scope-descriptions';
import { API_KEY_SCOPES, type ApiKeyScope } from './scopes';

/** A request to sign and send: the full signed path, and the JSON body text when there is one. */
export interface LifecycleRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: string;
}

const KEYS_PATH = `${REST_PREFIX}/api_keys`;

/**
 * The scopes as Kalshi's enum, deduplicated and in the enum's order.
 * @throws RequestFormatError `no-scopes`, `unknown-scope`, `write-without-read`
 */
export function normalizeScopes(scopes: readonly string[]): ApiKeyScope[] {
  if (scopes.length === 0) requestError('no-scopes', 'Choose at least one scope, such as read.');
  const unknown = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (unknown.length) {
    requestError(
      'unknown-scope',
      `Kalshi has no scope "${unknown[0]}": use ${API_KEY_SCOPES.join(', ')}.`,
    );
  }
  if (scopes.includes('write') && !scopes.includes('read')) {
    requestError('write-without-read', 'Kalshi grants write only with read: tick read as well.');
  }
  return API_KEY_SCOPES.filter((s) => scopes.includes(s));
}

/**
 * The subaccount as Kalshi takes it, or undefined for none ('' or undefined).
 * @throws RequestFormatError `invalid-subaccount` unless a whole number 0-63
 */
export function parseSubaccount(input: number | string | undefined): number | undefined {
  const text = typeof input === 'string' ? input.trim() : input;
  if (text === undefined || text === '') return undefined;
  const value = typeof text === 'number' ? text : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < 0 || value > 63) {
    requestError(
      'invalid-subaccount',
      `Subaccount "${input}": type a whole number from 0 to 63, or leave it empty.`,
    );
  }
  return value;
}

function keyName(name: string): string {
  const trimmed = name.trim();
  return trimmed || requestError('empty-name', 'Give the key a name.');
}

/** Pretty JSON, as the page shows it and curl sends it. Undefined fields are left out. */
const json = (value: object) => JSON.stringify(value, null, 2);

/**
 * `POST /trade-api/v2/api_keys` (CreateApiKeyRequest): registers a public key made here. Scopes are
 * always sent, since Kalshi grants full read and write when they are missing.
 * @throws RequestFormatError `empty-name`, `no-scopes`, `unknown-scope`, `write-without-read`,
 *   `invalid-subaccount`
 * @throws TypeError when `publicKeyPem` is blank (programmer error: the page always has it)
 */
export function createApiKeyRequest(input: {
  name: string;
  publicKeyPem: string;
  scopes: readonly string[];
  subaccount?: number | string;
}): LifecycleRequest {
  if (!input.publicKeyPem.trim()) throw new TypeError('createApiKeyRequest: no public key');
  const name = keyName(input.name);
  const scopes = normalizeScopes(input.scopes);
  const subaccount = parseSubaccount(input.subaccount);
  return {
    method: 'POST',
    path: KEYS_PATH,
    body: json({ name, public_key: input.publicKeyPem, scopes, subaccount }),
  };
}

/**
 * `POST /trade-api/v2/api_keys/generate` (GenerateApiKeyRequest): Kalshi makes the pair and returns
 * the private key. Always `key_type: "rsa"`: this page signs with RSA-PSS.
 * @throws RequestFormatError as createApiKeyRequest
 */
export function generateApiKeyRequest(input: {
  name: string;
  scopes: readonly string[];
  subaccount?: number | string;
}): LifecycleRequest {
  const name = keyName(input.name);
  const scopes = normalizeScopes(input.scopes);
  const subaccount = parseSubaccount(input.subaccount);
  return {
    method: 'POST',
    path: `${KEYS_PATH}/generate`,
    body: json({ name, scopes, subaccount, key_type: 'rsa' }),
  };
}

/** `GET /trade-api/v2/api_keys`: the account's keys. */
export function listApiKeysRequest(): LifecycleRequest {
  return { method: 'GET', path: KEYS_PATH };
}

/**
 * `DELETE /trade-api/v2/api_keys/{id}`: irreversible on Kalshi.
 * @throws RequestFormatError `empty-key-id`
 */
export function deleteApiKeyRequest(apiKeyId: string): LifecycleRequest {
  const id = apiKeyId.trim();
  if (!id) requestError('empty-key-id', 'No Kalshi key ID to delete.');
  return { method: 'DELETE', path: `${KEYS_PATH}/${encodeURIComponent(id)}` };
}

/** `GET /trade-api/v2/portfolio/balance`: any key with read answers 200, which proves it works. */
export function balanceRequest(): LifecycleRequest {
  return { method: 'GET', path: `${REST_PREFIX}/portfolio/balance` };
}

// ---------------------------------------------------------------------------------------------
// Answers

/**
 * An answer as received: from the relay (status and body known) or pasted text (raw JSON, curl -i
 * output with its status line and headers, or JSON with text around it).
 */
export type KalshiAnswerInput = { status: number; body: string } | string;

/** One key in Kalshi's list (ApiKey). */
export interface ListedApiKey {
  apiKeyId: string;
  name: string;
  scopes: string[];
  subaccount: number | null;
}

/** What an answer turned out to hold. `json` is absent when the body held no JSON. */
interface ReadAnswer {
  status?: number;
  body: string;
  json?: unknown;
  /** The body has a `{` or `[` that does not parse: probably cut off while copying. */
  truncated: boolean;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON.parse, or undefined. */
function tryJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * The JSON value in text that may have words around it (a shell prompt, a note): objects first,
 * from each `{` to each `}` after it, longest first; then arrays the same way.
 */
function findJson(text: string): { value: unknown } | undefined {
  const whole = tryJson(text);
  if (whole || !text) return whole;
  for (const [open, close] of ['{}', '[]']) {
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === open && starts.length < 40) starts.push(i);
      if (text[i] === close) ends.push(i);
    }
    const lastEnds = ends.reverse().slice(0, 40);
    for (const start of starts) {
      for (const end of lastEnds) {
        if (end <= start) break;
        const found = tryJson(text.slice(start, end + 1));
        if (found) return found;
      }
    }
  }
  return undefined;
}

// A status line as curl -i or -v prints it (HTTP/1.1 201 Created, HTTP/2 204, < HTTP/2 200), and
// as the page's own Response box shows a relay's answer (HTTP 401 Unauthorized).
const STATUS_LINE = /^(?:< )?HTTP(?:\/\d(?:\.\d)?)? (\d{3})\b.*$/gm;

function readAnswer(answer: KalshiAnswerInput): ReadAnswer {
  let status: number | undefined;
  let body: string;
  if (typeof answer === 'string') {
    const text = answer.replace(/\r\n?/g, '\n');
    if (!text.trim()) {
      throw new KalshiAnswerError(
        'empty-answer',
        'Nothing was pasted: paste all the command printed.',
      );
    }
    // The last status line counts: curl -i also prints `100 Continue` and proxies' `200
    // Connection established` before the real one. The body starts after its headers.
    const lines = [...text.matchAll(STATUS_LINE)];
    const last = lines.at(-1);
    if (last) {
      status = Number(last[1]);
      const afterStatus = text.slice(last.index + last[0].length);
      const blank = afterStatus.search(/\n[ \t]*\n/);
      body = blank < 0 ? '' : afterStatus.slice(blank).trim();
    } else {
      body = text.trim();
    }
  } else {
    ({ status, body } = answer);
    body = body.trim();
  }
  const found = findJson(body);
  return {
    status,
    body,
    json: found?.value,
    truncated: !found && /[{[]/.test(body),
  };
}

/** Kalshi's error code and message in any of its three shapes (docs/kalshi-api.md section 4), if present. */
function kalshiErrorOf(json: unknown): { code?: string; text?: string } | undefined {
  if (!isObject(json)) return undefined;
  const str = (value: unknown) =>
    typeof value === 'string' && value.trim() ? value.trim() : undefined;
  // Nested {"error":{code,message,details}}; a relay's own {"error":"…"} too.
  const inner = isObject(json.error) ? json.error : json;
  const code = str(inner.code);
  const message = str(inner.message) ?? str(inner.msg) ?? str(json.error) ?? str(json.msg);
  const details = str(inner.details);
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
type Step = 'create' | 'generate' | 'list' | 'delete' | 'balance';

/** Throws the KalshiAnswerError for an error status, or for an error body without one. */
function refuse(step: Step, read: ReadAnswer): never {
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

/**
 * The answer's JSON object when it is a success, else the error this step's answer means.
 * A 2xx without an object, or an error-free object without a status, comes back for the caller to
 * check its fields.
 */
function successObject(step: Step, answer: KalshiAnswerInput): Json {
  const read = readAnswer(answer);
  const failed = read.status !== undefined && (read.status < 200 || read.status > 299);
  if (
    failed ||
    (read.status === undefined && kalshiErrorOf(read.json) && !looksLikeSuccess(read.json))
  ) {
    refuse(step, read);
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
  if (!isObject(read.json)) return unexpected(step, read.status);
  return read.json;
}

/** An error body has no success fields; a success body may carry a `warning`, never `error`. */
const looksLikeSuccess = (json: unknown) =>
  isObject(json) && ('api_key_id' in json || 'api_keys' in json || 'balance' in json);

const EXPECTED: Record<Step, string> = {
  create: 'api_key_id',
  generate: 'api_key_id and private_key',
  list: 'api_keys',
  delete: 'HTTP 204',
  balance: 'balance',
};

function unexpected(step: Step, status: number | undefined, hint = ''): never {
  throw new KalshiAnswerError(
    'unexpected-answer',
    `Not this step's answer: it should hold ${EXPECTED[step]}.${hint}`,
    status,
  );
}

/** The text, when it is a non-empty string. */
const text = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

const warningOf = (json: Json) => (text(json.warning) ? { warning: text(json.warning) } : {});

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
  const apiKeyId = text(json.api_key_id);
  const status = typeof answer === 'string' ? undefined : answer.status;
  if (!apiKeyId) return unexpected('create', status);
  if ('private_key' in json) {
    return unexpected('create', status, ' It answers "Let Kalshi make the key".');
  }
  return { apiKeyId, ...warningOf(json) };
}

const PRIVATE_KEY_PEM = /-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----/;

/**
 * Reads the answer to `POST /api_keys/generate` (`{api_key_id, private_key, warning?}`; the RSA
 * private key comes as PKCS#1 PEM, docs/kalshi-api.md section 7). The PEM is returned as Kalshi sent
 * it, for import at once as a non-extractable key; it is never part of an error message.
 * @throws KalshiAnswerError as parseCreateApiKeyAnswer (a 403 is `forbidden`)
 */
export function parseGenerateApiKeyAnswer(answer: KalshiAnswerInput): {
  apiKeyId: string;
  privateKeyPem: string;
  warning?: string;
} {
  const json = successObject('generate', answer);
  const apiKeyId = text(json.api_key_id);
  const pem = typeof json.private_key === 'string' ? PRIVATE_KEY_PEM.exec(json.private_key) : null;
  const status = typeof answer === 'string' ? undefined : answer.status;
  if (!apiKeyId || !pem) {
    return unexpected('generate', status, apiKeyId ? ' It has no private_key.' : '');
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
  const status = typeof answer === 'string' ? undefined : answer.status;
  if (!Array.isArray(json.api_keys)) return unexpected('list', status);
  const keys = json.api_keys.map((entry: unknown): ListedApiKey => {
    const apiKeyId = isObject(entry) ? text(entry.api_key_id) : undefined;
    if (!isObject(entry) || !apiKeyId) return unexpected('list', status);
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
  if (read.status === undefined && isObject(read.json) && Object.keys(read.json).length === 0)
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
    return unexpected('balance', typeof answer === 'string' ? undefined : answer.status);
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
