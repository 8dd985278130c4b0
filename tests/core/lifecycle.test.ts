// The api_keys requests and their answers (issue 13, item 1): every builder rule, and every answer
// a user can bring back: a relay's status and body, curl -i output (HTTP/1.1 and HTTP/2, CRLF),
// raw JSON, JSON with text around it, Kalshi's three error shapes, and garbage.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  API_KEY_SCOPES,
  balanceRequest,
  createApiKeyRequest,
  answerSaysKeyUnknown,
  DEFAULT_SCOPES,
  KALSHI_IMPLICIT_SCOPES,
  scopesInWords,
  scopesManageKeys,
  scopesWrite,
  deleteApiKeyRequest,
  generateApiKeyRequest,
  KalshiAnswerError,
  listApiKeysRequest,
  looksLikeGenerateAnswer,
  parseBalanceAnswer,
  parseCreateApiKeyAnswer,
  parseDeleteApiKeyAnswer,
  parseGenerateApiKeyAnswer,
  parseListApiKeysAnswer,
  RequestFormatError,
  SCOPE_DESCRIPTIONS,
  SCOPE_PRESETS,
  type KalshiAnswerInput,
} from '../../src/core';
import { nodeRsaKey } from '../helpers/keys';

const PEM = '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n';

/** The error a call throws (fails the test when it does not throw). */
function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('scopes and presets', () => {
  it("lists the eight scopes of Kalshi's enum, each with a description", () => {
    expect([...API_KEY_SCOPES].sort()).toEqual(
      [
        'read',
        'write',
        'read::block_trade_accept',
        'read::portfolio_balance',
        'write::trade',
        'write::transfer',
        'write::block_trade_accept',
        'write::fcm_risk',
      ].sort(),
    );
    for (const scope of API_KEY_SCOPES) expect(SCOPE_DESCRIPTIONS[scope].length).toBeGreaterThan(5);
    expect(SCOPE_DESCRIPTIONS.write).toMatch(/transfer/);
  });

  it('offers Read only, Read and trade and Full access; the default is Read and trade', () => {
    expect(SCOPE_PRESETS.map((p) => [p.id, p.label, p.scopes])).toEqual([
      ['read-only', 'Read only', ['read']],
      ['read-trade', 'Read and trade', ['read', 'write::trade']],
      ['full', 'Full access', ['read', 'write']],
    ]);
    expect(DEFAULT_SCOPES).toEqual(['read', 'write::trade']);
    expect(KALSHI_IMPLICIT_SCOPES).toEqual(['read', 'write']);
  });

  it.each<[string[] | undefined, string]>([
    [['read'], 'Read only'],
    [['write::trade', 'read'], 'Read and trade'],
    [['read', 'write'], 'Full access'],
    [['read', 'write::transfer'], 'Custom: read, write::transfer'],
    [[], 'No scopes'],
    [undefined, 'Scopes unknown'],
  ])('says %j in words: %s', (scopes, words) => {
    expect(scopesInWords(scopes)).toBe(words);
  });

  it('tells keys that manage API keys or write from read-only ones', () => {
    expect(scopesManageKeys(['read', 'write'])).toBe(true);
    expect(scopesManageKeys(['read', 'write::trade'])).toBe(false);
    expect(scopesWrite(['read', 'write::trade'])).toBe(true);
    expect(scopesWrite(['read', 'read::portfolio_balance'])).toBe(false);
  });
});

describe('createApiKeyRequest', () => {
  it.each<[string, Parameters<typeof createApiKeyRequest>[0], object]>([
    [
      'read only, scopes always sent',
      { name: 'Dashboard', publicKeyPem: PEM, scopes: ['read'] },
      { name: 'Dashboard', public_key: PEM, scopes: ['read'] },
    ],
    [
      'scopes deduplicated, in the enum order',
      { name: 'Bot', publicKeyPem: PEM, scopes: ['write::trade', 'read', 'read'] },
      { name: 'Bot', public_key: PEM, scopes: ['read', 'write::trade'] },
    ],
    [
      'a child scope alone',
      { name: 'Bal', publicKeyPem: PEM, scopes: ['read::portfolio_balance'] },
      { name: 'Bal', public_key: PEM, scopes: ['read::portfolio_balance'] },
    ],
    [
      'write with read; name trimmed',
      { name: '  Full  ', publicKeyPem: PEM, scopes: ['write', 'read'] },
      { name: 'Full', public_key: PEM, scopes: ['read', 'write'] },
    ],
    [
      'subaccount 0',
      { name: 'S', publicKeyPem: PEM, scopes: ['read'], subaccount: 0 },
      { name: 'S', public_key: PEM, scopes: ['read'], subaccount: 0 },
    ],
    [
      'subaccount 63 typed',
      { name: 'S', publicKeyPem: PEM, scopes: ['read'], subaccount: ' 63 ' },
      { name: 'S', public_key: PEM, scopes: ['read'], subaccount: 63 },
    ],
    [
      'subaccount left empty',
      { name: 'S', publicKeyPem: PEM, scopes: ['read'], subaccount: '' },
      { name: 'S', public_key: PEM, scopes: ['read'] },
    ],
  ])('%s', (_label, input, body) => {
    const request = createApiKeyRequest(input);
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/trade-api/v2/api_keys');
    expect(JSON.parse(request.body!)).toEqual(body);
  });

  it.each<[string, Partial<Parameters<typeof createApiKeyRequest>[0]>, string, RegExp]>([
    ['an unknown scope', { scopes: ['read', 'admin'] }, 'unknown-scope', /"admin".*read, write/],
    ['a misspelt scope', { scopes: ['write:trade'] }, 'unknown-scope', /write:trade/],
    ['write without read', { scopes: ['write'] }, 'write-without-read', /tick read/],
    [
      'write and a child without read',
      { scopes: ['write', 'read::portfolio_balance'] },
      'write-without-read',
      /read/,
    ],
    ['no scopes', { scopes: [] }, 'no-scopes', /at least one/],
    ['subaccount -1', { subaccount: -1 }, 'invalid-subaccount', /"-1".*0 to 63/],
    ['subaccount 64', { subaccount: 64 }, 'invalid-subaccount', /0 to 63/],
    ['subaccount 1.5', { subaccount: 1.5 }, 'invalid-subaccount', /"1.5"/],
    ['subaccount "1.5"', { subaccount: '1.5' }, 'invalid-subaccount', /"1.5"/],
    ['subaccount "-1"', { subaccount: '-1' }, 'invalid-subaccount', /"-1"/],
    ['subaccount "abc"', { subaccount: 'abc' }, 'invalid-subaccount', /"abc".*empty/],
    ['subaccount NaN', { subaccount: NaN }, 'invalid-subaccount', /0 to 63/],
    ['an empty name', { name: '' }, 'empty-name', /name/],
    ['a blank name', { name: '   ' }, 'empty-name', /name/],
  ])('refuses %s', (_label, change, code, message) => {
    const error = thrown(() =>
      createApiKeyRequest({ name: 'Key', publicKeyPem: PEM, scopes: ['read'], ...change }),
    );
    expect(error).toBeInstanceOf(RequestFormatError);
    expect(error).toMatchObject({ code });
    expect(error.message).toMatch(message);
  });

  it('treats a missing public key as a programmer error', () => {
    expect(() => createApiKeyRequest({ name: 'K', publicKeyPem: ' ', scopes: ['read'] })).toThrow(
      TypeError,
    );
  });
});

describe('generateApiKeyRequest', () => {
  it.each<[Parameters<typeof generateApiKeyRequest>[0], object]>([
    [
      { name: 'Made by Kalshi', scopes: ['read'] },
      { name: 'Made by Kalshi', scopes: ['read'], key_type: 'rsa' },
    ],
    [
      { name: 'Trader', scopes: ['write::trade', 'read'], subaccount: '7' },
      { name: 'Trader', scopes: ['read', 'write::trade'], subaccount: 7, key_type: 'rsa' },
    ],
  ])('%j', (input, body) => {
    const request = generateApiKeyRequest(input);
    expect(request).toMatchObject({ method: 'POST', path: '/trade-api/v2/api_keys/generate' });
    expect(JSON.parse(request.body!)).toEqual(body);
  });

  it.each<[Partial<Parameters<typeof generateApiKeyRequest>[0]>, string]>([
    [{ name: '' }, 'empty-name'],
    [{ scopes: ['write'] }, 'write-without-read'],
    [{ scopes: ['everything'] }, 'unknown-scope'],
    [{ scopes: [] }, 'no-scopes'],
    [{ subaccount: 64 }, 'invalid-subaccount'],
    [{ subaccount: 'abc' }, 'invalid-subaccount'],
  ])('refuses %j with %s', (change, code) => {
    expect(
      thrown(() => generateApiKeyRequest({ name: 'K', scopes: ['read'], ...change })),
    ).toMatchObject({
      name: 'RequestFormatError',
      code,
    });
  });
});

describe('list, delete and balance requests', () => {
  it('builds them with the full signed path and no body', () => {
    expect(listApiKeysRequest()).toEqual({ method: 'GET', path: '/trade-api/v2/api_keys' });
    expect(balanceRequest()).toEqual({ method: 'GET', path: '/trade-api/v2/portfolio/balance' });
    expect(deleteApiKeyRequest(' 1b2c-3d ')).toEqual({
      method: 'DELETE',
      path: '/trade-api/v2/api_keys/1b2c-3d',
    });
  });

  it('encodes a key ID that would change the path', () => {
    expect(deleteApiKeyRequest('a/../b?c').path).toBe('/trade-api/v2/api_keys/a%2F..%2Fb%3Fc');
  });

  it.each(['', '   '])('refuses the key ID %j', (id) => {
    expect(thrown(() => deleteApiKeyRequest(id))).toMatchObject({
      name: 'RequestFormatError',
      code: 'empty-key-id',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Answers

const KEY_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
const CREATED = `{"api_key_id":"${KEY_ID}"}`;

/** curl -i output: status line, headers, a blank line, the body; with CRLF as curl prints. */
const curlI = (statusLine: string, body: string, crlf = true) =>
  [
    statusLine,
    'date: Fri, 04 Dec 2026 13:00:00 GMT',
    'content-type: application/json',
    '',
    body,
  ].join(crlf ? '\r\n' : '\n');

describe('parseCreateApiKeyAnswer: successes in every form', () => {
  it.each<[string, KalshiAnswerInput]>([
    ['a relay answer (201)', { status: 201, body: CREATED }],
    ['a relay answer (200)', { status: 200, body: CREATED }],
    ['raw JSON', CREATED],
    ['raw JSON with spaces and newlines', `\n  {\n  "api_key_id" : "${KEY_ID}"\n}\n\n`],
    ['curl -i over HTTP/1.1 with CRLF', curlI('HTTP/1.1 201 Created', CREATED)],
    ['curl -i over HTTP/2', curlI('HTTP/2 201', CREATED)],
    ['curl -i with LF only', curlI('HTTP/2 201', CREATED, false)],
    [
      'curl -i after 100 Continue',
      `HTTP/1.1 100 Continue\r\n\r\n${curlI('HTTP/1.1 201 Created', CREATED)}`,
    ],
    [
      'curl -i through a proxy (Connection established first)',
      `HTTP/1.1 200 Connection established\r\n\r\n${curlI('HTTP/2 201', CREATED)}`,
    ],
    ['curl -v lines', `< HTTP/2 201\n< content-type: application/json\n<\n\n${CREATED}`],
    ["the page's Response box", `HTTP 201 Created\ncontent-type: application/json\n\n${CREATED}`],
    ['JSON with a prompt around it', `$ curl --globoff -X POST …\n${CREATED}\nuser@host:~$ `],
    ['JSON with a note in brackets first', `[1/2] sent: ${CREATED} (done)`],
    ['the warning field null', `{"api_key_id":"${KEY_ID}","warning":null}`],
  ])('%s', (_label, answer) => {
    expect(parseCreateApiKeyAnswer(answer)).toEqual({ apiKeyId: KEY_ID });
  });

  it("returns Kalshi's warning", () => {
    expect(
      parseCreateApiKeyAnswer({
        status: 201,
        body: `{"api_key_id":"${KEY_ID}","warning":"key will expire"}`,
      }),
    ).toEqual({ apiKeyId: KEY_ID, warning: 'key will expire' });
  });
});

// The three error shapes of auth.md section 4, for each status the endpoints document.
const nested = (code: string, message: string, details?: string) =>
  JSON.stringify({ error: { code, message, ...(details ? { details } : {}) } });
const flat = (code: string, message: string, details?: string) =>
  JSON.stringify({ code, message, ...(details ? { details } : {}) });
const bare = (message: string) => JSON.stringify({ msg: message });
const SHAPES: [string, (code: string, message: string, details?: string) => string][] = [
  ['nested', nested],
  ['flat', flat],
  ['bare', (_code, message) => bare(message)],
];

type Parser = (answer: KalshiAnswerInput) => unknown;
const PARSERS: [string, Parser][] = [
  ['create', parseCreateApiKeyAnswer],
  ['generate', parseGenerateApiKeyAnswer],
  ['list', parseListApiKeysAnswer],
  ['delete', parseDeleteApiKeyAnswer],
  ['balance', parseBalanceAnswer],
];

// [status, Kalshi code, Kalshi message, details, our code (create), what the message must say]
const ERRORS: [number, string, string, string | undefined, string, RegExp][] = [
  [
    400,
    'bad_request',
    'invalid scope: admin',
    'INVALID_PARAMETERS',
    'bad-request',
    /invalid scope: admin/,
  ],
  [
    401,
    'authentication_error',
    'authentication_error',
    'INCORRECT_API_KEY_SIGNATURE',
    'unauthorized',
    /HTTP 401/,
  ],
  [
    403,
    'forbidden',
    'insufficient API usage level',
    undefined,
    'byo-not-allowed',
    /Premier or Market Maker.*insufficient API usage level.*web|website/s,
  ],
  [404, 'not_found', 'not found', 'NOT_FOUND', 'not-found', /HTTP 404/],
  [
    409,
    'conflict',
    'bound FCM subtrader is not yet visible in the credential registry; retry',
    undefined,
    'conflict',
    /not yet visible.*try again/s,
  ],
  [500, 'internal_server_error', 'internal error', undefined, 'server-error', /try again/i],
  [503, 'service_unavailable', 'maintenance', undefined, 'server-error', /maintenance/],
  [429, 'too_many_requests', 'rate limit exceeded', undefined, 'kalshi-error', /wait a minute/],
];

describe("Kalshi's error answers, in the three shapes, for each status", () => {
  const cases = ERRORS.flatMap(([status, code, message, details, ours, says]) =>
    SHAPES.map(
      ([shape, body]) =>
        [status, shape, body(code, message, details), ours, says, message] as const,
    ),
  );

  it.each(cases)('%i, %s shape, through a relay', (status, _shape, body, ours, says, message) => {
    const error = thrown(() => parseCreateApiKeyAnswer({ status, body })) as KalshiAnswerError;
    expect(error).toBeInstanceOf(KalshiAnswerError);
    expect(error.name).toBe('KalshiAnswerError');
    expect(error.code).toBe(ours);
    expect(error.status).toBe(status);
    // Kalshi's own words, whichever shape carried them.
    expect(error.message).toContain(message);
    expect(error.message).toMatch(says);
  });

  it.each(cases)('%i, %s shape, pasted as curl -i output', (status, _shape, body, ours) => {
    const error = thrown(() =>
      parseCreateApiKeyAnswer(curlI(`HTTP/2 ${status}`, body)),
    ) as KalshiAnswerError;
    expect(error).toMatchObject({ code: ours, status });
  });

  it("keeps Kalshi's code for programs", () => {
    const error = thrown(() =>
      parseListApiKeysAnswer({
        status: 401,
        body: nested('authentication_error', 'authentication_error', 'NOT_FOUND'),
      }),
    ) as KalshiAnswerError;
    expect(error.kalshiCode).toBe('authentication_error');
  });

  it.each([
    ['INCORRECT_API_KEY_SIGNATURE', /could not verify the signature/],
    ['NOT_FOUND', /does not know this key ID/],
  ])('401 %s carries the relay advice', (details, advice) => {
    for (const [, shape] of SHAPES.slice(0, 2)) {
      const error = thrown(() =>
        parseBalanceAnswer({
          status: 401,
          body: shape('authentication_error', 'authentication_error', details),
        }),
      );
      expect(error).toMatchObject({ code: 'unauthorized' });
      expect(error.message).toMatch(advice);
      expect(error.message).toContain(details);
    }
  });

  it.each([
    [
      'nested',
      nested('authentication_error', 'authentication_error', 'INCORRECT_API_KEY_SIGNATURE'),
      'unauthorized',
    ],
    ['flat', flat('header_timestamp_expired', 'header timestamp expired'), 'unauthorized'],
    ['nested', nested('bad_request', 'invalid subaccount'), 'bad-request'],
    ['nested', nested('not_found', 'api key not found'), 'not-found'],
    ['flat', flat('conflict', 'retry later'), 'conflict'],
    ['nested', nested('internal_server_error', 'oops'), 'server-error'],
    ['bare', bare('something broke'), 'kalshi-error'],
  ])('a %s error body pasted without its status line: %s', (_shape, body, code) => {
    expect(thrown(() => parseDeleteApiKeyAnswer(body))).toMatchObject({ code });
  });

  it.each(PARSERS)('%s: every parser reads the three shapes', (_name, parse) => {
    for (const [, shape] of SHAPES) {
      const error = thrown(() => parse({ status: 500, body: shape('internal', 'Kalshi is down') }));
      expect(error).toMatchObject({ code: 'server-error', status: 500 });
      expect(error.message).toContain('Kalshi is down');
    }
  });

  it.each([
    [
      'a scope refusal',
      nested('forbidden', 'api key lacks scope write'),
      'forbidden',
      /lacks scope write.*scopes allow/s,
    ],
    [
      'an expired location attestation',
      nested(
        'Your_location_attestation_for_API_trading_is_missing_or_expired',
        'location attestation expired',
      ),
      'forbidden',
      /attestation/,
    ],
    [
      'a JSON refusal of the Origin header',
      nested('forbidden', 'Requests with an Origin header are refused.'),
      'forbidden',
      /make the relay drop it/,
    ],
    [
      'CloudFront refusing a browser Origin',
      '<html><body>403 Forbidden</body></html>',
      'forbidden',
      /Origin/,
    ],
    ['an empty 403', '', 'byo-not-allowed', /Premier or Market Maker/],
  ])('403 to POST /api_keys: %s', (_label, body, code, says) => {
    const error = thrown(() => parseCreateApiKeyAnswer({ status: 403, body }));
    expect(error).toMatchObject({ code, status: 403 });
    expect(error.message).toMatch(says);
  });

  it('403 to generate is never about BYO', () => {
    expect(
      thrown(() =>
        parseGenerateApiKeyAnswer({
          status: 403,
          body: nested('forbidden', 'insufficient API usage level'),
        }),
      ),
    ).toMatchObject({ code: 'forbidden' });
  });

  it('404 to delete says the key may be gone already', () => {
    const error = thrown(() =>
      parseDeleteApiKeyAnswer({
        status: 404,
        body: nested('not_found', 'API key not found.', 'NOT_FOUND'),
      }),
    );
    expect(error).toMatchObject({ code: 'not-found' });
    expect(error.message).toMatch(/Deleted already.*Check with Kalshi/s);
  });
});

describe('garbage answers', () => {
  it.each<[string, KalshiAnswerInput, string]>([
    ['an empty paste', '', 'empty-answer'],
    ['a blank paste', ' \r\n\t ', 'empty-answer'],
    ['an HTML page', '<!doctype html><html><body>Hello</body></html>', 'not-an-answer'],
    ['plain words', 'curl: (6) Could not resolve host: external-api.kalshi.com', 'not-an-answer'],
    ['truncated JSON', `{"api_key_id":"${KEY_ID}"`, 'not-an-answer'],
    ['a JSON array', `[${CREATED}]`, 'unexpected-answer'],
    ['a JSON string', '"hello"', 'unexpected-answer'],
    ['a list answer', '{"api_keys":[]}', 'unexpected-answer'],
    ['a balance answer', '{"balance":100}', 'unexpected-answer'],
    ['an empty api_key_id', '{"api_key_id":""}', 'unexpected-answer'],
    ['a numeric api_key_id', '{"api_key_id":12}', 'unexpected-answer'],
    ['a relay 201 with HTML', { status: 201, body: '<html></html>' }, 'unexpected-answer'],
    ['a relay 201 with nothing', { status: 201, body: '' }, 'unexpected-answer'],
    [
      'a relay 200 with truncated JSON',
      { status: 200, body: '{"api_key_id":' },
      'unexpected-answer',
    ],
    ['a relay 502 HTML page', { status: 502, body: '<html>Bad gateway</html>' }, 'server-error'],
    [
      'curl -i headers only, cut off',
      'HTTP/2 201\r\ncontent-type: application/json\r\n',
      'unexpected-answer',
    ],
  ])('create: %s', (_label, answer, code) => {
    const error = thrown(() => parseCreateApiKeyAnswer(answer));
    expect(error).toBeInstanceOf(KalshiAnswerError);
    expect(error).toMatchObject({ code });
    expect(error.message.length).toBeGreaterThan(30);
  });

  it('truncated JSON asks for the whole output', () => {
    expect(thrown(() => parseCreateApiKeyAnswer('{"api_key_id":"x", "warn')).message).toMatch(
      /cut off/,
    );
  });

  it('a generate answer given to the create step says which step it answers', () => {
    const error = thrown(() =>
      parseCreateApiKeyAnswer(
        `{"api_key_id":"${KEY_ID}","private_key":"-----BEGIN RSA PRIVATE KEY-----\\nAA\\n-----END RSA PRIVATE KEY-----\\n"}`,
      ),
    );
    expect(error).toMatchObject({ code: 'unexpected-answer' });
    expect(error.message).toMatch(/Let Kalshi make the key/);
    // The private key never ends up in a message.
    expect(error.message).not.toMatch(/BEGIN/);
  });

  it.each<[string, Parser, KalshiAnswerInput]>([
    ['list given a create answer', parseListApiKeysAnswer, CREATED],
    ['list with an entry without ID', parseListApiKeysAnswer, '{"api_keys":[{"name":"x"}]}'],
    ['list with a non-object entry', parseListApiKeysAnswer, '{"api_keys":["x"]}'],
    ['list with api_keys not an array', parseListApiKeysAnswer, '{"api_keys":{}}'],
    ['generate given a create answer', parseGenerateApiKeyAnswer, CREATED],
    [
      'generate with a public key',
      parseGenerateApiKeyAnswer,
      `{"api_key_id":"x","private_key":"${PEM.replace(/\n/g, '\\n')}"}`,
    ],
    ['balance given a list answer', parseBalanceAnswer, '{"api_keys":[]}'],
    ['balance as text', parseBalanceAnswer, '{"balance":"100"}'],
    ['delete given a create answer', parseDeleteApiKeyAnswer, CREATED],
  ])('%s: unexpected-answer', (_label, parse, answer) => {
    expect(thrown(() => parse(answer))).toMatchObject({ code: 'unexpected-answer' });
  });

  it.each<[string, Parser]>([
    ['list', parseListApiKeysAnswer],
    ['generate', parseGenerateApiKeyAnswer],
    ['balance', parseBalanceAnswer],
    ['delete', parseDeleteApiKeyAnswer],
  ])('%s: HTML, empty and truncated pastes', (_label, parse) => {
    expect(thrown(() => parse('<html><body>Sign in</body></html>'))).toMatchObject({
      code: 'not-an-answer',
    });
    expect(thrown(() => parse(''))).toMatchObject({ code: 'empty-answer' });
    expect(thrown(() => parse('{"api_keys":[{"api_key_id":'))).toMatchObject({
      code: 'not-an-answer',
    });
  });
});

describe('parseListApiKeysAnswer', () => {
  const LIST = JSON.stringify({
    api_keys: [
      { api_key_id: 'k1', name: 'Bot', scopes: ['read', 'write'] },
      { api_key_id: 'k2', name: 'Dashboard', scopes: ['read'], subaccount: 3 },
      {
        api_key_id: 'k3',
        name: 'Sub zero',
        scopes: ['read'],
        subaccount: 0,
        fcm_subtrader_id: null,
      },
      { api_key_id: 'k4', name: 'Null sub', scopes: ['read::portfolio_balance'], subaccount: null },
    ],
    api_key_region_expiration_ts: 1798761600,
  });
  const KEYS = [
    { apiKeyId: 'k1', name: 'Bot', scopes: ['read', 'write'], subaccount: null },
    { apiKeyId: 'k2', name: 'Dashboard', scopes: ['read'], subaccount: 3 },
    { apiKeyId: 'k3', name: 'Sub zero', scopes: ['read'], subaccount: 0 },
    { apiKeyId: 'k4', name: 'Null sub', scopes: ['read::portfolio_balance'], subaccount: null },
  ];

  it.each<[string, KalshiAnswerInput]>([
    ['relay', { status: 200, body: LIST }],
    ['raw', LIST],
    ['curl -i HTTP/1.1', curlI('HTTP/1.1 200 OK', LIST)],
    ['curl -i HTTP/2', curlI('HTTP/2 200', LIST)],
    ['text around', `output:\n${LIST}\n(end)`],
  ])('%s', (_label, answer) => {
    expect(parseListApiKeysAnswer(answer)).toEqual({ keys: KEYS, regionExpirationTs: 1798761600 });
  });

  it('an empty list, and a null expiration', () => {
    expect(parseListApiKeysAnswer('{"api_keys":[],"api_key_region_expiration_ts":null}')).toEqual({
      keys: [],
    });
  });
});

describe('parseDeleteApiKeyAnswer', () => {
  it.each<[string, KalshiAnswerInput]>([
    ['relay 204 with no body', { status: 204, body: '' }],
    ['relay 200 with a body', { status: 200, body: '{}' }],
    ['curl -i HTTP/2 204', 'HTTP/2 204\r\ndate: Fri, 04 Dec 2026 13:00:00 GMT\r\n\r\n'],
    [
      'curl -i HTTP/1.1 204 with a prompt after',
      'HTTP/1.1 204 No Content\r\nx: y\r\n\r\nuser@host:~$ ',
    ],
    ['curl -i headers only', 'HTTP/2 204\nserver: x'],
    ['an empty object pasted', '{}'],
  ])('%s: deleted', (_label, answer) => {
    expect(parseDeleteApiKeyAnswer(answer)).toBeUndefined();
  });

  it('nothing pasted asks for curl -i, since curl prints nothing for a 204', () => {
    const error = thrown(() => parseDeleteApiKeyAnswer(''));
    expect(error).toMatchObject({ code: 'empty-answer' });
    expect(error.message).toMatch(/-i/);
  });
});

describe('parseBalanceAnswer', () => {
  it.each<[KalshiAnswerInput, number]>([
    [{ status: 200, body: '{"balance":123456,"portfolio_value":0,"updated_ts":1}' }, 123456],
    [curlI('HTTP/2 200', '{"balance":0}'), 0],
  ])('%j', (answer, cents) => {
    expect(parseBalanceAnswer(answer)).toEqual({ balanceCents: cents });
  });
});

describe('parseGenerateApiKeyAnswer: the private key Kalshi made', () => {
  const pair = nodeRsaKey();
  const pkcs1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const answer = (pem: string) => JSON.stringify({ api_key_id: KEY_ID, private_key: pem });
  const spki = (pem: string) =>
    createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' });
  const expected = pair.publicKey.export({ type: 'spki', format: 'der' });

  it.each<[string, KalshiAnswerInput]>([
    ['PKCS#1 through a relay', { status: 201, body: answer(pkcs1) }],
    ['PKCS#1 pasted as curl -i', curlI('HTTP/2 201', answer(pkcs1))],
    ['PKCS#1 with text around it', `$ curl …\n${answer(pkcs1)}\n$`],
    ['PKCS#8', answer(pkcs8)],
    ['CRLF line ends inside the PEM', answer(pkcs1.replace(/\n/g, '\r\n'))],
  ])('%s: the PEM is the key (node:crypto derives the same public key)', (_label, input) => {
    const parsed = parseGenerateApiKeyAnswer(input);
    expect(parsed.apiKeyId).toBe(KEY_ID);
    expect(parsed.privateKeyPem).toMatch(/^-----BEGIN (RSA )?PRIVATE KEY-----\r?\n/);
    expect(spki(parsed.privateKeyPem).equals(expected)).toBe(true);
  });

  it('returns the warning', () => {
    expect(
      parseGenerateApiKeyAnswer(
        JSON.stringify({ api_key_id: KEY_ID, private_key: pkcs1, warning: 'w' }),
      ).warning,
    ).toBe('w');
  });

  it.each<[string, string, boolean]>([
    ['a generate answer', answer(pkcs1), true],
    ['one pasted as curl -i', curlI('HTTP/1.1 201 Created', answer(pkcs1)), true],
    ['a create answer', CREATED, false],
    ['a bare private key', pkcs1, false],
    ['garbage', 'hello', false],
    ['nothing', '', false],
    ['an error', nested('bad_request', 'x'), false],
  ])('looksLikeGenerateAnswer: %s → %s', (_label, text, yes) => {
    expect(looksLikeGenerateAnswer(text)).toBe(yes);
  });
});

describe('answerSaysKeyUnknown', () => {
  const notFound = '{"error":{"code":"NOT_FOUND","message":"api key not found"}}';
  it.each<[Parameters<typeof answerSaysKeyUnknown>[0], boolean]>([
    [{ status: 401, body: notFound }, true],
    [`HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\n\r\n${notFound}`, true],
    [{ status: 401, body: '{"error":{"code":"INCORRECT_API_KEY_SIGNATURE"}}' }, false],
    [{ status: 404, body: notFound }, false],
    [notFound, false],
  ])('%j -> %s', (answer, unknown) => {
    expect(answerSaysKeyUnknown(answer)).toBe(unknown);
  });
});
