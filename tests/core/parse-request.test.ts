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

// Chrome DevTools' Network panel, "Copy as fetch", "Copy as fetch (Node.js)" and "Copy as
// PowerShell", in the shape Chrome writes them (HTTP/2, so lower-case header names).
describe('parseRequestText: DevTools "Copy as fetch" and "Copy as PowerShell"', () => {
  const body = '{"ticker":"KXBTC-25","side":"yes","count":1}';
  const headers = [
    `"accept": "application/json"`,
    `"kalshi-access-key": "${KEY}"`,
    `"kalshi-access-signature": "${SIG}"`,
    `"kalshi-access-timestamp": "1703123456789"`,
  ];
  const fields = { url: URL, keyId: KEY, signature: SIG, timestamp: '1703123456789' };

  it('Copy as fetch: a POST with a JSON body', () => {
    const text = `fetch("${URL}", {\n  "headers": {\n    ${headers.join(',\n    ')}\n  },\n  "referrer": "https://example.test/",\n  "body": ${JSON.stringify(body)},\n  "method": "POST",\n  "mode": "cors",\n  "credentials": "omit"\n});`;
    expect(parseRequestText(text)).toEqual({ ...fields, method: 'POST', body });
  });

  it('Copy as fetch (Node.js): a DELETE without a body', () => {
    const text = `fetch("${URL}", {\n  "headers": {\n    ${headers.join(',\n    ')}\n  },\n  "body": null,\n  "method": "DELETE"\n});`;
    expect(parseRequestText(text)).toEqual({ ...fields, method: 'DELETE' });
  });

  it('Copy as PowerShell: -Method, -Headers @{...} and a backtick-escaped -Body', () => {
    const ps = (s: string) => `"${s.replace(/[`$"]/g, '`$&')}"`;
    const text = [
      '$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession',
      '$session.UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"',
      `Invoke-WebRequest -UseBasicParsing -Uri ${ps(URL)} \``,
      '-Method "POST" `',
      '-WebSession $session `',
      '-Headers @{',
      '"authority"="external-api.kalshi.com"',
      ...headers.map((h) => `  ${h.replace('": "', '"="')}`),
      '} `',
      '-ContentType "application/json" `',
      `-Body ${ps(body)}`,
    ].join('\r\n');
    expect(parseRequestText(text)).toEqual({ ...fields, method: 'POST', body });
  });
});

describe('parseRequestText: header values as terminals and logs show them', () => {
  it('joins a signature a terminal wrapped onto the next line of an HTTP dump', () => {
    const long = 'Ab+/cd'.repeat(57) + 'xy==';
    const text = `GET /trade-api/v2/portfolio/balance HTTP/1.1\nHost: api.elections.kalshi.com\nKALSHI-ACCESS-SIGNATURE:   ${long.slice(0, 180)}\n${long.slice(180)}\nKALSHI-ACCESS-TIMESTAMP :  1703123456789  `;
    expect(parseRequestText(text)).toEqual({
      method: 'GET',
      url: 'https://api.elections.kalshi.com/trade-api/v2/portfolio/balance',
      signature: long,
      timestamp: '1703123456789',
    });
  });
});
