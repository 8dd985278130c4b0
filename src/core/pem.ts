// Finding PEM blocks (RFC 7468) in whatever a user pastes, and armoring DER back into PEM.
// Scanning uses indexOf, never a backtracking regex, so a few MB of junk returns quickly.

import { base64ToBytes, bytesToBase64 } from './base64';
import { KeyFormatError } from './errors';

/** One PEM block found in text. */
export interface PemBlock {
  /** Upper-cased label between BEGIN and the dashes, e.g. 'RSA PRIVATE KEY'. */
  label: string;
  /** RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED`, names upper-cased. */
  headers: Record<string, string>;
  /** The base64 body with all whitespace removed. */
  body: string;
}

const BEGIN = '-----BEGIN';
const END = '-----END';
/** Past this many blocks the text is not a key file; stop rather than scan forever. */
const MAX_BLOCKS = 64;
/** Longer labels are not PEM labels; also keeps label scanning linear. */
const MAX_LABEL = 64;

/**
 * Undoes what env files and JSON do to a PEM: literal `\n` (and `\r\n`, `\r`) become line breaks,
 * and CRLF / CR become LF (auth.md 9.6). Base64 never contains a backslash, so this is safe.
 */
export function normalizePemText(text: string): string {
  return text.replace(/\\r\\n|\\[nr]/g, '\n').replace(/\r\n?/g, '\n');
}

function isLabelChar(c: number): boolean {
  // RFC 7468 labels are printable ASCII without '-'; real ones are letters, digits and spaces.
  return (
    (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x20
  );
}

/** Reads the label after BEGIN/END at `at` (just past the keyword); returns it and where the dashes end. */
function readLabel(text: string, at: number): { label: string; next: number } {
  let i = at;
  const limit = Math.min(text.length, at + MAX_LABEL);
  while (i < limit && isLabelChar(text.charCodeAt(i))) i++;
  const label = text.slice(at, i).trim().replace(/ +/g, ' ').toUpperCase();
  // Five dashes close the marker; accept fewer, since a hand-copied key often loses some.
  let dashes = 0;
  while (dashes < 5 && text.charCodeAt(i) === 0x2d) {
    i++;
    dashes++;
  }
  return { label, next: i };
}

/** Splits the text between the markers into RFC 1421 headers and a whitespace-free body. */
function splitBody(inner: string): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  const bodyParts: string[] = [];
  for (const rawLine of inner.split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon > 0 && bodyParts.length === 0) {
      headers[line.slice(0, colon).trim().toUpperCase()] = line.slice(colon + 1).trim();
      continue;
    }
    bodyParts.push(line);
  }
  return { headers, body: bodyParts.join('').replace(/\s+/g, '') };
}

/**
 * Every PEM block in `text`, in order: anywhere in a file, with CRLF, indentation, a body on one
 * line, or literal `\n` from an env var. Text after a broken block is not scanned.
 * @throws KeyFormatError 'empty-input' | 'no-pem-block' | 'unterminated-pem' | 'label-mismatch'
 */
export function findPemBlocks(text: string): PemBlock[] {
  if (typeof text !== 'string') throw new TypeError('PEM text must be a string');
  if (text.trim() === '') {
    throw new KeyFormatError(
      'empty-input',
      'Nothing was pasted. Paste the key file contents, starting with -----BEGIN.',
    );
  }
  const source = normalizePemText(text);
  const blocks: PemBlock[] = [];
  let from = 0;
  while (blocks.length < MAX_BLOCKS) {
    const begin = source.indexOf(BEGIN, from);
    if (begin < 0) break;
    const endMarker = source.indexOf(END, begin + BEGIN.length);
    if (endMarker < 0) {
      if (blocks.length > 0) break;
      throw new KeyFormatError(
        'unterminated-pem',
        'The key starts with -----BEGIN but has no -----END line: it was cut off. Copy the whole file, including the last line.',
      );
    }
    // A block cut off before another one starts: use the BEGIN nearest to this END.
    const start = source.lastIndexOf(BEGIN, endMarker - 1);
    const open = readLabel(source, start + BEGIN.length);
    const close = readLabel(source, endMarker + END.length);
    if (open.label !== close.label) {
      if (blocks.length > 0) break;
      throw new KeyFormatError(
        'label-mismatch',
        `The key begins with "BEGIN ${open.label}" but ends with "END ${close.label}". Both lines must name the same thing: copy the key again from the original file.`,
      );
    }
    const { headers, body } = splitBody(source.slice(open.next, endMarker));
    blocks.push({ label: open.label, headers, body });
    from = close.next;
  }
  if (blocks.length === 0) {
    throw new KeyFormatError(
      'no-pem-block',
      'No key found: a key file has a line like -----BEGIN RSA PRIVATE KEY----- (or PRIVATE KEY). Paste the whole file, not just part of it.',
    );
  }
  return blocks;
}

/**
 * The DER bytes of a block's body.
 * @throws KeyFormatError 'bad-base64' when the body is empty or not base64
 */
export function decodePemBody(block: PemBlock): Uint8Array {
  const bytes = block.body === '' ? null : base64ToBytes(block.body);
  if (bytes === null || bytes.length === 0) {
    throw new KeyFormatError(
      'bad-base64',
      `The ${block.label || 'key'} body is not valid base64: a character was changed, added or lost. Copy the key again from the original file.`,
    );
  }
  return bytes;
}

/** PEM text: BEGIN line, base64 in 64 columns, END line, trailing newline (RFC 7468, as OpenSSL prints). */
export function armorPem(label: string, der: Uint8Array): string {
  const base64 = bytesToBase64(der);
  let out = `-----BEGIN ${label}-----\n`;
  for (let i = 0; i < base64.length; i += 64) out += base64.slice(i, i + 64) + '\n';
  return out + `-----END ${label}-----\n`;
}

/**
 * The text of the first PEM block in `text` (BEGIN line to END line), or null when there is none.
 * For the page's paste handler: a multi-MB paste into a textarea blocks the browser for seconds,
 * so the page keeps only the block. Linear (indexOf), never throws.
 */
export function extractPemText(text: string): string | null {
  const begin = text.indexOf(BEGIN);
  if (begin < 0) return null;
  const end = text.indexOf(END, begin + BEGIN.length);
  if (end < 0) return null;
  // The END line closes with five dashes after its label.
  const close = text.indexOf('-----', end + END.length);
  if (close < 0) return null;
  return text.slice(begin, close + 5);
}
