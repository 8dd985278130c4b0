import { describe, expect, it } from 'vitest';
import { parseRequestText } from '../../src/core/parse-request';

const SIG = 'dGVzdA+/sig==';
const KEY = '0b0a5d6e-7c35-4f1f-9a51-2b8b5e3f1c2d';
const URL = 'https://external-api.kalshi.com/trade-api/v2/portfolio/orders?status=resting&limit=5';

describe('parseRequestText: curl commands', () => {
  it.each([
    [
      'bash, single quotes, line continuations',
      `curl -X GET '${URL}' \\\n  -H 'KALSHI-ACCESS-KEY: ${KEY}' \\\n  -H 'KALSHI-ACCESS-TIMESTAMP: 1703123456789' \\\n  -H 'KALSHI-ACCESS-SIGNATURE: ${SIG}'`,
    ],
    [
      'double quotes, long options, URL last',
      `curl --request GET --header "KALSHI-ACCESS-KEY: ${KEY}" --header "KALSHI-ACCESS-TIMESTAMP: 1703123456789" --header "KALSHI-ACCESS-SIGNATURE: ${SIG}" "${URL}"`,
    ],
    [
      'lower-case header names, -s flags, a prompt, an output file',
      `$ curl -sS -o out.json "${URL}" -H "kalshi-access-key: ${KEY}" -H "kalshi-access-timestamp: 1703123456789" -H "kalshi-access-signature: ${SIG}"`,
    ],
    [
      'Windows cmd carets',
      `curl ^"${URL}^" ^\n  -H ^"KALSHI-ACCESS-KEY: ${KEY}^" ^\n  -H ^"KALSHI-ACCESS-TIMESTAMP: 1703123456789^" ^\n  -H ^"KALSHI-ACCESS-SIGNATURE: ${SIG}^"`,
    ],
    [
      'PowerShell backticks, CRLF line ends',
      `curl.exe "${URL}" \`\r\n -H "KALSHI-ACCESS-KEY: ${KEY}" \`\r\n -H "KALSHI-ACCESS-TIMESTAMP: 1703123456789" \`\r\n -H "KALSHI-ACCESS-SIGNATURE: ${SIG}"`,
    ],
  ])('%s', (_name, text) => {
    expect(parseRequestText(text)).toEqual({
      method: 'GET',
      url: URL,
      keyId: KEY,
      timestamp: '1703123456789',
      signature: SIG,
    });
  });

  it('reads a POST body and infers POST from --data', () => {
    const body = '{"ticker":"KXBTC","side":"yes","count":1}';
    const parsed = parseRequestText(
      `curl https://demo-api.kalshi.co/trade-api/v2/portfolio/orders -H 'Content-Type: application/json' -H 'KALSHI-ACCESS-TIMESTAMP: 1703123456789' --data-raw '${body}' | jq .`,
    );
    expect(parsed).toMatchObject({
      method: 'POST',
      url: 'https://demo-api.kalshi.co/trade-api/v2/portfolio/orders',
      body,
    });
  });

  it('keeps an explicit -X over the inferred method, attached or separate', () => {
    expect(parseRequestText(`curl -XDELETE ${URL}`).method).toBe('DELETE');
    expect(parseRequestText(`curl -d '{}' -X PUT ${URL}`)).toMatchObject({
      method: 'PUT',
      body: '{}',
    });
  });

  it('skips the values of other options, and long switches that take none', () => {
    expect(
      parseRequestText(
        `curl --compressed --max-time 10 --cacert /etc/ca.pem -sSo out.json --insecure '${URL}' --location`,
      ),
    ).toEqual({ method: 'GET', url: URL });
  });

  it('a long switch before a URL typed without its scheme leaves the URL alone', () => {
    expect(
      parseRequestText(
        `curl --compressed external-api.kalshi.com/trade-api/v2/markets -H 'KALSHI-ACCESS-KEY: k'`,
      ),
    ).toEqual({ method: 'GET', url: 'external-api.kalshi.com/trade-api/v2/markets', keyId: 'k' });
  });

  it('moves -G data into the query string, as curl does', () => {
    expect(
      parseRequestText(`curl -G https://x.test/trade-api/v2/markets -d limit=5 -d status=open`),
    ).toMatchObject({
      method: 'GET',
      url: 'https://x.test/trade-api/v2/markets?limit=5&status=open',
    });
  });

  it("decodes $'...' strings and backslash escapes in double quotes", () => {
    const parsed = parseRequestText(
      `curl -X POST "${URL}" --data $'{"a":\\n1}' -H "KALSHI-ACCESS-SIGNATURE: \\"q\\""`,
    );
    expect(parsed.body).toBe('{"a":\n1}');
    expect(parsed.signature).toBe('"q"');
  });
});

describe('parseRequestText: raw HTTP requests', () => {
  it('reads the request line, the Host header and the body', () => {
    const text = [
      'POST /trade-api/v2/portfolio/orders HTTP/1.1',
      'Host: external-api.demo.kalshi.co',
      `KALSHI-ACCESS-KEY: ${KEY}`,
      'KALSHI-ACCESS-TIMESTAMP: 1703123456789',
      `KALSHI-ACCESS-SIGNATURE: ${SIG}`,
      'Content-Type: application/json',
      '',
      '{"count":1}',
      '',
    ].join('\r\n');
    expect(parseRequestText(text)).toEqual({
      method: 'POST',
      url: 'https://external-api.demo.kalshi.co/trade-api/v2/portfolio/orders',
      keyId: KEY,
      timestamp: '1703123456789',
      signature: SIG,
      body: '{"count":1}',
    });
  });

  it('keeps a bare path when there is no Host header, and uses wss for a WebSocket upgrade', () => {
    expect(
      parseRequestText('GET /trade-api/v2/portfolio/balance?x=1 HTTP/1.1\nAccept: */*').url,
    ).toBe('/trade-api/v2/portfolio/balance?x=1');
    expect(
      parseRequestText(
        'GET /trade-api/ws/v2 HTTP/1.1\nHost: external-api-ws.kalshi.com\nUpgrade: websocket',
      ).url,
    ).toBe('wss://external-api-ws.kalshi.com/trade-api/ws/v2');
  });

  it('reads a DevTools HTTP/2 header dump', () => {
    const text = `:method: GET\n:authority: api.elections.kalshi.com\n:scheme: https\n:path: /trade-api/v2/markets?limit=1\nkalshi-access-timestamp: 1703123456789`;
    expect(parseRequestText(text)).toEqual({
      method: 'GET',
      url: 'https://api.elections.kalshi.com/trade-api/v2/markets?limit=1',
      timestamp: '1703123456789',
    });
  });
});

describe('parseRequestText: loose text', () => {
  it('finds the headers and URL in a logged Python dict', () => {
    const text = `requesting ${URL}\nheaders={'KALSHI-ACCESS-KEY': '${KEY}', 'KALSHI-ACCESS-SIGNATURE': '${SIG}', 'KALSHI-ACCESS-TIMESTAMP': '1703123456789'}`;
    expect(parseRequestText(text)).toEqual({
      url: URL,
      keyId: KEY,
      signature: SIG,
      timestamp: '1703123456789',
    });
  });

  it.each(['', '   \n  ', 'hello world'])('returns no fields for %j', (text) => {
    expect(parseRequestText(text)).toEqual({});
  });

  it('rejects a non-string as programmer misuse', () => {
    expect(() => parseRequestText(undefined as unknown as string)).toThrow(TypeError);
  });
});
