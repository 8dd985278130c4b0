// Raw RSA public operation and signature-encoding decoders, so the doctor can look *inside* a
// signature instead of asking WebCrypto yes/no for one salt length at a time. WebCrypto's verify()
// needs the salt length up front and cannot say which message was signed; decoding EMSA-PSS
// (RFC 8017 section 9.1.2) with the public key recovers the salt and the hash H, against which any
// number of candidate messages can then be checked cheaply.

const SHA256_LENGTH = 32;

/** The public numbers of an RSA key, as BigInts. */
export interface RsaPublicNumbers {
  n: bigint;
  e: bigint;
  /** Bit length of n (modBits in RFC 8017). */
  modulusBits: number;
  /** Length of n in bytes (k in RFC 8017): the length of every signature this key makes. */
  byteLength: number;
}

/** What an EMSA-PSS encoded message holds once unmasked (RFC 8017 9.1.2 steps 4-10). */
export interface PssEncoding {
  /** H: SHA-256(0x00 * 8 || SHA-256(message) || salt). */
  h: Uint8Array;
  salt: Uint8Array;
}

/** Big-endian unsigned bytes to a BigInt (RFC 8017 OS2IP). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt('0x' + hex);
}

/**
 * A BigInt to exactly `length` big-endian bytes (RFC 8017 I2OSP).
 * @throws TypeError when the number does not fit (programmer misuse).
 */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  if (hex.length / 2 > length) throw new TypeError('integer too large for the requested length');
  const out = new Uint8Array(length);
  const offset = length - hex.length / 2;
  for (let i = 0; i < hex.length / 2; i++)
    out[offset + i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** base^exponent mod modulus by square-and-multiply: 17 multiplications for e = 65537. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    e >>= 1n;
    if (e > 0n) b = (b * b) % modulus;
  }
  return result;
}

/** The public numbers as BigInts, from the unsigned magnitudes the DER reader returns. */
export function rsaPublicNumbers(magnitudes: { n: Uint8Array; e: Uint8Array }): RsaPublicNumbers {
  const n = bytesToBigInt(magnitudes.n);
  const modulusBits = n.toString(2).length;
  return { n, e: bytesToBigInt(magnitudes.e), modulusBits, byteLength: Math.ceil(modulusBits / 8) };
}

/**
 * The RSA verification primitive RSAVP1 (RFC 8017 5.2.2): signature^e mod n, as k bytes.
 * Returns null when the signature, read as a number, is not below n, which no honest
 * signature with this key can be.
 * @throws TypeError when the signature is not exactly k bytes (callers check length first).
 */
export function rsaPublicOperation(
  signature: Uint8Array,
  key: RsaPublicNumbers,
): Uint8Array | null {
  if (signature.length !== key.byteLength)
    throw new TypeError('signature length must equal the key length');
  const s = bytesToBigInt(signature);
  if (s >= key.n) return null;
  return bigIntToBytes(modPow(s, key.e, key.n), key.byteLength);
}

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

/** MGF1 with SHA-256 (RFC 8017 B.2.1). */
async function mgf1Sha256(seed: Uint8Array, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  const block = new Uint8Array(seed.length + 4);
  block.set(seed);
  for (let counter = 0, offset = 0; offset < length; counter++, offset += SHA256_LENGTH) {
    block[seed.length] = counter >>> 24;
    block[seed.length + 1] = (counter >>> 16) & 0xff;
    block[seed.length + 2] = (counter >>> 8) & 0xff;
    block[seed.length + 3] = counter & 0xff;
    const digest = await sha256(block);
    out.set(digest.subarray(0, Math.min(SHA256_LENGTH, length - offset)), offset);
  }
  return out;
}

/**
 * Unmasks an EMSA-PSS encoding made with SHA-256 and MGF1(SHA-256), whatever the salt length
 * (RFC 8017 9.1.2 steps 3-10, with the salt length read from the position of the 0x01 byte
 * instead of being checked against a fixed value).
 *
 * @param encoded the k-byte output of {@link rsaPublicOperation}
 * @param modulusBits modBits of the key
 * @returns the hash H and the salt, or null when the bytes are not a PSS encoding
 *   (another padding, or another key made the signature)
 */
export async function decodePssSha256(
  encoded: Uint8Array,
  modulusBits: number,
): Promise<PssEncoding | null> {
  const emBits = modulusBits - 1;
  const emLen = Math.ceil(emBits / 8);
  // When modBits - 1 is a multiple of 8, EM is one byte shorter than k and that byte must be 0.
  const lead = encoded.length - emLen;
  for (let i = 0; i < lead; i++) if (encoded[i] !== 0) return null;
  const em = encoded.subarray(lead);
  if (emLen < SHA256_LENGTH + 2) return null;
  if (em[emLen - 1] !== 0xbc) return null;
  const maskedDb = em.subarray(0, emLen - SHA256_LENGTH - 1);
  const h = em.slice(emLen - SHA256_LENGTH - 1, emLen - 1);
  const unusedBits = 8 * emLen - emBits;
  const topMask = (0xff << (8 - unusedBits)) & 0xff;
  if (maskedDb[0] & topMask) return null;
  const dbMask = await mgf1Sha256(h, maskedDb.length);
  const db = new Uint8Array(maskedDb.length);
  for (let i = 0; i < db.length; i++) db[i] = maskedDb[i] ^ dbMask[i];
  db[0] &= ~topMask & 0xff;
  let i = 0;
  while (i < db.length && db[i] === 0) i++;
  if (i === db.length || db[i] !== 0x01) return null;
  return { h, salt: db.slice(i + 1) };
}

/**
 * Whether a decoded PSS encoding was made over `message` (RFC 8017 9.1.2 steps 12-14):
 * H == SHA-256(0x00 * 8 || SHA-256(message) || salt).
 */
export async function pssMatches(encoding: PssEncoding, messageHash: Uint8Array): Promise<boolean> {
  const mPrime = new Uint8Array(8 + messageHash.length + encoding.salt.length);
  mPrime.set(messageHash, 8);
  mPrime.set(encoding.salt, 8 + messageHash.length);
  return bytesEqual(await sha256(mPrime), encoding.h);
}

// DigestInfo prefixes for SHA-256 (RFC 8017 9.2 note 1). The second, without the NULL parameters,
// is what some libraries emit; RFC 8017 asks verifiers to accept it too.
const SHA256_DIGEST_INFO = [
  [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
  ],
  [
    0x30, 0x2f, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x04,
    0x20,
  ],
];

/**
 * Reads the SHA-256 digest out of an EMSA-PKCS1-v1_5 encoding
 * (0x00 0x01 0xFF.. 0x00 DigestInfo(sha256) hash, RFC 8017 9.2).
 * @returns the 32-byte digest, or null when the bytes are not such an encoding
 */
export function decodePkcs1v15Sha256(encoded: Uint8Array): Uint8Array | null {
  if (encoded.length < 11 + 19 + SHA256_LENGTH) return null;
  if (encoded[0] !== 0x00 || encoded[1] !== 0x01) return null;
  let i = 2;
  while (i < encoded.length && encoded[i] === 0xff) i++;
  if (i - 2 < 8 || encoded[i] !== 0x00) return null;
  const rest = encoded.subarray(i + 1);
  for (const prefix of SHA256_DIGEST_INFO) {
    if (rest.length !== prefix.length + SHA256_LENGTH) continue;
    if (prefix.every((b, j) => rest[j] === b)) return rest.slice(prefix.length);
  }
  return null;
}

/** Constant-time-irrelevant byte comparison (public data only). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
