// A local stand-in for Kalshi's REST auth, for the browser tests (issue 4, item 6).
// It checks the three KALSHI-ACCESS-* headers the way Kalshi does (../shared/kalshi/auth.md
// sections 1 and 4) and answers with Kalshi-shaped bodies. Like Kalshi, it sends no CORS headers
// and refuses any request carrying an Origin header with 403 (auth.md section 5), so a page reaches
// it only through relay/kalshi-relay.mjs. Verification uses node:crypto, an implementation
// independent of the page's WebCrypto code.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, createPublicKey, randomUUID, verify, type KeyObject } from 'node:crypto';

export interface KalshiMockOptions {
  /** SPKI (or PKCS#1 public) PEM of the key registered when the mock starts. */
  bootstrapPublicKeyPem: string;
  /** Key ID of the bootstrap key; a random UUID when omitted. */
  bootstrapKeyId?: string;
  /** Accepted clock skew in ms, either way. Kalshi's demo accepts about ±5 s (auth.md section 4). */
  windowMs?: number;
}

export interface RegisteredKey {
  api_key_id: string;
  name: string;
  scopes: string[];
  publicKeyPem: string;
  publicKey: KeyObject;
}

/** One request the mock answered, for tests that check what arrived (e.g. through a relay). */
export interface MockRequestLogEntry {
  method: string;
  path: string;
  status: number;
  headers: IncomingMessage['headers'];
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
  const bootstrapKeyId = options.bootstrapKeyId ?? randomUUID();
  registeredKeys.set(bootstrapKeyId, {
    api_key_id: bootstrapKeyId,
    name: 'bootstrap',
    scopes: ['read', 'write'],
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

    switch (route.name) {
      case 'balance':
        send(res, 200, {
          balance: 123456,
          portfolio_value: 0,
          updated_ts: Math.floor(Date.now() / 1000),
        });
        return;
      case 'list-keys':
        send(res, 200, {
          api_keys: [...registeredKeys.values()].map(({ api_key_id, name, scopes }) => ({
            api_key_id,
            name,
            scopes,
          })),
        });
        return;
      case 'create-key': {
        const result = await createKey(req);
        send(res, result.status, result.body);
        return;
      }
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
    const bad = (message: string) => ({
      status: 400,
      body: kalshiError('bad_request', message, 'INVALID_PARAMETERS'),
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readBody(req));
    } catch {
      return bad('The request body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null) return bad('The body must be an object.');
    const { name, public_key: publicKeyPem, scopes } = parsed as Json;
    if (typeof name !== 'string' || name.trim() === '') return bad('name is required.');
    if (typeof publicKeyPem !== 'string' || publicKeyPem.trim() === '') {
      return bad('public_key is required.');
    }
    if (scopes !== undefined && !(Array.isArray(scopes) && scopes.every(isString))) {
      return bad('scopes must be an array of strings.');
    }
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey(publicKeyPem);
    } catch {
      return bad('public_key is not an RSA public key in PEM format.');
    }
    if (publicKey.asymmetricKeyType !== 'rsa') {
      return bad('public_key is not an RSA public key in PEM format.');
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
    registeredKeys.set(id, {
      api_key_id: id,
      name,
      scopes: (scopes as string[] | undefined) ?? ['read', 'write'],
      publicKeyPem,
      publicKey,
    });
    return { status: 201, body: { api_key_id: id } };
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

type Route = { name: 'balance' | 'list-keys' | 'create-key' } | { name: 'delete-key'; id: string };

function matchRoute(method: string, path: string): Route | undefined {
  if (method === 'GET' && path === `${API_PREFIX}/portfolio/balance`) return { name: 'balance' };
  if (method === 'GET' && path === `${API_PREFIX}/api_keys`) return { name: 'list-keys' };
  if (method === 'POST' && path === `${API_PREFIX}/api_keys`) return { name: 'create-key' };
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
