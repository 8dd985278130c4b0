// Passphrase-protected PKCS#8 (RFC 5958 3 EncryptedPrivateKeyInfo) with PBES2 (RFC 8018 6.2):
// PBKDF2 with HMAC-SHA-1/256/384/512 and AES-CBC, which is what WebCrypto can do and what openssl 3
// and Python's cryptography write. Loaded on demand (keys.ts imports it only for an encrypted key
// or an encrypted backup), so a first visit does not download it. Every read is bounds-checked by
// der.ts; a hostile file earns a coded error, never a hang (MAX_ITERATIONS).

import { hex } from './base64';
import {
  encodeTlv,
  INTEGER,
  malformed,
  NULL,
  OCTET_STRING,
  OID,
  readChildren,
  readSequence,
  SEQUENCE,
  type Tlv,
} from './der';
import { keyError } from './errors';

/** Iterations written on export: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const EXPORT_ITERATIONS = 600_000;
/** More than this on import is refused: 10 million take about 10 s, and a file could ask for 2^31. */
export const MAX_ITERATIONS = 10_000_000;

const PBES2 = '2a864886f70d01050d'; // 1.2.840.113549.1.5.13
const PBKDF2 = '2a864886f70d01050c'; // 1.2.840.113549.1.5.12
const HMAC_SHA1 = '2a864886f70d0207'; // 1.2.840.113549.2.7, the PRF when none is named
const HMAC_SHA256 = '2a864886f70d0209'; // 1.2.840.113549.2.9
const AES256_CBC = '60864801650304012a'; // 2.16.840.1.101.3.4.1.42

/** hmacWithSHA* (RFC 8018 B.1) by OID, as the WebCrypto hash PBKDF2 takes. */
const PRFS: Record<string, string> = {
  [HMAC_SHA1]: 'SHA-1',
  [HMAC_SHA256]: 'SHA-256',
  '2a864886f70d020a': 'SHA-384',
  '2a864886f70d020b': 'SHA-512',
};

/** aesNNN-CBC (RFC 8018 B.2.5) by OID, as key length in bytes. */
const CIPHERS: Record<string, number> = {
  '608648016503040102': 16,
  '608648016503040116': 24,
  [AES256_CBC]: 32,
};

/** Schemes WebCrypto cannot run, by OID (hex) or its prefix, named for the message. */
const UNSUPPORTED: [RegExp, string][] = [
  [/^2b06010401da47040b$/, 'scrypt'],
  [/^2a864886f70d0208$/, 'HMAC-SHA-224'],
  [/^2a864886f70d02/, 'an HMAC that browsers lack'],
  [/^2a864886f70d0105/, 'PBES1 (DES or RC2 keyed with MD5 or SHA-1)'],
  [/^2a864886f70d010c01/, 'a PKCS#12 scheme (3DES or RC2)'],
  [/^2a864886f70d0307$/, '3DES'],
  [/^2a864886f70d0302$/, 'RC2'],
  [/^2b0e030207$/, 'DES'],
];

/**
 * Refuses what WebCrypto cannot decrypt, naming the openssl command that re-encrypts the key with
 * AES, so the user keeps a passphrase instead of writing the key out in plain text.
 * @throws KeyFormatError 'unsupported-encryption', always
 */
export function unsupportedEncryption(what: string): never {
  return keyError(
    'unsupported-encryption',
    `This key is encrypted with ${what}, which browsers cannot decrypt. Re-encrypt it with AES: openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-aes.pem (it asks for the passphrase, then a new one), then import key-aes.pem.`,
  );
}

const unsupportedOid = (oid: string): never =>
  unsupportedEncryption(
    UNSUPPORTED.find(([pattern]) => pattern.test(oid))?.[1] ?? 'a scheme browsers lack',
  );

/** What PBES2 needs to decrypt: PBKDF2's inputs, the AES key size and IV, and the ciphertext. */
interface Pbes2 {
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  hash: string;
  keyBytes: number;
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

/** The children of `parent`, whose first ones must have these tags. @throws 'malformed-der' */
function fields(der: Uint8Array, parent: Tlv, tags: number[]): Tlv[] {
  const children = parent[0] === SEQUENCE ? readChildren(der, parent) : malformed();
  if (tags.some((tag, i) => children[i]?.[0] !== tag)) malformed();
  return children;
}

/** An AlgorithmIdentifier's OID (hex) and its parameters, if any. @throws 'malformed-der' */
function algorithm(der: Uint8Array, tlv: Tlv): [oid: string, params: Tlv | undefined] {
  const [oid, params] = fields(der, tlv, [OID]);
  return [hex(der.subarray(oid[1], oid[2])), params];
}

/** A copy of an element's content (WebCrypto wants its own buffer). */
const content = (der: Uint8Array, [, start, end]: Tlv) => der.slice(start, end);

/** A non-negative INTEGER as a number, at most MAX_ITERATIONS + 1. @throws 'malformed-der' */
function readCount(der: Uint8Array, [, start, end]: Tlv): number {
  if (start === end || der[start] & 0x80) malformed();
  let value = 0;
  for (let at = start; at < end; at++) value = Math.min(value * 256 + der[at], MAX_ITERATIONS + 1);
  return value;
}

/**
 * Reads EncryptedPrivateKeyInfo as PBES2 with PBKDF2 and AES-CBC (RFC 8018 A.2, A.4, B.2.5).
 * @throws KeyFormatError 'unsupported-encryption' | 'iterations-too-high' | 'malformed-der' |
 * 'trailing-data'
 */
export function readEncryptedKeyInfo(der: Uint8Array): Pbes2 {
  // EncryptedPrivateKeyInfo: SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }
  const [scheme, data] = readSequence(der);
  if (scheme?.[0] !== SEQUENCE || data?.[0] !== OCTET_STRING) malformed();
  // encryptionAlgorithm: { PBES2 OID, PBES2-params }, or a PBES1 / PKCS#12 scheme
  const [schemeOid, pbes2] = algorithm(der, scheme);
  if (schemeOid !== PBES2) unsupportedOid(schemeOid);
  // PBES2-params: SEQUENCE { keyDerivationFunc, encryptionScheme }
  const [kdf, cipher] = fields(der, pbes2 ?? malformed(), [SEQUENCE, SEQUENCE]);
  // keyDerivationFunc: { PBKDF2 OID, PBKDF2-params }, or scrypt
  const [kdfOid, kdfParams] = algorithm(der, kdf);
  if (kdfOid !== PBKDF2) unsupportedOid(kdfOid);
  // PBKDF2-params: SEQUENCE { salt OCTET STRING, iterationCount INTEGER, ... }
  const [salt, count, ...rest] = fields(der, kdfParams ?? malformed(), [OCTET_STRING, INTEGER]);
  // ... keyLength INTEGER OPTIONAL (some writers add it), ...
  const keyLength = rest[0]?.[0] === INTEGER ? readCount(der, rest.shift()!) : undefined;
  // ... prf AlgorithmIdentifier DEFAULT hmacWithSHA1 (its parameters are NULL or absent)
  const prfOid = rest.length ? algorithm(der, rest[0])[0] : HMAC_SHA1;
  if (rest.length > 1) malformed();
  // encryptionScheme: { aesNNN-CBC OID, iv OCTET STRING (16 bytes) }, or 3DES, RC2, DES
  const [cipherOid, ivField] = algorithm(der, cipher);
  const keyBytes = CIPHERS[cipherOid] ?? unsupportedOid(cipherOid);
  const hash = PRFS[prfOid] ?? unsupportedOid(prfOid);
  const iterations = readCount(der, count);
  const iv =
    ivField?.[0] === OCTET_STRING && ivField[2] - ivField[1] === 16 ? ivField : malformed();
  // CBC ciphertext is whole blocks; a key is never empty.
  if (
    !iterations ||
    (keyLength ?? keyBytes) !== keyBytes ||
    !(data[2] - data[1]) ||
    (data[2] - data[1]) % 16
  )
    malformed();
  if (iterations > MAX_ITERATIONS) {
    keyError(
      'iterations-too-high',
      'This key asks for over 10,000,000 PBKDF2 iterations, too many to try (a hostile file can ask for hours of work): re-encrypt it with openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-aes.pem, then import key-aes.pem.',
    );
  }
  return {
    salt: content(der, salt),
    iterations,
    hash,
    keyBytes,
    iv: content(der, iv),
    data: content(der, data),
  };
}

/** The AES-CBC key PBKDF2 derives from `passphrase` (UTF-8, as openssl reads it). */
async function deriveAesKey(
  passphrase: string,
  { salt, iterations, hash, keyBytes }: Pick<Pbes2, 'salt' | 'iterations' | 'hash' | 'keyBytes'>,
  usage: KeyUsage,
): Promise<CryptoKey> {
  const secret = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt, iterations, hash },
    secret,
    { name: 'AES-CBC', length: keyBytes * 8 },
    false,
    [usage],
  );
}

/** Whether a decrypted body is a PrivateKeyInfo: SEQUENCE { INTEGER, SEQUENCE, ... } filling it. */
function isPrivateKeyInfo(der: Uint8Array): boolean {
  try {
    const [version, algorithm] = readSequence(der);
    return version?.[0] === INTEGER && algorithm?.[0] === SEQUENCE;
  } catch {
    return false;
  }
}

/**
 * Decrypts EncryptedPrivateKeyInfo with `passphrase` as typed (UTF-8), then once more
 * NFC-normalised (a keyboard may type é as e + U+0301), and returns the PrivateKeyInfo DER.
 * About 1 in 256 wrong passphrases passes the CBC padding check, so a body that is not a
 * PrivateKeyInfo also means a wrong passphrase. The PBKDF2 work runs in WebCrypto, off the page's
 * main thread in browsers.
 * @throws KeyFormatError 'passphrase-required' (undefined; '' is a passphrase) |
 * 'wrong-passphrase' | 'unsupported-encryption' (also AES-192 where WebCrypto lacks it, as in
 * Chromium) | 'iterations-too-high' | 'malformed-der' | 'trailing-data'
 */
export async function decryptPrivateKeyInfo(
  der: Uint8Array,
  passphrase: string | undefined,
): Promise<Uint8Array> {
  const params = readEncryptedKeyInfo(der);
  if (passphrase === undefined)
    keyError(
      'passphrase-required',
      'This key is encrypted: enter its passphrase, then import it again.',
    );
  // Chromium: "192-bit AES keys are not supported". Asked before the slow PBKDF2 work.
  if (params.keyBytes === 24) {
    await crypto.subtle
      .importKey('raw', new Uint8Array(24), 'AES-CBC', false, ['decrypt'])
      .catch(() => unsupportedEncryption('AES-192-CBC in this browser'));
  }
  for (const candidate of new Set([passphrase, passphrase.normalize('NFC')])) {
    const key = await deriveAesKey(candidate, params, 'decrypt');
    const plain = await crypto.subtle
      .decrypt({ name: 'AES-CBC', iv: params.iv }, key, params.data)
      .then(
        (bytes) => new Uint8Array(bytes),
        () => null, // bad padding: the wrong key
      );
    if (plain && isPrivateKeyInfo(plain)) return plain;
  }
  return keyError(
    'wrong-passphrase',
    'The passphrase does not open this key: nothing was imported. Check it (caps lock, keyboard layout) and try again.',
  );
}

/** An OBJECT IDENTIFIER from its content bytes in hex. */
const oid = (hexBytes: string) =>
  encodeTlv(
    OID,
    hexBytes.match(/../g)!.map((h) => parseInt(h, 16)),
  );

/**
 * Encrypts a PrivateKeyInfo as EncryptedPrivateKeyInfo: PBES2, PBKDF2-HMAC-SHA256 with
 * EXPORT_ITERATIONS and a random 16-byte salt, AES-256-CBC with a random IV, as
 * `openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256 -iter 600000` writes it.
 */
export async function encryptPrivateKeyInfo(
  der: Uint8Array<ArrayBuffer>,
  passphrase: string,
): Promise<Uint8Array> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const iterations = EXPORT_ITERATIONS;
  const key = await deriveAesKey(
    passphrase,
    { salt, iterations, hash: 'SHA-256', keyBytes: 32 },
    'encrypt',
  );
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, key, der));
  // 600,000 is 0x0927c0: three bytes, top bit clear, so no sign byte.
  const count = [iterations >> 16, (iterations >> 8) & 0xff, iterations & 0xff];
  return encodeTlv(
    SEQUENCE, // EncryptedPrivateKeyInfo
    encodeTlv(
      SEQUENCE, // encryptionAlgorithm
      oid(PBES2),
      encodeTlv(
        SEQUENCE, // PBES2-params
        encodeTlv(
          SEQUENCE, // keyDerivationFunc
          oid(PBKDF2),
          encodeTlv(
            SEQUENCE, // PBKDF2-params
            encodeTlv(OCTET_STRING, salt), // salt
            encodeTlv(INTEGER, count), // iterationCount
            encodeTlv(SEQUENCE, oid(HMAC_SHA256), [NULL, 0]), // prf, with NULL parameters as openssl writes
          ),
        ),
        encodeTlv(SEQUENCE, oid(AES256_CBC), encodeTlv(OCTET_STRING, iv)), // encryptionScheme: AES-256-CBC, IV
      ),
    ),
    encodeTlv(OCTET_STRING, data), // encryptedData
  );
}
