// Kalshi's answer as it reaches the page, read into its status, body and JSON: from the relay
// (status and body known) or pasted (raw JSON, curl -i output with its status line and headers, or
// JSON with words around it). Shared by the answer parsers and the error advice.

import { KalshiAnswerError } from './errors';

/**
 * An answer as received: from the relay (status and body known) or pasted text (raw JSON, curl -i
 * output with its status line and headers, or JSON with text around it).
 */
export type KalshiAnswerInput = { status: number; body: string } | string;

/** What an answer turned out to hold. `json` is absent when the body held no JSON. */
export interface ReadAnswer {
  status?: number;
  body: string;
  json?: unknown;
  /** The body has a `{` or `[` that does not parse: probably cut off while copying. */
  truncated: boolean;
}

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text trimmed, when `value` is a string with more than whitespace; else undefined. */
export const nonEmptyText = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** The status a relay's answer carries; undefined for pasted text (its status line is read apart). */
export const relayStatus = (answer: KalshiAnswerInput): number | undefined =>
  typeof answer === 'string' ? undefined : answer.status;

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

/**
 * The answer's status (a relay's, or the last status line pasted), body and JSON.
 * @throws KalshiAnswerError `empty-answer` when nothing but whitespace was pasted
 */
export function readAnswer(answer: KalshiAnswerInput): ReadAnswer {
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
