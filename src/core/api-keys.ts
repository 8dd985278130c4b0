// A key's life on Kalshi, as requests: the four api_keys requests and the balance check that
// proves a new key (docs/kalshi-api.md section 7). Pure strings: the UI signs and sends each one
// (through the relay, or as a curl command whose output is pasted back); kalshi-answers.ts reads
// what comes back.

import { requestError } from './errors';
import { REST_PREFIX } from './kalshi';
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

/** Whether `value` is one of Kalshi's subaccounts: a whole number from 0 to 63. */
export const isSubaccount = (value: number): boolean =>
  Number.isInteger(value) && value >= 0 && value <= 63;

/**
 * The subaccount as Kalshi takes it, or undefined for none ('' or undefined).
 * @throws RequestFormatError `invalid-subaccount` unless a whole number 0-63
 */
export function parseSubaccount(input: number | string | undefined): number | undefined {
  const text = typeof input === 'string' ? input.trim() : input;
  if (text === undefined || text === '') return undefined;
  const value = typeof text === 'number' ? text : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!isSubaccount(value)) {
    requestError(
      'invalid-subaccount',
      `Subaccount "${input}": type a whole number from 0 to 63, or leave it empty.`,
    );
  }
  return value;
}

/** The name trimmed. @throws RequestFormatError `empty-name` */
function requiredKeyName(name: string): string {
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
  const name = requiredKeyName(input.name);
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
  const name = requiredKeyName(input.name);
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
