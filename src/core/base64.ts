// Base64 on the platform's atob/btoa, and hex. Decoding returns null on bad input so callers can throw
// their own coded error.

/**
 * Standard base64 with padding (RFC 4648 section 4).
 * @param pad false drops the trailing '=' (OpenSSH-style fingerprints)
 */
export function bytesToBase64(bytes: Uint8Array, pad = true): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const text = btoa(binary);
  return pad ? text : text.replace(/=+$/, '');
}

/**
 * Decodes base64 (standard or URL alphabet, padding optional). Whitespace must already be removed.
 * @returns the bytes, or null when the text is not base64 (bad character, misplaced '=', a lone
 * trailing character, or non-zero bits in the last character).
 * @param lenient true accepts non-zero leftover bits, as atob does (the doctor names them otherwise)
 */
export function base64ToBytes(text: string, lenient = false): Uint8Array<ArrayBuffer> | null {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(standard);
    // atob ignores leftover bits; re-encoding catches them, so one byte string has one spelling.
    const unpad = (s: string) => s.replace(/=+$/, '');
    if (!lenient && unpad(btoa(binary)) !== unpad(standard)) return null;
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Lower-case hex, two digits a byte. */
export const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * PEM text: BEGIN line, base64 in 64 columns, END line, trailing newline (RFC 7468, as OpenSSL
 * prints). Here rather than in pem.ts, which reads PEM: writing it is all the first load needs.
 */
export const armorPem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${bytesToBase64(der).replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
