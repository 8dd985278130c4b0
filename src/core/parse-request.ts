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

type Headers = Map<string, string>;

/** KALSHI-ACCESS-<name> header -> field. */
const FIELDS = { key: 'keyId', timestamp: 'timestamp', signature: 'signature' } as const;

// Last resort for logs and code: `KALSHI-ACCESS-SIGNATURE: abc`, `"KALSHI-ACCESS-KEY": "..."`.
const LOOSE_HEADER = /KALSHI-ACCESS-(KEY|TIMESTAMP|SIGNATURE)["']?\s*[:=,]\s*["']?([\w+/=-]+)/gi;
const URL_START = /^[a-z][\w+.-]*:\/\//i;

/**
 * Reads method, URL, KALSHI-ACCESS-* headers and body from a pasted curl command or raw HTTP
 * request. Never throws on odd text: what cannot be found is left out, so the caller can say
 * which fields still need typing.
 * @throws TypeError when `text` is not a string (programmer misuse).
 */
export function parseRequestText(text: string): ParsedRequest {
  text = text.replace(/\r\n?/g, '\n').trim();
  const headers: Headers = new Map();
  const out = (/^[$>]?\s*curl(\.exe)?\s/i.test(text) ? parseCurl : parseHttp)(text, headers);
  for (const [name, field] of Object.entries(FIELDS))
    out[field] = headers.get('kalshi-access-' + name);
  for (const [, name, value] of text.matchAll(LOOSE_HEADER))
    out[FIELDS[name.toLowerCase() as keyof typeof FIELDS]] ??= value;
  out.url ??= /\b(https?|wss?):\/\/[^\s"'<>]+/i.exec(text)?.[0];
  // DevTools "Copy as fetch" ("method": "POST", "body": a JSON string) and "Copy as PowerShell"
  // (-Method "POST", -Body with backtick escapes) have no request line to read these from.
  out.method ??= /\b[Mm]ethod\W+([A-Z]+)\b/.exec(text)?.[1];
  const literal = /"body": ("(?:\\.|[^\\"])*")|-Body "((?:`.|[^`"])*)"/.exec(text);
  try {
    if (literal) out.body ??= literal[2]?.replace(/`(.)/g, '$1') ?? JSON.parse(literal[1]);
  } catch {
    // Not a JSON string after all: the user types the body.
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/**
 * "Name: value" into `headers` (lower-case name); a leading ':' is an HTTP/2 pseudo-header.
 * @returns the name, or '' when the line has no colon
 */
function addHeader(headers: Headers, line: string): string {
  const colon = line.indexOf(':', 1);
  const name = line.slice(0, colon).trim().toLowerCase();
  if (colon > 0) headers.set(name, line.slice(colon + 1).trim());
  return colon > 0 ? name : '';
}

// curl's one-letter options that take a value: without them, `-o out.json` would make
// "out.json" look like the URL.
const SHORT_WITH_VALUE = 'XHdoubAcemwxErTFKUD';

function parseCurl(text: string, headers: Headers): ParsedRequest {
  const words = shellWords(text);
  const data: string[] = [];
  const positional: string[] = [];
  let method: string | undefined;
  let url: string | undefined;
  let get = false;
  let head = false;
  const take = (name: string, value?: string): void => {
    if (/^(G|get)$/.test(name)) get = true;
    else if (/^(I|head)$/.test(name)) head = true;
    else if (value === undefined) return;
    else if (/^(X|request)$/.test(name)) method = value;
    else if (/^(H|header)$/.test(name)) addHeader(headers, value);
    else if (name === 'url') url ??= value;
    else if (/^(d$|data|json)/.test(name)) data.push(value);
  };

  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    if (/^--./.test(word)) {
      const name = word.slice(2);
      take(name, next);
      // A long option takes the next word as its value, unless it is a switch (--get,
      // --compressed, --insecure...), seen when the next word is another option or the URL
      // (with or without its scheme: `curl --compressed api.host.com/path`).
      if (
        !/^(get|head)$/.test(name) &&
        next !== undefined &&
        (/^(req|hea|url|dat|jso)/.test(name) || !/^-|:\/\/|^[\w-]+(\.[\w-]+)+(:\d+)?\//.test(next))
      )
        i++;
    } else if (/^-./.test(word)) {
      for (let j = 1; j < word.length; j++) {
        const letter = word[j];
        if (SHORT_WITH_VALUE.includes(letter)) {
          const inline = word.slice(j + 1);
          take(letter, inline || next);
          if (!inline) i++;
          break;
        }
        take(letter);
      }
    } else positional.push(word);
  }

  url ??= positional.find((p) => URL_START.test(p) || p.startsWith('/')) ?? positional[0];
  let body = data.length ? data.join('&') : undefined;
  if (get && body !== undefined && url !== undefined) {
    // -G moves the data into the query string (curl man page), so it is not a body any more.
    url += (url.includes('?') ? '&' : '?') + body;
    body = undefined;
  }
  method ??= head ? 'HEAD' : body === undefined ? 'GET' : 'POST';
  return { method, url, body };
}

/**
 * Splits a command line into words the way a POSIX shell would for the quoting a copied curl
 * command uses: '...', "..." with backslash escapes, $'...' ANSI-C strings. Line continuations
 * (bash \, Windows cmd ^, PowerShell `) become spaces first.
 */
const ANSI_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };
// One shell word: runs of '...', $'...', "..." (each may be left open), \x and plain characters.
const WORD = /(?:'[^']*'?|\$'(?:\\.|[^\\'])*'?|"(?:\\.|[^\\"])*"?|\\.?|[^\s'"\\])+/gs;
// The same pieces, to unquote: bash keeps '...' as is, decodes \n \t \r in $'...', and in "..."
// takes a backslash as an escape only before " \ $ and `.
const PIECE = /'([^']*)'?|\$'((?:\\.|[^\\'])*)'?|"((?:\\.|[^\\"])*)"?|\\(.?)/gs;

function shellWords(text: string): string[] {
  let src = text.replace(/[\\^`]\n/g, ' ');
  if (/\^["\n]/.test(text)) src = src.replace(/\^(.)/g, '$1');
  const words = (src.match(WORD) ?? []).map((word) =>
    word.replace(
      PIECE,
      (_, single?: string, ansi?: string, double?: string, escaped?: string) =>
        single ??
        ansi?.replace(/\\(.)/gs, (_, c: string) => ANSI_ESCAPES[c] ?? c) ??
        double?.replace(/\\(["\\$`])/g, '$1') ??
        escaped!,
    ),
  );
  // Anything piped or chained after the curl command is not part of the request.
  const end = words.findIndex((w) => /^(\||;|&&|\|\||>|2>&1)$/.test(w));
  return end < 0 ? words : words.slice(0, end);
}

const REQUEST_LINE = /^([A-Z]+) +(\/\S*|\w+:\/\/\S+)( +HTTP\/[\d.]+)?$/;

function parseHttp(text: string, headers: Headers): ParsedRequest {
  const blank = /\n[ \t]*\n/.exec(text);
  const lines = text.slice(0, blank?.index).split('\n');
  const first = REQUEST_LINE.exec(lines[0].trim());
  let last = '';
  for (const line of lines.slice(first ? 1 : 0)) {
    // A header value never holds a line break: base64 on a line of its own is a long signature
    // the terminal or log viewer wrapped.
    if (last && /^\s*[\w+/=]+\s*$/.test(line)) headers.set(last, headers.get(last) + line.trim());
    else last = addHeader(headers, line);
  }
  const host = headers.get('host') ?? headers.get(':authority');
  let url = first?.[2] ?? headers.get(':path');
  if (url?.startsWith('/') && host) {
    const scheme =
      headers.get(':scheme') ?? (/websocket/i.test(headers.get('upgrade') ?? '') ? 'wss' : 'https');
    url = `${scheme}://${host}${url}`;
  }
  const method = first?.[1] ?? headers.get(':method');
  // A body only follows a request line (or HTTP/2 pseudo-headers) and a blank line.
  const body = blank && method ? text.slice(blank.index + blank[0].length) : '';
  return { method, url, body: body || undefined };
}
