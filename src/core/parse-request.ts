// Pulls the fields the signature doctor needs out of whatever a bot developer pastes: a curl
// command (bash, Windows cmd or PowerShell line continuations), a raw HTTP/1.1 request, a DevTools
// HTTP/2 header dump, or, failing those, any text that mentions the KALSHI-ACCESS-* headers
// (a log line, a Python dict). Pure string code: nothing is fetched or read from disk.

/** The fields found in a pasted request. A field is absent when the text does not contain it. */
export interface ParsedRequest {
  method?: string;
  /** Full URL or path, with its query, exactly as the request used it. */
  url?: string;
  /** KALSHI-ACCESS-TIMESTAMP */
  timestamp?: string;
  /** KALSHI-ACCESS-SIGNATURE */
  signature?: string;
  /** KALSHI-ACCESS-KEY */
  keyId?: string;
  body?: string;
}

/**
 * Reads method, URL, KALSHI-ACCESS-* headers and body from a pasted curl command or raw HTTP
 * request. Never throws on odd text: what cannot be found is left out, so the caller can say
 * which fields still need typing.
 * @throws TypeError when `text` is not a string (programmer misuse).
 */
export function parseRequestText(text: string): ParsedRequest {
  if (typeof text !== 'string') throw new TypeError('parseRequestText expects a string');
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  if (normalized === '') return {};
  const parsed = /^(?:\$\s*|>\s*)?curl(?:\.exe)?\s/i.test(normalized)
    ? parseCurl(normalized)
    : parseHttp(normalized);
  return fillFromLooseText(parsed, normalized);
}

// curl options that take a value we ignore: without this list, `-o out.json` would make
// "out.json" look like the URL.
const SHORT_WITH_VALUE = new Set('XHdoubAcemwxErTFKUD'.split(''));
const LONG_WITH_VALUE = new Set(
  (
    'output user user-agent cookie cookie-jar referer max-time connect-timeout write-out proxy ' +
    'proxy-user cert key cacert capath range upload-file form form-string retry retry-delay ' +
    'retry-max-time resolve connect-to limit-rate config interface dns-servers max-redirs ' +
    'unix-socket trace trace-ascii stderr dump-header oauth2-bearer aws-sigv4 variable cert-type ' +
    'key-type pass ciphers local-port max-filesize noproxy output-dir proto proto-redir ' +
    'request-target expect100-timeout keepalive-time'
  ).split(' '),
);
const DATA_OPTIONS = new Set([
  'data',
  'data-raw',
  'data-binary',
  'data-ascii',
  'data-urlencode',
  'json',
]);

function parseCurl(text: string): ParsedRequest {
  const tokens = shellWords(text);
  const headers: [string, string][] = [];
  const data: string[] = [];
  const positional: string[] = [];
  let method: string | undefined;
  let url: string | undefined;
  let get = false;
  let head = false;
  let json = false;

  const take = (name: string, value: string | undefined): void => {
    if (value === undefined) return;
    if (name === 'X' || name === 'request') method = value;
    else if (name === 'H' || name === 'header') headers.push(splitHeader(value));
    else if (name === 'd' || DATA_OPTIONS.has(name)) {
      data.push(value);
      if (name === 'json') json = true;
    } else if (name === 'url') url ??= value;
  };

  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.startsWith('--') && token.length > 2) {
      const name = token.slice(2);
      if (name === 'get') get = true;
      else if (name === 'head') head = true;
      else if (['request', 'header', 'url'].includes(name) || DATA_OPTIONS.has(name))
        take(name, tokens[++i]);
      else if (LONG_WITH_VALUE.has(name)) i++;
    } else if (token.startsWith('-') && token.length > 1) {
      for (let j = 1; j < token.length; j++) {
        const letter = token[j];
        if (letter === 'G') get = true;
        else if (letter === 'I') head = true;
        else if (SHORT_WITH_VALUE.has(letter)) {
          const value = j + 1 < token.length ? token.slice(j + 1) : tokens[++i];
          take(letter, value);
          break;
        }
      }
    } else {
      positional.push(token);
    }
  }

  url ??=
    positional.find((p) => /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.startsWith('/')) ??
    positional[0];
  let body: string | undefined = data.length ? data.join('&') : undefined;
  if (get && body !== undefined && url !== undefined) {
    // -G moves the data into the query string (curl man page), so it is not a body any more.
    url += (url.includes('?') ? '&' : '?') + body;
    body = undefined;
  }
  method ??= head ? 'HEAD' : body !== undefined || json ? 'POST' : 'GET';
  return { method, url, body, ...kalshiHeaders(headers) };
}

/**
 * Splits a command line into words the way a POSIX shell would for the quoting a copied curl
 * command uses: '...', "..." with backslash escapes, $'...' ANSI-C strings, backslash-newline.
 * Windows cmd (^) and PowerShell (`) line continuations are removed first.
 */
export function shellWords(text: string): string[] {
  let src = text.replace(/`\n/g, ' ');
  if (/\^\n|\^"/.test(src)) src = src.replace(/\^\n/g, ' ').replace(/\^(.)/g, '$1');
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      if (src[i + 1] === '\n') i++;
      else if (i + 1 < src.length) {
        word += src[++i];
        inWord = true;
      }
    } else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      const stop = end === -1 ? src.length : end;
      word += src.slice(i + 1, stop);
      i = stop;
      inWord = true;
    } else if (c === '$' && src[i + 1] === "'") {
      i += 2;
      for (; i < src.length && src[i] !== "'"; i++) {
        if (src[i] === '\\' && i + 1 < src.length) word += ansiEscape(src[++i]);
        else word += src[i];
      }
      inWord = true;
    } else if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) {
        if (src[i] === '\\' && '"\\$`\n'.includes(src[i + 1] ?? '')) {
          i++;
          if (src[i] !== '\n') word += src[i];
        } else word += src[i];
      }
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  // Anything piped or chained after the curl command is not part of the request.
  const end = words.findIndex((w) => ['|', ';', '&&', '||', '>', '2>&1'].includes(w));
  return end === -1 ? words : words.slice(0, end);
}

function ansiEscape(c: string): string {
  return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[c] ?? c;
}

function splitHeader(line: string): [string, string] {
  const colon = line.indexOf(':', line.startsWith(':') ? 1 : 0);
  if (colon === -1) return [line.trim(), ''];
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}

function kalshiHeaders(
  headers: [string, string][],
): Pick<ParsedRequest, 'timestamp' | 'signature' | 'keyId'> {
  const out: Pick<ParsedRequest, 'timestamp' | 'signature' | 'keyId'> = {};
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'kalshi-access-timestamp') out.timestamp = value;
    else if (lower === 'kalshi-access-signature') out.signature = value;
    else if (lower === 'kalshi-access-key') out.keyId = value;
  }
  return out;
}

const REQUEST_LINE =
  /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+(\/\S*|[a-z]+:\/\/\S+)(?:\s+HTTP\/\d(?:\.\d)?)?$/i;

function parseHttp(text: string): ParsedRequest {
  const lines = text.split('\n');
  const first = REQUEST_LINE.exec(lines[0].trim());
  const blank = lines.findIndex((l) => l.trim() === '');
  const headerLines = lines.slice(first ? 1 : 0, blank === -1 ? lines.length : blank);
  const headers = headerLines.filter((l) => l.includes(':')).map(splitHeader);
  const pseudo = new Map(
    headers.filter(([n]) => n.startsWith(':')).map(([n, v]) => [n.toLowerCase(), v]),
  );
  const host = headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? pseudo.get(':authority');
  const websocket = headers.some(([n, v]) => n.toLowerCase() === 'upgrade' && /websocket/i.test(v));
  const method = first?.[1] ?? pseudo.get(':method');
  let target = first?.[2] ?? pseudo.get(':path');
  if (target?.startsWith('/') && host) {
    const scheme = pseudo.get(':scheme') ?? (websocket ? 'wss' : 'https');
    target = `${scheme}://${host}${target}`;
  }
  const out: ParsedRequest = { ...kalshiHeaders(headers) };
  if (method) out.method = method;
  if (target) out.url = target;
  if ((first || pseudo.size) && blank !== -1) {
    // A pasted body usually picks up a trailing newline that was never sent.
    const body = lines
      .slice(blank + 1)
      .join('\n')
      .replace(/\n+$/, '');
    if (body !== '') out.body = body;
  }
  return out;
}

// Last resort for logs and code: `KALSHI-ACCESS-SIGNATURE: abc`, `"KALSHI-ACCESS-KEY": "..."`.
const LOOSE_HEADER =
  /KALSHI-ACCESS-(KEY|TIMESTAMP|SIGNATURE)["']?\s*[:=,]\s*["']?([A-Za-z0-9+/=_-]+)/gi;
const LOOSE_URL = /\b(?:https?|wss?):\/\/[^\s"'<>]+/i;

function fillFromLooseText(parsed: ParsedRequest, text: string): ParsedRequest {
  const out = { ...parsed };
  for (const [, name, value] of text.matchAll(LOOSE_HEADER)) {
    const field = ({ KEY: 'keyId', TIMESTAMP: 'timestamp', SIGNATURE: 'signature' } as const)[
      name.toUpperCase() as 'KEY' | 'TIMESTAMP' | 'SIGNATURE'
    ];
    out[field] ??= value;
  }
  if (out.url === undefined) {
    const url = LOOSE_URL.exec(text)?.[0];
    if (url) out.url = url;
  }
  for (const key of Object.keys(out) as (keyof ParsedRequest)[])
    if (out[key] === undefined) delete out[key];
  return out;
}
