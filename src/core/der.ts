// Just enough DER (X.690) to tell key formats apart, read an RSA modulus and exponent, and wrap
// PKCS#1 into PKCS#8 / SPKI. Every read is bounds-checked: malformed bytes become
// KeyFormatError('malformed-der' | 'trailing-data'), never a RangeError.

import { hex } from './base64';
import { COPY_AGAIN, keyError } from './errors';

export const INTEGER = 0x02;
const BIT_STRING = 0x03;
export const OCTET_STRING = 0x04;
export const NULL = 0x05;
export const OID = 0x06;
export const SEQUENCE = 0x30;

/** One element: its tag, and its content as [start, end) offsets into the same buffer. */
export type Tlv = [tag: number, start: number, end: number];

/** @throws KeyFormatError 'malformed-der', always */
export const malformed = () => keyError('malformed-der', `The key data is damaged. ${COPY_AGAIN}`);

/**
 * The element at `at`, which must end by `limit`. Refuses BER's indefinite length, lengths of
 * more than 4 bytes (a >4 GB key) and multi-byte tags (no key structure uses one).
 * @throws KeyFormatError 'malformed-der'
 */
export function readTlv(bytes: Uint8Array, at: number, limit: number): Tlv {
  let start = at + 2;
  let length = bytes[at + 1];
  if (start > limit || (bytes[at] & 0x1f) === 0x1f) malformed();
  if (length > 0x7f) {
    let count = length & 0x7f;
    if (!count || count > 4 || start + count > limit) malformed();
    for (length = 0; count--;) length = length * 256 + bytes[start++];
  }
  if (start + length > limit) malformed();
  return [bytes[at], start, start + length];
}

/** The elements inside a constructed one. @throws KeyFormatError 'malformed-der' */
export function readChildren(bytes: Uint8Array, [, start, end]: Tlv): Tlv[] {
  const children: Tlv[] = [];
  for (let at = start; at < end; at = children[children.length - 1][2]) {
    children.push(readTlv(bytes, at, end));
  }
  return children;
}

/**
 * The fields of the SEQUENCE that fills `der` exactly.
 * @throws KeyFormatError 'malformed-der', or 'trailing-data' when bytes follow it
 */
export function readSequence(der: Uint8Array): Tlv[] {
  const outer = readTlv(der, 0, der.length);
  if (outer[0] !== SEQUENCE) malformed();
  const extra = der.length - outer[2];
  if (extra)
    keyError('trailing-data', `The key has ${extra} extra bytes after its end. ${COPY_AGAIN}`);
  return readChildren(der, outer);
}

/**
 * The OID of an AlgorithmIdentifier (RFC 5280 4.1.1.2) as hex of its content bytes, e.g.
 * '2a864886f70d010101' for rsaEncryption; the parameters are ignored.
 * @throws KeyFormatError 'malformed-der'
 */
function readAlgorithm(bytes: Uint8Array, algorithm: Tlv): string {
  const [oid] = readChildren(bytes, algorithm); // callers checked it is a SEQUENCE
  if (oid?.[0] !== OID) malformed();
  return hex(bytes.subarray(oid[1], oid[2]));
}

/** rsaEncryption, or RSASSA-PSS (openssl genpkey -algorithm RSA-PSS), which holds the same RSAPrivateKey. */
export const isRsaOid = (oid: string) => /^2a864886f70d0101(01|0a)$/.test(oid);

/**
 * The fields of the SEQUENCE that fills `der`, the first of which must have these `tags`; more
 * fields may follow unless `exact`.
 * @throws KeyFormatError 'malformed-der' | 'trailing-data'
 */
function readFields(der: Uint8Array, tags: number[], exact?: boolean): Tlv[] {
  const fields = readSequence(der);
  if (
    fields.length < tags.length ||
    (exact && fields.length > tags.length) ||
    tags.some((tag, i) => fields[i][0] !== tag)
  ) {
    malformed();
  }
  return fields;
}

/**
 * The algorithm OID (hex) and the key inside PrivateKeyInfo (RFC 5208: version, algorithm,
 * privateKey OCTET STRING, then optional [0] attributes and [1] publicKey) or, when `spki`,
 * SubjectPublicKeyInfo (RFC 5280 4.1.2.7: algorithm, subjectPublicKey BIT STRING, whose
 * unused-bits byte must be 0, a key being whole bytes). For RSA the key is PKCS#1 DER.
 * @throws KeyFormatError 'malformed-der' | 'trailing-data'
 */
export function readKeyInfo(der: Uint8Array, spki?: boolean): [algorithm: string, key: Uint8Array] {
  const [algorithm, [, start, end]] = spki
    ? readFields(der, [SEQUENCE, BIT_STRING], true)
    : readFields(der, [INTEGER, SEQUENCE, OCTET_STRING]).slice(1);
  if (spki && (start === end || der[start])) malformed();
  return [readAlgorithm(der, algorithm), der.subarray(spki ? start + 1 : start, end)];
}

/** The public half of an RSA key: unsigned big-endian magnitudes without leading zeros. */
export interface RsaPublicNumbers {
  n: Uint8Array;
  e: Uint8Array;
}

/** n and e from two INTEGER fields, without the zero bytes of their sign padding. */
function readNumbers(der: Uint8Array, fields: Tlv[]): RsaPublicNumbers {
  const [n, e] = fields.map(([, start, end]) => {
    if (start === end || der[start] & 0x80) malformed();
    while (start < end - 1 && !der[start]) start++;
    return der.subarray(start, end);
  });
  return { n, e };
}

/** Bit length of a magnitude from readNumbers (no leading zero bytes). */
export const bitLength = (m: Uint8Array) => m.length * 8 + 24 - Math.clz32(m[0]);

/**
 * RSAPrivateKey (RFC 8017 A.1.2): reads n and e once all eight numbers are there after the
 * version (multi-prime keys add otherPrimeInfos).
 * @throws KeyFormatError 'malformed-der' | 'trailing-data'
 */
export const readRsaPrivateKey = (der: Uint8Array) =>
  readNumbers(der, readFields(der, Array<number>(9).fill(INTEGER)).slice(1, 3));

/**
 * RSAPublicKey (RFC 8017 A.1.1): SEQUENCE { n, e }.
 * @throws KeyFormatError 'malformed-der' | 'trailing-data'
 */
export const readRsaPublicKey = (der: Uint8Array) =>
  readNumbers(der, readFields(der, [INTEGER, INTEGER], true));

// ---- writing ----

/** One DER element from a tag and its already-encoded content. */
export function encodeTlv(tag: number, ...parts: ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  const content = parts.flatMap((part) => Array.from(part));
  const length: number[] = [];
  if (content.length > 0x7f) for (let n = content.length; n; n >>= 8) length.unshift(n & 0xff);
  // Short form under 128; otherwise 0x80 + the count of length bytes, then the bytes.
  return new Uint8Array([
    tag,
    ...(length.length ? [0x80 | length.length, ...length] : [content.length]),
    ...content,
  ]);
}

/** AlgorithmIdentifier { rsaEncryption, NULL } as every RSA SPKI and PKCS#8 carries it (RFC 3279 2.3.1). */
const RSA_ALGORITHM = [0x30, 13, 6, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 13, 1, 1, 1, 5, 0];

/** An INTEGER from a magnitude without leading zeros: DER needs a zero byte before a set top bit. */
const encodeUnsigned = (m: Uint8Array) => encodeTlv(INTEGER, m[0] & 0x80 ? [0] : [], m);

/** SubjectPublicKeyInfo for an RSA key: byte for byte what `openssl pkey -pubout` produces. */
export const rsaSpkiFromNumbers = ({ n, e }: RsaPublicNumbers) =>
  encodeTlv(
    SEQUENCE,
    RSA_ALGORITHM,
    encodeTlv(BIT_STRING, [0], encodeTlv(SEQUENCE, encodeUnsigned(n), encodeUnsigned(e))),
  );

/** Wraps RSAPrivateKey (PKCS#1) into PrivateKeyInfo (PKCS#8), as openssl writes it. */
export const pkcs8FromPkcs1 = (rsaPrivateKey: Uint8Array) =>
  encodeTlv(SEQUENCE, [INTEGER, 1, 0], RSA_ALGORITHM, encodeTlv(OCTET_STRING, rsaPrivateKey));
