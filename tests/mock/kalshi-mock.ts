// A local stand-in for Kalshi's REST auth, for the browser tests (issue 4, item 6).
// It checks the three KALSHI-ACCESS-* headers the way Kalshi does (../shared/kalshi/auth.md
// sections 1 and 4) and answers with Kalshi-shaped bodies. Like Kalshi, it sends no CORS headers
// and refuses any request carrying an Origin header with 403 (auth.md section 5), so a page reaches
// it only through relay/kalshi-relay.mjs. Verification uses node:crypto, an implementation
// independent of the page's WebCrypto code.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  constants,
  createPublicKey,
  generateKeyPair,
  randomUUID,
  verify,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';

export interface KalshiMockOptions {
  /** SPKI (or PKCS#1 public) PEM of the key registered when the mock starts. */
  bootstrapPublicKeyPem: string;
  /** Key ID of the bootstrap key; a random UUID when omitted. */
  bootstrapKeyId?: string;
  /** Accepted clock skew in ms, either way. Kalshi's demo accepts about ±5 s (auth.md section 4). */
  windowMs?: number;
  // Issue 13 (the key's life on Kalshi):
  /** Scopes of the bootstrap key; Kalshi's default ['read', 'write'] when omitted. */
  bootstrapScopes?: string[];
  /**
   * Whether the account may register its own public key (POST /api_keys needs Premier or Market
   * Maker API usage; lifecycle.md section 0.6). Default true; false answers 403.
   */
  byoAllowed?: boolean;
  /** api_key_region_expiration_ts (Unix seconds) in GET /api_keys; left out when omitted. */
  regionExpirationTs?: number;
}

export interface RegisteredKey {
  api_key_id: string;
  name: string;
  scopes: string[];
  publicKeyPem: string;
  publicKey: KeyObject;
  /** 0-63 when the key is bound to a subaccount. */
  subaccount?: number;
}

/** One request the mock answered, for tests that check what arrived (e.g. through a relay). */
export interface MockRequestLogEntry {
  method: string;
  path: string;
  status: number;
  headers: IncomingMessage['headers'];
  /** The request body as received, for POSTs (e.g. to check the scopes sent). */
  body?: string;
}

export interface KalshiMock {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  bootstrapKeyId: string;
  /** Registered keys by key ID; POST /api_keys adds, DELETE removes. */
  registeredKeys: Map<string, RegisteredKey>;
  requests: MockRequestLogEntry[];
  close(): Promise<void>;
}

const API_PREFIX = '/trade-api/v2';
const AUTH_HEADERS = ['KALSHI-ACCESS-KEY', 'KALSHI-ACCESS-TIMESTAMP', 'KALSHI-ACCESS-SIGNATURE'];
const MAX_BODY_BYTES = 64 * 1024;

type Json = Record<string, unknown>;

/** Kalshi's nested error shape: {"error":{code,message,details?}} (auth.md section 4). */
function kalshiError(code: string, message: string, details?: string): Json {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Starts the mock on 127.0.0.1 and a random free port. Stop it with close(). */
export async function startKalshiMock(options: KalshiMockOptions): Promise<KalshiMock> {
  const windowMs = options.windowMs ?? 5000;
  const registeredKeys = new Map<string, RegisteredKey>();
  const requests: MockRequestLogEntry[] = [];
  const bodies = new WeakMap<IncomingMessage, string>();
  const bootstrapKeyId = options.bootstrapKeyId ?? randomUUID();
  registeredKeys.set(bootstrapKeyId, {
    api_key_id: bootstrapKeyId,
    name: 'bootstrap',
    scopes: options.bootstrapScopes ?? ['read', 'write'],
    publicKeyPem: options.bootstrapPublicKeyPem,
    // Throws on a bad bootstrap PEM: a broken test setup should fail at once.
    publicKey: createPublicKey(options.bootstrapPublicKeyPem),
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, 500, kalshiError('internal_server_error', String(error)));
    });
  });

  function send(res: ServerResponse, status: number, body?: Json): void {
    const req = res.req;
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      status,
      headers: req.headers,
      ...(bodies.has(req) ? { body: bodies.get(req) } : {}),
    });
    if (body === undefined) {
      res.writeHead(status).end();
    } else {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawPath = (req.url ?? '/').split('?')[0];
    // A relay mounted under a sub-path (https://relay.example/kalshi/trade-api/v2/...) strips its
    // own prefix before forwarding; the mock plays both parts, so it starts at /trade-api/.
    const at = rawPath.indexOf('/trade-api/');
    const path = at >= 0 ? rawPath.slice(at) : rawPath;

    if (req.headers.origin !== undefined) {
      // As Kalshi does (CloudFront's 403 for browser requests, auth.md section 5).
      send(res, 403, kalshiError('forbidden', 'Requests with an Origin header are refused.'));
      return;
    }

    const route = matchRoute(method, path);
    if (!route) {
      send(res, 404, kalshiError('not_found', `No route for ${method} ${path}.`));
      return;
    }

    const authFailure = authenticate(req, method, path);
    if (authFailure) {
      send(res, 401, authFailure);
      return;
    }
    const missingScope = scopeRefusal(route, registeredKeys.get(keyIdOf(req))!.scopes);
    if (missingScope) {
      send(res, 403, missingScope);
      return;
    }

    switch (route.name) {
      case 'balance':
        send(res, 200, {
          balance: 123456,
          portfolio_value: 0,
          updated_ts: Math.floor(Date.now() / 1000),
        });
        return;
      case 'list-keys':
        send(res, 200, listKeys());
        return;
      case 'generate-key': {
        const result = await generateKey(req);
        send(res, result.status, result.body);
        return;
      }
      case 'create-key': {
        const result = await createKey(req);
        send(res, result.status, result.body);
        return;
      }
      case 'echo':
        send(res, 200, { path });
        return;
      case 'delete-key': {
        if (!registeredKeys.delete(route.id)) {
          send(res, 404, kalshiError('not_found', 'API key not found.', 'NOT_FOUND'));
          return;
        }
        send(res, 204);
        return;
      }
    }
  }

  /** Returns a Kalshi-shaped 401 body, or undefined when the headers check out. */
  function authenticate(req: IncomingMessage, method: string, path: string): Json | undefined {
    const [keyId, timestamp, signature] = AUTH_HEADERS.map((name) => {
      const value = req.headers[name.toLowerCase()];
      return typeof value === 'string' ? value : '';
    });
    if (!keyId || !timestamp || !signature) {
      return kalshiError(
        'signature_is_missing_from_headers',
        'signature is missing from headers',
        `Missing ${AUTH_HEADERS.filter((_, i) => ![keyId, timestamp, signature][i]).join(', ')}`,
      );
    }
    const key = registeredKeys.get(keyId);
    if (!key) return kalshiError('authentication_error', 'authentication_error', 'NOT_FOUND');

    // Kalshi's timestamp is Unix time in ms as a decimal string; seconds land far outside the window.
    const ms = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) : NaN;
    if (!Number.isFinite(ms) || Math.abs(Date.now() - ms) > windowMs) {
      return kalshiError('header_timestamp_expired', 'header timestamp expired');
    }

    const message = Buffer.from(timestamp + method + path, 'utf8');
    const ok = verify(
      'sha256',
      message,
      { key: key.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      Buffer.from(signature, 'base64'),
    );
    if (!ok) {
      return kalshiError(
        'authentication_error',
        'authentication_error',
        'INCORRECT_API_KEY_SIGNATURE',
      );
    }
    return undefined;
  }

  async function createKey(req: IncomingMessage): Promise<{ status: number; body: Json }> {
    const fields = await readKeyFields(req);
    if ('status' in fields) return fields;
    if (options.byoAllowed === false) {
      // The documented refusal for accounts below Premier / Market Maker (lifecycle.md section 7).
      return { status: 403, body: kalshiError('forbidden', 'insufficient API usage level') };
    }
    const { name, scopes, subaccount, body } = fields;
    const { public_key: publicKeyPem } = body;
    if (typeof publicKeyPem !== 'string' || publicKeyPem.trim() === '') {
      return badRequest('public_key is required.');
    }
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey(publicKeyPem);
    } catch {
      return badRequest('public_key is not an RSA public key in PEM format.');
    }
    if (publicKey.asymmetricKeyType !== 'rsa') {
      return badRequest('public_key is not an RSA public key in PEM format.');
    }
    const der = publicKey.export({ type: 'spki', format: 'der' });
    for (const existing of registeredKeys.values()) {
      if (existing.publicKey.export({ type: 'spki', format: 'der' }).equals(der)) {
        return {
          status: 409,
          body: kalshiError('conflict', 'This public key is already registered.'),
        };
      }
    }
    const id = randomUUID();
    registeredKeys.set(id, { api_key_id: id, name, scopes, publicKeyPem, publicKey, subaccount });
    return { status: 201, body: { api_key_id: id } };
  }

  // ---- Issue 13: the key's life on Kalshi (list with subaccounts, generate, scopes) ----

  /** GetApiKeysResponse: subaccount only when set, the region expiry only when configured. */
  function listKeys(): Json {
    return {
      api_keys: [...registeredKeys.values()].map(({ api_key_id, name, scopes, subaccount }) => ({
        api_key_id,
        name,
        scopes,
        ...(subaccount === undefined ? {} : { subaccount }),
      })),
      ...(options.regionExpirationTs === undefined
        ? {}
        : { api_key_region_expiration_ts: options.regionExpirationTs }),
    };
  }

  /** Reads the body (kept for the request log) and checks name, scopes and subaccount. */
  async function readKeyFields(
    req: IncomingMessage,
  ): Promise<
    | { name: string; scopes: string[]; subaccount?: number; body: Json }
    | { status: number; body: Json }
  > {
    let parsed: unknown;
    try {
      const text = await readBody(req);
      bodies.set(req, text);
      parsed = JSON.parse(text);
    } catch {
      return badRequest('The request body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return badRequest('The body must be an object.');
    }
    const body = parsed as Json;
    const { name, scopes, subaccount } = body;
    if (typeof name !== 'string' || name.trim() === '') return badRequest('name is required.');
    if (scopes !== undefined && !(Array.isArray(scopes) && scopes.every(isString))) {
      return badRequest('scopes must be an array of strings.');
    }
    const unknown = ((scopes as string[] | undefined) ?? []).find((s) => !SCOPES.includes(s));
    if (unknown !== undefined) return badRequest(`invalid scope: ${unknown}`);
    // Omitted scopes mean full access, as on Kalshi.
    const granted = (scopes as string[] | undefined) ?? ['read', 'write'];
    if (granted.includes('write') && !granted.includes('read')) {
      return badRequest('the write scope requires the read scope');
    }
    if (
      subaccount !== undefined &&
      !(Number.isInteger(subaccount) && (subaccount as number) >= 0 && (subaccount as number) <= 63)
    ) {
      return badRequest('subaccount must be an integer from 0 to 63');
    }
    return { name, scopes: granted, subaccount: subaccount as number | undefined, body };
  }

  /**
   * POST /api_keys/generate: an RSA pair made with node:crypto; the private key is returned once,
   * as PKCS#1 PEM like Kalshi's (lifecycle.md section 0.10), and only the public key is kept.
   */
  async function generateKey(req: IncomingMessage): Promise<{ status: number; body: Json }> {
    const fields = await readKeyFields(req);
    if ('status' in fields) return fields;
    const { name, scopes, subaccount, body } = fields;
    if (body.key_type !== undefined && body.key_type !== 'rsa') {
      // Kalshi also makes Ed25519 keys; this mock only plays the RSA path the page uses.
      return badRequest(`key_type ${String(body.key_type)} is not supported by this mock`);
    }
    const pair = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
    const id = randomUUID();
    const publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    registeredKeys.set(id, {
      api_key_id: id,
      name,
      scopes,
      publicKeyPem,
      publicKey: pair.publicKey,
      subaccount,
    });
    return {
      status: 201,
      body: {
        api_key_id: id,
        private_key: pair.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
      },
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    bootstrapKeyId,
    registeredKeys,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

type Route =
  | { name: 'balance' | 'list-keys' | 'create-key' | 'generate-key' | 'echo' }
  | { name: 'delete-key'; id: string };

function matchRoute(method: string, path: string): Route | undefined {
  // Test-only, not Kalshi's: any path under /trade-api/v2/echo/, authenticated like the others, so
  // a test can send odd paths (spaces, escapes, //) and read back the path that was verified.
  if (method === 'GET' && path.startsWith(`${API_PREFIX}/echo/`)) return { name: 'echo' };
  if (method === 'GET' && path === `${API_PREFIX}/portfolio/balance`) return { name: 'balance' };
  if (method === 'GET' && path === `${API_PREFIX}/api_keys`) return { name: 'list-keys' };
  if (method === 'POST' && path === `${API_PREFIX}/api_keys`) return { name: 'create-key' };
  if (method === 'POST' && path === `${API_PREFIX}/api_keys/generate`) {
    return { name: 'generate-key' };
  }
  const match = /^\/trade-api\/v2\/api_keys\/([^/]+)$/.exec(path);
  if (method === 'DELETE' && match) return { name: 'delete-key', id: decodeURIComponent(match[1]) };
  return undefined;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// ---- Issue 13: scopes ----

/** Kalshi's ApiKeyScope enum (lifecycle.md section 7). */
const SCOPES = [
  'read',
  'write',
  'read::portfolio_balance',
  'read::block_trade_accept',
  'write::trade',
  'write::transfer',
  'write::block_trade_accept',
  'write::fcm_risk',
];

/** Any of these scopes lets a key use the route. */
const ROUTE_SCOPES: Record<Route['name'], string[]> = {
  balance: ['read', 'read::portfolio_balance'],
  'list-keys': ['read'],
  'create-key': ['write'],
  'generate-key': ['write'],
  'delete-key': ['write'],
  // The test-only echo route reads, like a GET of Kalshi's.
  echo: ['read'],
};

/**
 * A 403 body when the signing key's scopes do not cover the route, else undefined. Kalshi does not
 * document what a key without the scope gets (lifecycle.md section 0.9): this answer, its code and
 * text are the mock's guess, plausible but not Kalshi's known wording.
 */
function scopeRefusal(route: Route, scopes: string[]): Json | undefined {
  const needed = ROUTE_SCOPES[route.name];
  return needed.some((scope) => scopes.includes(scope))
    ? undefined
    : kalshiError('forbidden', `API key is missing the scope ${needed[0]}`, 'INSUFFICIENT_SCOPE');
}

function badRequest(message: string): { status: number; body: Json } {
  return { status: 400, body: kalshiError('bad_request', message, 'INVALID_PARAMETERS') };
}

/** The KALSHI-ACCESS-KEY header (authenticate() has checked it by then). */
function keyIdOf(req: IncomingMessage): string {
  return String(req.headers['kalshi-access-key'] ?? '');
}
