// Base64 without atob/btoa exceptions: decoders return null on bad input so callers can throw
// their own coded error, and the encoder is table-driven because signRequest runs it per call.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Byte pairs -> two base64 characters: halves the table lookups on the signing hot path. */
const PAIR_TABLE: string[] = (() => {
  const pairs: string[] = new Array<string>(4096);
  for (let i = 0; i < 4096; i++) pairs[i] = ALPHABET[i >> 6] + ALPHABET[i & 63];
  return pairs;
})();

/** 255 = not in the alphabet. Both alphabets decode, so base64url signatures still verify. */
const DECODE_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

/**
 * Standard base64 with padding (RFC 4648 section 4).
 * @param bytes any bytes
 * @param pad false drops the trailing '=' (OpenSSH-style fingerprints)
 */
export function bytesToBase64(bytes: Uint8Array, pad = true): string {
  let out = '';
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += PAIR_TABLE[n >> 12] + PAIR_TABLE[n & 4095];
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full] << 16;
    out += PAIR_TABLE[n >> 12] + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[full] << 16) | (bytes[full + 1] << 8);
    out += PAIR_TABLE[n >> 12] + ALPHABET[(n >> 6) & 63] + (pad ? '=' : '');
  }
  return out;
}

/**
 * Decodes base64 (standard or URL alphabet, padding optional). Whitespace must already be removed.
 * @returns the bytes, or null when the text is not base64 (bad character, misplaced '=', a lone
 * trailing character, or non-zero bits in the last character).
 * @param lenient true accepts non-zero leftover bits, as atob does (the doctor names them otherwise)
 */
export function base64ToBytes(text: string, lenient = false): Uint8Array<ArrayBuffer> | null {
  let end = text.length;
  // Up to two '=' at the very end; anywhere else they are an error.
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (text.length !== end && text.length % 4 !== 0) return null;
  const rest = end % 4;
  if (rest === 1) return null;
  const out = new Uint8Array(Math.floor(end / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE_TABLE[c] : 255;
    if (v === 255) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, otherwise two different texts would decode to the same bytes.
  if (!lenient && bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
