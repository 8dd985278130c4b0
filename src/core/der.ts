// Just enough DER (X.690) to tell key formats apart, read an RSA modulus and exponent, and wrap
// PKCS#1 into PKCS#8 / SPKI. Every read is bounds-checked: malformed bytes become
// KeyFormatError('malformed-der' | 'trailing-data'), never a RangeError.

import { KeyFormatError } from './errors';

export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_NULL = 0x05;
export const TAG_OID = 0x06;
export const TAG_SEQUENCE = 0x30;

export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
export const OID_ED25519 = '1.3.101.112';
export const OID_ED448 = '1.3.101.113';
export const OID_X25519 = '1.3.101.110';
export const OID_X448 = '1.3.101.111';
export const OID_DSA = '1.2.840.10040.4.1';

/** One TLV: `tag`, and the content as [start, end) offsets into the same buffer. */
export interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function malformed(what: string): KeyFormatError {
  return new KeyFormatError(
    'malformed-der',
    `The key data is damaged (${what}). Copy the whole file again, from -----BEGIN to -----END, or download the key again.`,
  );
}

/**
 * Reads the TLV at `offset`, which must end at or before `limit`.
 * @throws KeyFormatError 'malformed-der' when the header or length runs past `limit`, uses the
 * indefinite form (BER, not DER), or a multi-byte tag (no key structure uses one).
 */
export function readTlv(bytes: Uint8Array, offset: number, limit: number): Tlv {
  if (offset + 2 > limit) throw malformed('truncated');
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw malformed('unexpected tag');
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // 0 is BER's indefinite length; more than 4 length bytes would mean a >4 GB key.
    if (count === 0 || count > 4) throw malformed('bad length');
    if (start + count > limit) throw malformed('truncated');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  const end = start + length;
  if (end > limit) throw malformed('truncated');
  return { tag, start, end };
}

/** readTlv, then insists on `tag`. @throws KeyFormatError 'malformed-der' */
export function expectTlv(bytes: Uint8Array, offset: number, limit: number, tag: number): Tlv {
  const tlv = readTlv(bytes, offset, limit);
  if (tlv.tag !== tag) throw malformed(`expected tag 0x${hex(tag)}, found 0x${hex(tlv.tag)}`);
  return tlv;
}

/**
 * The outer element of a whole DER buffer, which must fill it exactly.
 * @throws KeyFormatError 'malformed-der', or 'trailing-data' when bytes follow it
 */
export function readOuter(bytes: Uint8Array, tag: number): Tlv {
  const tlv = expectTlv(bytes, 0, bytes.length, tag);
  if (tlv.end !== bytes.length) {
    throw new KeyFormatError(
      'trailing-data',
      `The key has ${bytes.length - tlv.end} extra bytes after its end. Copy the key again without anything glued to its body.`,
    );
  }
  return tlv;
}

/** The children of a constructed element. @throws KeyFormatError 'malformed-der' */
export function readChildren(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const children: Tlv[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const child = readTlv(bytes, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** The fields of a whole-buffer SEQUENCE. @throws KeyFormatError 'malformed-der' | 'trailing-data' */
function sequenceFields(der: Uint8Array): Tlv[] {
  return readChildren(der, readOuter(der, TAG_SEQUENCE));
}

/** Dotted OID text from an OID element's content. @throws KeyFormatError 'malformed-der' */
export function readOid(bytes: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== TAG_OID || tlv.end === tlv.start) throw malformed('bad algorithm identifier');
  const arcs: number[] = [];
  let value = 0;
  for (let i = tlv.start; i < tlv.end; i++) {
    // Arcs beyond 2^45 appear in no key algorithm; refusing them keeps `value` an exact integer.
    if (value > 2 ** 45) throw malformed('bad algorithm identifier');
    value = value * 128 + (bytes[i] & 0x7f);
    if ((bytes[i] & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    } else if (i === tlv.end - 1) {
      throw malformed('bad algorithm identifier');
    }
  }
  // The first subidentifier packs the first two arcs (X.690 8.19.4).
  const first = arcs[0] < 80 ? Math.floor(arcs[0] / 40) : 2;
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join('.');
}

/** An INTEGER's content without sign-padding zeros: the unsigned big-endian magnitude. */
export function readUnsigned(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  if (tlv.tag !== TAG_INTEGER || tlv.end === tlv.start) throw malformed('bad integer');
  if (bytes[tlv.start] & 0x80) throw malformed('negative integer');
  let start = tlv.start;
  while (start < tlv.end - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start, tlv.end);
}

/** Bit length of an unsigned big-endian integer. */
export function bitLength(magnitude: Uint8Array): number {
  let i = 0;
  while (i < magnitude.length && magnitude[i] === 0) i++;
  if (i === magnitude.length) return 0;
  return (magnitude.length - i - 1) * 8 + (32 - Math.clz32(magnitude[i]));
}

/** The fields of an AlgorithmIdentifier (RFC 5280 4.1.1.2): OID, parameters ignored. */
function readAlgorithmOid(bytes: Uint8Array, algorithm: Tlv): string {
  const parts = readChildren(bytes, algorithm);
  if (parts.length < 1) throw malformed('empty algorithm identifier');
  return readOid(bytes, parts[0]);
}

/** What an outer SEQUENCE holds, told by its first fields, whatever the PEM label said. */
export type DerShape = 'pkcs8' | 'pkcs1' | 'sec1' | 'spki' | 'certificate' | 'unknown';

/**
 * Classifies key DER by structure: PKCS#8 is INTEGER, SEQUENCE...; PKCS#1 is INTEGER, INTEGER...;
 * SEC1 (EC) is INTEGER, OCTET STRING...; SPKI is SEQUENCE { OID ... }, BIT STRING; a certificate
 * is SEQUENCE { tbsCertificate ... }.
 * @throws KeyFormatError 'malformed-der' | 'trailing-data'
 */
export function privateKeyShape(der: Uint8Array): DerShape {
  const outer = readOuter(der, TAG_SEQUENCE);
  const first = readTlv(der, outer.start, outer.end);
  if (first.end >= outer.end) throw malformed('truncated');
  const second = readTlv(der, first.end, outer.end);
  if (first.tag === TAG_SEQUENCE) {
    const inner = readTlv(der, first.start, first.end);
    if (inner.tag === TAG_OID && second.tag === TAG_BIT_STRING) return 'spki';
    return 'certificate';
  }
  if (first.tag !== TAG_INTEGER) return 'unknown';
  if (second.tag === TAG_SEQUENCE) return 'pkcs8';
  if (second.tag === TAG_INTEGER) return 'pkcs1';
  if (second.tag === TAG_OCTET_STRING) return 'sec1';
  return 'unknown';
}

/** PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958), the fields we need. */
export interface PrivateKeyInfo {
  algorithm: string;
  /** The privateKey OCTET STRING content (RSAPrivateKey DER for RSA). */
  privateKey: Uint8Array;
}

/** @throws KeyFormatError 'malformed-der' | 'trailing-data' */
export function readPrivateKeyInfo(der: Uint8Array): PrivateKeyInfo {
  const fields = sequenceFields(der);
  // version INTEGER, privateKeyAlgorithm, privateKey OCTET STRING; [0] attributes and [1] publicKey may follow.
  if (fields.length < 3) throw malformed('missing fields');
  if (fields[0].tag !== TAG_INTEGER) throw malformed('bad version');
  if (fields[1].tag !== TAG_SEQUENCE) throw malformed('bad algorithm identifier');
  if (fields[2].tag !== TAG_OCTET_STRING) throw malformed('bad private key field');
  return {
    algorithm: readAlgorithmOid(der, fields[1]),
    privateKey: der.subarray(fields[2].start, fields[2].end),
  };
}

/** SubjectPublicKeyInfo (RFC 5280 4.1.2.7), the fields we need. */
export interface PublicKeyInfo {
  algorithm: string;
  /** The subjectPublicKey BIT STRING content without its unused-bits byte. */
  publicKey: Uint8Array;
}

/** @throws KeyFormatError 'malformed-der' | 'trailing-data' */
export function readPublicKeyInfo(der: Uint8Array): PublicKeyInfo {
  const fields = sequenceFields(der);
  if (fields.length !== 2) throw malformed('wrong number of fields');
  if (fields[0].tag !== TAG_SEQUENCE) throw malformed('bad algorithm identifier');
  const bits = fields[1];
  // A key is whole bytes, so the leading unused-bits count must be 0.
  if (bits.tag !== TAG_BIT_STRING || bits.end === bits.start || der[bits.start] !== 0) {
    throw malformed('bad public key field');
  }
  return {
    algorithm: readAlgorithmOid(der, fields[0]),
    publicKey: der.subarray(bits.start + 1, bits.end),
  };
}

/** The public half of an RSA key: unsigned big-endian magnitudes. */
export interface RsaPublicNumbers {
  n: Uint8Array;
  e: Uint8Array;
}

/**
 * RSAPrivateKey (RFC 8017 A.1.2): reads n and e and checks that all eight numbers are there.
 * @throws KeyFormatError 'malformed-der' | 'trailing-data'
 */
export function readRsaPrivateKey(der: Uint8Array): RsaPublicNumbers {
  const fields = sequenceFields(der);
  // version, n, e, d, p, q, dp, dq, qinv; multi-prime keys (version 1) add otherPrimeInfos.
  if (fields.length < 9) throw malformed('missing RSA numbers');
  for (let i = 0; i < 9; i++) {
    if (fields[i].tag !== TAG_INTEGER) throw malformed('RSA numbers must be integers');
  }
  return { n: readUnsigned(der, fields[1]), e: readUnsigned(der, fields[2]) };
}

/**
 * RSAPublicKey (RFC 8017 A.1.1): SEQUENCE { n, e }.
 * @throws KeyFormatError 'malformed-der' | 'trailing-data'
 */
export function readRsaPublicKey(der: Uint8Array): RsaPublicNumbers {
  const fields = sequenceFields(der);
  if (fields.length !== 2 || fields[0].tag !== TAG_INTEGER || fields[1].tag !== TAG_INTEGER) {
    throw malformed('an RSA public key is two integers');
  }
  return { n: readUnsigned(der, fields[0]), e: readUnsigned(der, fields[1]) };
}

// ---- writing ----

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n & 0xff);
  return [0x80 | out.length, ...out];
}

/** One DER element from a tag and its already-encoded content. */
export function encodeTlv(tag: number, ...contents: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const c of contents) length += c.length;
  const header = [tag, ...encodeLength(length)];
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  let offset = header.length;
  for (const c of contents) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** A non-negative INTEGER from its magnitude: adds the zero byte DER needs when the top bit is set. */
export function encodeUnsigned(magnitude: Uint8Array): Uint8Array<ArrayBuffer> {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const pad = trimmed.length === 0 || trimmed[0] & 0x80 ? new Uint8Array([0]) : new Uint8Array(0);
  return encodeTlv(TAG_INTEGER, pad, trimmed);
}

/** AlgorithmIdentifier { rsaEncryption, NULL } as every RSA SPKI and PKCS#8 carries it (RFC 3279 2.3.1). */
const RSA_ALGORITHM_IDENTIFIER = new Uint8Array([
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
]);

/** SubjectPublicKeyInfo for an RSA key: what `openssl pkey -pubout` and `exportKey('spki')` produce. */
export function rsaSpkiFromNumbers({ n, e }: RsaPublicNumbers): Uint8Array<ArrayBuffer> {
  const rsaPublicKey = encodeTlv(TAG_SEQUENCE, encodeUnsigned(n), encodeUnsigned(e));
  const bitString = encodeTlv(TAG_BIT_STRING, new Uint8Array([0]), rsaPublicKey);
  return encodeTlv(TAG_SEQUENCE, RSA_ALGORITHM_IDENTIFIER, bitString);
}

/** Wraps RSAPrivateKey (PKCS#1) into PrivateKeyInfo (PKCS#8), since WebCrypto imports only PKCS#8. */
export function pkcs8FromPkcs1(rsaPrivateKey: Uint8Array): Uint8Array<ArrayBuffer> {
  const version = new Uint8Array([TAG_INTEGER, 0x01, 0x00]);
  return encodeTlv(
    TAG_SEQUENCE,
    version,
    RSA_ALGORITHM_IDENTIFIER,
    encodeTlv(TAG_OCTET_STRING, rsaPrivateKey),
  );
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}
