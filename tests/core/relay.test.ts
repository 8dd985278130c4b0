import { describe, expect, it } from 'vitest';
import {
  checkRelayConfirmed,
  explainRelayFailure,
  formatRelayResponse,
  isRelayRedirect,
  parseRelayBase,
  relayUrl,
  remoteRelayHost,
} from '../../src/core';
import { RequestFormatError } from '../../src/core/errors';

const KALSHI = 'https://external-api.kalshi.com';

describe('relayUrl: relay base followed by the Kalshi path and query', () => {
  it.each([
    [
      'https://relay.example',
      `${KALSHI}/trade-api/v2/markets?status=open`,
      'https://relay.example/external-api.kalshi.com/trade-api/v2/markets?status=open',
    ],
    [
      'https://relay.example/',
      `${KALSHI}/trade-api/v2/markets?status=open`,
      'https://relay.example/external-api.kalshi.com/trade-api/v2/markets?status=open',
    ],
    [
      'https://relay.example///',
      `${KALSHI}/trade-api/v2/portfolio/balance`,
      'https://relay.example/external-api.kalshi.com/trade-api/v2/portfolio/balance',
    ],
    [
      'https://relay.example/kalshi',
      `${KALSHI}/trade-api/v2/api_keys`,
      'https://relay.example/kalshi/external-api.kalshi.com/trade-api/v2/api_keys',
    ],
    [
      'https://relay.example/kalshi/',
      `${KALSHI}/trade-api/v2/api_keys`,
      'https://relay.example/kalshi/external-api.kalshi.com/trade-api/v2/api_keys',
    ],
    [
      '  https://relay.example:8443/a/b/  ',
      'https://demo-api.kalshi.co/trade-api/v2/portfolio/orders?status=resting&limit=5',
      'https://relay.example:8443/a/b/demo-api.kalshi.co/trade-api/v2/portfolio/orders?status=resting&limit=5',
    ],
    [
      'http://127.0.0.1:8787',
      `${KALSHI}/trade-api/v2/portfolio/balance`,
      'http://127.0.0.1:8787/external-api.kalshi.com/trade-api/v2/portfolio/balance',
    ],
    [
      'http://127.0.0.1:8787',
      'https://external-api.demo.kalshi.co/trade-api/v2/portfolio/balance',
      'http://127.0.0.1:8787/external-api.demo.kalshi.co/trade-api/v2/portfolio/balance',
    ],
    [
      'http://localhost:8787/',
      `${KALSHI}/trade-api/v2/api_keys/abc`,
      'http://localhost:8787/external-api.kalshi.com/trade-api/v2/api_keys/abc',
    ],
    [
      'HTTPS://Relay.Example',
      `${KALSHI}/trade-api/v2/portfolio/balance`,
      'https://relay.example/external-api.kalshi.com/trade-api/v2/portfolio/balance',
    ],
    [
      'https://relay.example',
      'http://127.0.0.1:9999/trade-api/v2/portfolio/balance',
      'https://relay.example/127.0.0.1:9999/trade-api/v2/portfolio/balance',
    ],
  ])('%s + %s', (base, kalshiUrl, expected) => {
    expect(relayUrl(base, kalshiUrl)).toBe(expected);
  });

  it('keeps percent-encoding of the path as it will be signed', () => {
    expect(relayUrl('https://r.example', `${KALSHI}/trade-api/v2/markets/A%20B?x=%2F`)).toBe(
      'https://r.example/external-api.kalshi.com/trade-api/v2/markets/A%20B?x=%2F',
    );
  });

  it('refuses a relative Kalshi URL as a programmer error', () => {
    expect(() => relayUrl('https://r.example', '/trade-api/v2/portfolio/balance')).toThrow(
      TypeError,
    );
  });
});

describe('parseRelayBase refuses what cannot work, and says why', () => {
  it.each([
    ['', 'empty-relay-url', /set "Relay URL" in "Relay and offline" first/],
    ['   ', 'empty-relay-url', /set "Relay URL" in "Relay and offline" first/],
    ['relay.example', 'invalid-relay-url', /not a URL.*https:\/\//],
    ['ftp://relay.example', 'invalid-relay-url', /https:\/\/, not ftp:/],
    ['wss://relay.example', 'invalid-relay-url', /not wss:/],
    [
      'http://relay.example',
      'insecure-relay-url',
      /unencrypted.*only to a relay on this computer.*https:\/\/relay\.example/,
    ],
    ['http://192.168.1.5:8080/k', 'insecure-relay-url', /https:\/\/192\.168\.1\.5:8080\/k/],
    ['http://localhost.evil.example', 'insecure-relay-url', /this computer/],
    ['https://relay.example/?key=1', 'invalid-relay-url', /without \?query/],
    ['https://relay.example/#x', 'invalid-relay-url', /#fragment/],
    ['https://me:pw@relay.example', 'invalid-relay-url', /user name/],
    [
      'https://relay.example/trade-api/v2',
      'invalid-relay-url',
      /appear twice\. Use https:\/\/relay\.example\.$/,
    ],
    [
      'https://relay.example/k/trade-api/v2/',
      'invalid-relay-url',
      /Use https:\/\/relay\.example\/k\.$/,
    ],
  ])('%j → %s', (input, code, message) => {
    let caught: unknown;
    try {
      parseRelayBase(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RequestFormatError);
    expect((caught as RequestFormatError).code).toBe(code);
    expect((caught as RequestFormatError).message).toMatch(message);
  });

  it('normalises an accepted base without a trailing slash', () => {
    expect(parseRelayBase(' https://relay.example/kalshi/ ')).toBe('https://relay.example/kalshi');
    expect(parseRelayBase('http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
  });
});

describe('formatRelayResponse: status line, headers, then the body', () => {
  it('pretty-prints a JSON body after the headers', () => {
    const text = formatRelayResponse({
      status: 201,
      statusText: 'Created',
      headers: [
        ['content-type', 'application/json; charset=utf-8'],
        ['date', 'Tue, 01 Sep 2026 10:00:00 GMT'],
      ],
      body: '{"api_key_id":"9b1c","scopes":["read","write"]}',
    });
    expect(text).toBe(
      [
        'HTTP 201 Created',
        'content-type: application/json; charset=utf-8',
        'date: Tue, 01 Sep 2026 10:00:00 GMT',
        '',
        '{',
        '  "api_key_id": "9b1c",',
        '  "scopes": [',
        '    "read",',
        '    "write"',
        '  ]',
        '}',
      ].join('\n'),
    );
  });

  it('keeps the bare status when HTTP/2 gives no reason phrase, and a non-JSON body as it came', () => {
    const text = formatRelayResponse({
      status: 502,
      statusText: '',
      headers: [['content-type', 'text/plain']],
      body: 'upstream timed out {',
    });
    expect(text).toBe('HTTP 502\ncontent-type: text/plain\n\nupstream timed out {');
  });

  it('shows an empty body as nothing after the headers', () => {
    expect(formatRelayResponse({ status: 204, statusText: '', headers: [], body: '' })).toBe(
      'HTTP 204\n\n',
    );
  });
});

describe('explainRelayFailure', () => {
  it('names CORS, CSP and the network for the bare TypeError fetch rejects with, and points to curl', () => {
    const text = explainRelayFailure(
      new TypeError('Failed to fetch'),
      'https://relay.example',
      'https://keys.example',
    );
    expect(text).toMatch(/https:\/\/relay\.example/);
    expect(text).toMatch(/\(network\)/);
    expect(text).toMatch(/\(CORS\)/);
    expect(text).toMatch(/\(CSP\)/);
    expect(text).toMatch(/curl command/);
    expect(text).not.toMatch(/Failed to fetch/);
    // kalshi-relay.mjs refuses other pages with a 403 the page cannot read: the fix, ready to run.
    expect(text).toContain('node kalshi-relay.mjs --origin https://keys.example');
  });

  it('says a timed-out relay did not answer', () => {
    const abort = Object.assign(new Error('The operation was aborted.'), { name: 'TimeoutError' });
    expect(explainRelayFailure(abort, 'http://127.0.0.1:9', 'https://keys.example')).toMatch(
      /did not answer in time.*curl/,
    );
  });
});

describe('isRelayRedirect: a redirect is never followed, whichever way fetch reports it', () => {
  it.each([
    ['opaqueredirect', 0, true],
    ['cors', 301, true],
    ['basic', 302, true],
    ['cors', 307, true],
    ['cors', 308, true],
    ['cors', 200, false],
    ['cors', 204, false],
    ['cors', 400, false],
    ['cors', 502, false],
    ['opaque', 0, false],
  ])('type %s, status %i: %s', (type, status, expected) => {
    expect(isRelayRedirect({ type, status })).toBe(expected);
  });
});

describe('relays on another computer', () => {
  it.each([
    ['http://127.0.0.1:8787', null],
    ['http://localhost:8787/', null],
    ['https://[::1]:8787', null],
    ['https://relay.attacker.example', 'relay.attacker.example'],
    ['https://relay.example:8443/kalshi', 'relay.example:8443'],
  ])('%s is elsewhere: %s', (base, host) => {
    expect(remoteRelayHost(base)).toBe(host);
  });

  it('refuses one the user has not confirmed, and asks again when the host changes', () => {
    expect(() => checkRelayConfirmed('http://127.0.0.1:8787', undefined)).not.toThrow();
    expect(() => checkRelayConfirmed('https://relay.attacker.example', undefined)).toThrow(
      expect.objectContaining({
        code: 'unconfirmed-relay',
        message: expect.stringMatching(
          /Nothing was sent: relay\.attacker\.example is not this computer.*sees and can change every request/,
        ),
      }),
    );
    expect(() => checkRelayConfirmed('https://mine.example', 'mine.example')).not.toThrow();
    expect(() => checkRelayConfirmed('https://other.example', 'mine.example')).toThrow(
      expect.objectContaining({ code: 'unconfirmed-relay' }),
    );
  });
});
