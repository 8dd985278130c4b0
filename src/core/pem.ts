// Finding PEM blocks (RFC 7468) in whatever a user pastes, and armoring DER back into PEM.
// Scanning uses indexOf and bounded patterns, never a backtracking regex over the whole text,
// so a few MB of junk returns quickly.

import { base64ToBytes } from './base64';
import { COPY_AGAIN, keyError } from './errors';

/** One PEM block found in text. */
export interface PemBlock {
  /** Upper-cased label between BEGIN and the dashes, e.g. 'RSA PRIVATE KEY'. */
  label: string;
  /** Whether an RFC 1421 header says `Proc-Type: 4,ENCRYPTED` (a passphrase-protected PKCS#1 key). */
  encrypted: boolean;
  /** The base64 body without header lines (name: value) and whitespace. */
  body: string;
}

const BEGIN = '-----BEGIN';
const END = '-----END';
/**
 * A label (RFC 7468: printable ASCII without '-'; real ones are letters, digits and spaces; past
 * 64 characters it is no label), then up to five dashes: a hand-copied key often loses some.
 */
const LABEL = /([A-Za-z0-9 ]{0,64})-{0,5}/y;

/**
 * Undoes what env files and JSON do to a PEM: literal `\n` (and `\r\n`, `\r`, or `\\n` when escaped
 * twice) become line breaks, and CRLF / CR become LF (docs/kalshi-api.md 9.6). Base64 never contains a
 * backslash, so this is safe.
 * Mail does the rest: '>' before each line of a quoted reply, and non-breaking spaces (neither is
 * base64 either).
 */
export function normalizePemText(text: string): string {
  return (
    text
      // Any number of backslashes: JSON inside JSON (a secrets manager's) escapes them twice.
      .replace(/(?:\\+r)?\\+n|\\+r/g, '\n')
      .replace(/\r\n?/g, '\n')
      .replace(/^[\t >]*>/gm, '')
      .replace(/\u00a0/g, ' ')
  );
}

/** The label after BEGIN/END at `at` (just past the keyword), and where its dashes end. */
function readLabel(text: string, at: number): [label: string, next: number] {
  LABEL.lastIndex = at;
  const label = LABEL.exec(text)![1].trim().replace(/ +/g, ' ').toUpperCase();
  return [label, LABEL.lastIndex];
}

/**
 * Every PEM block in `text`, in order (at most 64): anywhere in a file, with CRLF, indentation, a
 * body on one line, or literal `\n` from an env var. Text after a broken block is not scanned.
 * @throws KeyFormatError 'empty-input' | 'no-pem-block' | 'unterminated-pem' | 'label-mismatch'
 * @throws TypeError when `text` is not a string (from String.prototype.trim)
 */
export function findPemBlocks(text: string): PemBlock[] {
  if (!text.trim()) keyError('empty-input', 'Nothing was pasted. Paste the key file.');
  const source = normalizePemText(text);
  const blocks: PemBlock[] = [];
  for (let from = 0; blocks.length < 64;) {
    const begin = source.indexOf(BEGIN, from);
    const end = begin < 0 ? begin : source.indexOf(END, begin);
    if (end < 0) {
      if (begin < 0 || blocks.length) break;
      keyError(
        'unterminated-pem',
        'The key has no -----END line: it was cut off. Copy the whole file.',
      );
    }
    // A block cut off before another one starts: use the BEGIN nearest to this END.
    const [label, bodyStart] = readLabel(source, source.lastIndexOf(BEGIN, end) + BEGIN.length);
    const [endLabel, next] = readLabel(source, end + END.length);
    if (label !== endLabel) {
      if (blocks.length) break;
      keyError(
        'label-mismatch',
        `The key begins with "BEGIN ${label}" but ends with "END ${endLabel}". ${COPY_AGAIN}`,
      );
    }
    const inner = source.slice(bodyStart, end);
    blocks.push({
      label,
      encrypted: /Proc-Type:[^\n]*ENCRYPTED/i.test(inner),
      body: inner
        .split('\n')
        .filter((line) => !line.includes(':'))
        .join('')
        .replace(/\s+/g, ''),
    });
    from = next;
  }
  return blocks.length
    ? blocks
    : keyError('no-pem-block', 'No key found. Paste the whole file, from -----BEGIN to -----END.');
}

/**
 * The DER bytes of a block's body.
 * @throws KeyFormatError 'bad-base64' when the body is empty or not base64
 */
export function decodePemBody(block: PemBlock): Uint8Array {
  const bytes = base64ToBytes(block.body);
  return bytes?.length
    ? bytes
    : keyError('bad-base64', `The key is not valid base64: a character was changed. ${COPY_AGAIN}`);
}

/**
 * The text of the first PEM block in `text` (BEGIN line to END line), or null when there is none.
 * For the page's paste handler: a multi-MB paste into a textarea blocks the browser for seconds,
 * so the page keeps only the block. Linear (indexOf), never throws.
 */
export function extractPemText(text: string): string | null {
  const begin = text.indexOf(BEGIN);
  const end = begin < 0 ? -1 : text.indexOf(END, begin);
  // The END line closes with five dashes after its label.
  const close = end < 0 ? -1 : text.indexOf('-----', end + END.length);
  return close < 0 ? null : text.slice(begin, close + 5);
}
