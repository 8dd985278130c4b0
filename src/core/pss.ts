// Opens an RSA signature with the public key instead of asking WebCrypto yes/no for one salt
// length at a time: WebCrypto's verify() needs the salt length up front and cannot say which
// message was signed. Decoding EMSA-PSS (RFC 8017 9.1.2) recovers the salt and the hash H, against
// which any number of candidate messages can then be checked; EMSA-PKCS1-v1_5 (9.2) holds the digest.

import { hex } from './base64';
import type { RsaPublicNumbers } from './der';

const encoder = new TextEncoder();
const sha256 = async (data: Uint8Array<ArrayBuffer>) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', data));
/** Big-endian unsigned bytes to a BigInt (RFC 8017 OS2IP). */
const toBigInt = (bytes: Uint8Array) => BigInt('0x0' + hex(bytes));

/** What a signature holds once opened with the public key. */
export interface Opened {
  /** RSASSA-PKCS1-v1_5 rather than RSA-PSS. */
  pkcs1: boolean;
  /** PSS salt length in bytes (0 for PKCS#1 v1.5). */
  salt: number;
  /** The largest salt this key allows: emLen - hLen - 2 (RFC 8017 9.1.1), 222 for 2048 bits. */
  max: number;
  /** Whether the signature was made over `message`. */
  covers: (message: string) => Promise<boolean>;
}

// EM = 0x00 0x01 0xFF.. 0x00 DigestInfo(SHA-256) H, as hex. DigestInfo with and without the NULL
// parameters: RFC 8017 9.2 note 1 asks verifiers to accept both.
const PKCS1 =
  /^0001(?:ff)+00(?:3031300d060960864801650304020105000420|302f300b06096086480165030402010420)(.{64})$/;

/**
 * RSAVP1 (RFC 8017 5.2.2), then reads the padding inside: RSA-PSS with SHA-256, MGF1-SHA-256 and
 * any salt length, or RSASSA-PKCS1-v1_5 with SHA-256.
 * @param signature exactly as many bytes as the modulus (the caller checks)
 * @param key modulus and public exponent, as der.ts reads them
 * @returns null when neither padding is inside: another key made the signature
 */
export async function openSignature(
  signature: Uint8Array,
  { n, e }: RsaPublicNumbers,
): Promise<Opened | null> {
  const modulus = toBigInt(n);
  const bits = modulus.toString(2).length;
  const emLen = Math.ceil((bits - 1) / 8);
  const max = emLen - 34;
  const s = toBigInt(signature);
  if (s >= modulus) return null;
  // Square-and-multiply: 17 multiplications for e = 65537.
  let m = 1n;
  for (let b = s, x = toBigInt(e); x; x >>= 1n, b = (b * b) % modulus)
    if (x & 1n) m = (m * b) % modulus;
  const em = m.toString(16).padStart(2 * Math.ceil(bits / 8), '0');

  const digest = PKCS1.exec(em)?.[1];
  let salt = new Uint8Array();
  let H = '';
  if (!digest) {
    // PSS: emBits = bits - 1, so EM < 2^emBits. That one test covers the zero byte in front when
    // bits - 1 is a multiple of 8 and the unused top bits of maskedDB (9.1.2 steps 3 and 6).
    if (m >> BigInt(bits - 1) || !em.endsWith('bc')) return null;
    const bytes = Uint8Array.from(em.slice(-2 * emLen).match(/../g)!, (b) => parseInt(b, 16));
    const h = bytes.slice(emLen - 33, -1);
    const db = bytes.slice(0, emLen - 33);
    // MGF1-SHA-256 (B.2.1). The counter stays under 256 for any key under 65,000 bits (keys.ts
    // refuses over 16,384), so only its last byte is ever non-zero.
    for (let c = 0; c * 32 < db.length; c++)
      (await sha256(new Uint8Array([...h, 0, 0, 0, c]))).forEach((x, i) => (db[c * 32 + i] ^= x));
    db[0] &= 0xff >> (8 * emLen - bits + 1);
    const one = db.findIndex((b) => b > 0);
    if (db[one] !== 1) return null;
    salt = db.slice(one + 1);
    H = hex(h);
  }
  return {
    pkcs1: !!digest,
    salt: salt.length,
    max,
    covers: async (message) => {
      const hash = await sha256(encoder.encode(message));
      // PKCS#1 v1.5 holds the hash itself; PSS holds H = SHA-256(0x00 * 8 || hash || salt).
      return digest
        ? hex(hash) === digest
        : hex(await sha256(new Uint8Array([...new Uint8Array(8), ...hash, ...salt]))) === H;
    },
  };
}
