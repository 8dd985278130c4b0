// Read and write key files: import pasted or dropped private and public keys (PKCS#1, PKCS#8,
// encrypted PKCS#8, DER), and export the private key for a one-time backup (docs/kalshi-api.md sections 1, 6,
// 10). Apart from keys.ts so the page's first load ("Generate key") does not carry the parsers.

import { RSA_PSS } from './algorithms';
import { armorPem, hex } from './base64';
import {
  bitLength,
  isRsaOid,
  malformed,
  pkcs8FromPkcs1,
  readKeyInfo,
  readRsaPrivateKey,
  readRsaPublicKey,
  readSequence,
  rsaSpkiFromNumbers,
  type RsaPublicNumbers,
} from './der';
import { COPY_AGAIN, keyError, type KeyFormatErrorCode } from './errors';
import { assertKeyType, readExtractable } from './keys';
import { loadPbes2 } from './lazy';
import { decodePemBody, findPemBlocks, type PemBlock } from './pem';

/** What belongs where a key is pasted: the PEM label's ending. */
type ExpectedKind = 'PRIVATE KEY' | 'PUBLIC KEY';

// Kalshi takes Ed25519 keys too now (key_type), but this page signs with RSA-PSS only.
const RSA_ONLY =
  'This page works with RSA keys: generate one here, or have Kalshi make an RSA key (choose RSA, key_type: rsa).';
const PASTE: Record<ExpectedKind, string> = {
  'PRIVATE KEY':
    'Paste the private key file from Kalshi: it starts with -----BEGIN RSA PRIVATE KEY-----.',
  'PUBLIC KEY': 'Paste the public key: it starts with -----BEGIN PUBLIC KEY-----.',
};

/**
 * Keys of another algorithm, by PEM label (EC PRIVATE KEY, EC PARAMETERS, DSA PRIVATE KEY) and by
 * PKCS#8/SPKI algorithm OID (hex of its bytes): id-ecPublicKey, id-dsa, and 1.3.101.* (X25519,
 * X448, Ed25519, Ed448).
 */
const NOT_RSA: [RegExp, KeyFormatErrorCode, string][] = [
  [/^EC P|^2a8648ce3d0201$/, 'ec-key', 'an EC (elliptic-curve)'],
  [/^DSA P|^2a8648ce380401$/, 'dsa-key', 'a DSA'],
  [/^2b65/, 'ed25519-key', 'an Ed25519/X25519'],
];

/**
 * What a key's DER body is, whatever its label says, told by the tags of its first two fields and
 * named like the PEM label it belongs under. (RSAPublicKey, also INTEGER, INTEGER, has two fields.)
 */
const BODY_KINDS: Record<string, string> = {
  '2,48': 'PRIVATE KEY', // INTEGER, SEQUENCE: PKCS#8
  '2,2': 'RSA PRIVATE KEY', // INTEGER, INTEGER: PKCS#1
  '2,4': 'EC PRIVATE KEY', // INTEGER, OCTET STRING: SEC1
  '48,3': 'PUBLIC KEY', // SEQUENCE, BIT STRING: SPKI
  '48,48': 'CERTIFICATE', // SEQUENCE { tbsCertificate }, SEQUENCE { signatureAlgorithm }
  '48,4': 'ENCRYPTED PRIVATE KEY', // SEQUENCE { algorithm }, OCTET STRING: PKCS#8 EncryptedPrivateKeyInfo
};

/** The BODY_KINDS name of a DER key body's fields, or undefined. */
function bodyKind(fields: ReturnType<typeof readSequence>): string | undefined {
  const kind =
    BODY_KINDS[
      fields
        .slice(0, 2)
        .map(([tag]) => tag)
        .join()
    ];
  return kind === 'RSA PRIVATE KEY' && fields.length === 2 ? 'RSA PUBLIC KEY' : kind;
}

/**
 * A key file's bytes as the text to import: UTF-8, or UTF-16 by its byte-order mark (Windows
 * Notepad's "Unicode", PowerShell 5's `>`), or a binary DER key (`openssl ... -outform DER`)
 * armored as the PEM its body is.
 * @throws KeyFormatError 'pkcs12' for a .p12/.pfx bundle; 'malformed-der' | 'trailing-data' for
 * other binary files
 */
export function keyFileText(bytes: Uint8Array, fileName: string): string {
  // DER opens with a SEQUENCE and a long-form length (any key is over 127 bytes); in UTF-8 text
  // a '0' is never followed by a byte of 0x80 or more.
  if (bytes[0] !== 0x30 || bytes[1] < 0x80)
    return new TextDecoder(
      bytes[0] === 0xff ? 'utf-16le' : bytes[0] === 0xfe ? 'utf-16be' : 'utf-8',
    ).decode(bytes);
  // PFX (RFC 7292 4): SEQUENCE { version INTEGER 3, ... }, definite or BER indefinite length.
  if (/^308[0-4].{0,8}020103/.test(hex(bytes.subarray(0, 9))))
    keyError(
      'pkcs12',
      `This is a PKCS#12 bundle: extract the key with openssl pkcs12 -in "${fileName}" -nocerts -nodes -out key.pem, then import key.pem.`,
    );
  return armorPem(bodyKind(readSequence(bytes)) ?? malformed(), bytes);
}

/**
 * Throws the error for a key of the wrong kind, named by its PEM label, by its body (BODY_KINDS)
 * or by its algorithm OID; `expected` is what belongs here.
 * @throws KeyFormatError 'private-key' | 'public-key' | 'ec-key' | 'dsa-key' | 'ed25519-key' |
 * 'certificate' | 'unsupported-key-type'
 */
function throwWrongKind(kind: string, expected: ExpectedKind): never {
  if (expected === 'PUBLIC KEY' && kind.endsWith('PRIVATE KEY')) {
    keyError(
      'private-key',
      'This is a private key: never share it. Paste the public key, or derive it with: openssl pkey -in key.pem -pubout',
    );
  }
  if (expected === 'PRIVATE KEY' && kind.endsWith('PUBLIC KEY')) {
    keyError('public-key', `This is a public key. ${PASTE[expected]}`);
  }
  if (kind === 'OPENSSH PRIVATE KEY') {
    keyError(
      'unsupported-key-type',
      'Browsers cannot read OpenSSH keys: convert a copy with ssh-keygen -p -m PEM -f copy-of-key, then paste it.',
    );
  }
  for (const [pattern, code, name] of NOT_RSA)
    if (pattern.test(kind)) keyError(code, `This is ${name} key. ${RSA_ONLY}`);
  if (kind.endsWith('CERTIFICATE')) {
    keyError('certificate', `This is a certificate, not a key. ${PASTE[expected]}`);
  }
  return keyError('unsupported-key-type', `kalshi-keys cannot use this key (${kind}). ${RSA_ONLY}`);
}

const invalidRsaKey = (cause?: unknown) =>
  keyError('invalid-rsa-key', `This RSA key is damaged. ${COPY_AGAIN}`, cause);

/**
 * Refuses RSA numbers WebCrypto should never see: a modulus under 2048 bits, or over 16,384 (no
 * Kalshi key, and WebCrypto would crawl); an even modulus, or an exponent that is 1 or even (a
 * public key has no probe signature to catch them).
 * @throws KeyFormatError 'key-too-small' | 'invalid-rsa-key'
 */
function checkRsaNumbers(numbers: RsaPublicNumbers): RsaPublicNumbers {
  const { n, e } = numbers;
  const bits = bitLength(n);
  if (bits < 2048) {
    keyError(
      'key-too-small',
      `This RSA key is only ${bits} bits, too weak: generate a 2048-bit key here.`,
    );
  }
  if (bits > 16384 || !(n[n.length - 1] & e[e.length - 1] & 1) || bitLength(e) < 2) {
    invalidRsaKey();
  }
  return numbers;
}

/** Asserts that `kind` (a label or body) belongs where `expected` does, else throwWrongKind. */
const assertKind = (kind: string, expected: ExpectedKind) =>
  new RegExp(`^(RSA )?${expected}$`).test(kind) || throwWrongKind(kind, expected);

/**
 * The PEM block in pasted text that belongs here (a .pem with a certificate chain or EC PARAMETERS
 * still imports), refused by its label when that already says it is the wrong kind.
 * @throws KeyFormatError the PEM codes and throwWrongKind's
 */
function pickBlock(text: string, expected: ExpectedKind): PemBlock {
  const blocks = findPemBlocks(text);
  const block = blocks.find((b) => b.label.endsWith(expected)) ?? blocks[0];
  // ENCRYPTED PRIVATE KEY is a private key to decrypt here, and a private key where a public one belongs.
  if (!(expected === 'PRIVATE KEY' && block.label === 'ENCRYPTED PRIVATE KEY'))
    assertKind(
      block.encrypted && expected === 'PUBLIC KEY' ? 'ENCRYPTED PRIVATE KEY' : block.label,
      expected,
    );
  return block;
}

/**
 * The RSA key in a DER body found under `label`, checked down to its numbers: its PKCS#1 DER
 * (RSAPrivateKey or RSAPublicKey), and the SPKI rebuilt from n and e.
 * @throws KeyFormatError every code a pasted key can earn but the PEM and passphrase ones
 */
function readRsaDer(
  der: Uint8Array,
  label: string,
  expected: ExpectedKind,
): { pkcs1: Uint8Array; numbers: RsaPublicNumbers } {
  const kind = bodyKind(readSequence(der)) ?? malformed();
  assertKind(kind, expected);
  // A public key is read by its body; a private key's label must match its body.
  if (expected === 'PRIVATE KEY' && kind !== label) {
    keyError(
      kind === 'PRIVATE KEY' ? 'pkcs8-under-pkcs1-label' : 'pkcs1-under-pkcs8-label',
      `The key's first and last lines do not match its body: change them to -----BEGIN ${kind}----- and -----END ${kind}-----.`,
    );
  }
  // PKCS#8 and SPKI wrap the PKCS#1 key with an algorithm: RSA, or RSASSA-PSS (same key inside).
  if (kind === 'PRIVATE KEY' || kind === 'PUBLIC KEY') {
    const [algorithm, key] = readKeyInfo(der, kind === 'PUBLIC KEY');
    if (!isRsaOid(algorithm)) throwWrongKind(algorithm, expected);
    der = key;
  }
  const numbers = expected === 'PRIVATE KEY' ? readRsaPrivateKey(der) : readRsaPublicKey(der);
  return { pkcs1: der, numbers: checkRsaNumbers(numbers) };
}

/**
 * The private RSA key in pasted text, decrypted with `passphrase` when it is encrypted: pbes2.ts,
 * loaded only then, so the first load of the page does not carry it.
 * @throws KeyFormatError every code importPrivateKeyPem names
 */
async function readPrivateKey(text: string, passphrase?: string) {
  const block = pickBlock(text, 'PRIVATE KEY');
  if (block.encrypted) {
    const { unsupportedEncryption } = await loadPbes2();
    unsupportedEncryption("OpenSSL's old PEM encryption (Proc-Type: 4,ENCRYPTED, keyed with MD5)");
  }
  const der = decodePemBody(block);
  // Read by its body: a DER file armored by keyFileText, or a label changed by hand.
  if (bodyKind(readSequence(der)) !== 'ENCRYPTED PRIVATE KEY')
    return readRsaDer(der, block.label, 'PRIVATE KEY');
  const { decryptPrivateKeyInfo } = await loadPbes2();
  return readRsaDer(await decryptPrivateKeyInfo(der, passphrase), 'PRIVATE KEY', 'PRIVATE KEY');
}

const importSpki = (numbers: RsaPublicNumbers) =>
  crypto.subtle.importKey('spki', rsaSpkiFromNumbers(numbers), RSA_PSS, true, ['verify']);

/**
 * Imports a pasted RSA private key and derives its public half. Accepts PKCS#8 `PRIVATE KEY` and
 * PKCS#1 `RSA PRIVATE KEY` anywhere in the text (a downloaded .txt, CRLF, indentation, one-line
 * bodies, literal `\n`), and PKCS#8 `ENCRYPTED PRIVATE KEY` (PBES2: PBKDF2 with HMAC-SHA-1/256/384/512,
 * AES-128/192/256-CBC) decrypted with `passphrase`, tried as typed and then NFC-normalised. The
 * passphrase is used for this call only. The private key is non-extractable unless `extractable: true`.
 * @throws KeyFormatError 'empty-input' | 'no-pem-block' | 'unterminated-pem' | 'label-mismatch' |
 * 'bad-base64' | 'malformed-der' | 'trailing-data' | 'passphrase-required' | 'wrong-passphrase' |
 * 'unsupported-encryption' | 'iterations-too-high' | 'ec-key' | 'ed25519-key' | 'dsa-key' |
 * 'unsupported-key-type' | 'public-key' | 'certificate' | 'pkcs1-under-pkcs8-label' |
 * 'pkcs8-under-pkcs1-label' | 'key-too-small' | 'invalid-rsa-key'
 * @throws TypeError when `text` or `passphrase` is not a string
 */
export async function importPrivateKeyPem(
  text: string,
  options?: { extractable?: boolean; passphrase?: string },
): Promise<CryptoKeyPair> {
  const extractable = readExtractable(options);
  const passphrase = readPassphrase(options);
  const { pkcs1, numbers } = await readPrivateKey(text, passphrase);
  const probe = new Uint8Array(8);
  try {
    const pair = {
      // WebCrypto imports only PKCS#8, so PKCS#1 is wrapped (RFC 5208); PSS-OID keys are rewrapped too.
      privateKey: await crypto.subtle.importKey(
        'pkcs8',
        pkcs8FromPkcs1(pkcs1),
        RSA_PSS,
        extractable,
        ['sign'],
      ),
      // The public half is rebuilt from n and e, so the private key never has to be extractable.
      publicKey: await importSpki(numbers),
    };
    // One sign/verify round: a key whose private numbers were damaged can import and yet make
    // signatures Kalshi rejects; finding that out here beats a 401 later.
    const signature = await crypto.subtle.sign(RSA_PSS, pair.privateKey, probe);
    if (await crypto.subtle.verify(RSA_PSS, pair.publicKey, signature, probe)) return pair;
  } catch (cause) {
    return invalidRsaKey(cause);
  }
  return invalidRsaKey();
}

/**
 * Imports a pasted RSA public key for `verifySignature`: SPKI `PUBLIC KEY` or PKCS#1
 * `RSA PUBLIC KEY`, anywhere in the text. The key is extractable (public keys are not secret).
 * @throws KeyFormatError 'private-key' (a private key pasted here) | 'certificate' | 'ec-key' |
 * 'ed25519-key' | 'dsa-key' | 'unsupported-key-type' | 'key-too-small' | 'invalid-rsa-key',
 * and the PEM/DER codes of importPrivateKeyPem
 * @throws TypeError when `text` is not a string
 */
export async function importPublicKeyPem(text: string): Promise<CryptoKey> {
  return importSpki(readPublicKeyPem(text)).catch(invalidRsaKey);
}

/**
 * n and e of a pasted RSA public key, checked as importPublicKeyPem checks them, for the doctor,
 * which opens signatures with them itself (pss.ts).
 * @throws KeyFormatError the codes of importPublicKeyPem
 * @throws TypeError when `text` is not a string
 */
export function readPublicKeyPem(text: string): RsaPublicNumbers {
  const block = pickBlock(text, 'PUBLIC KEY');
  return readRsaDer(decodePemBody(block), block.label, 'PUBLIC KEY').numbers;
}

/** `options.passphrase`, or undefined. @throws TypeError when it is set and not a string */
function readPassphrase(options?: { passphrase?: string }): string | undefined {
  const passphrase = options?.passphrase;
  if (passphrase !== undefined && typeof passphrase !== 'string') {
    throw new TypeError('options.passphrase must be a string');
  }
  return passphrase;
}

/**
 * The private key as PEM, for the one-time backup: PKCS#8 `PRIVATE KEY` (default) or PKCS#1
 * `RSA PRIVATE KEY` (what Kalshi's own downloads look like). With `passphrase` (PKCS#8 only: PKCS#1
 * has no standard encryption WebCrypto can make), PKCS#8 `ENCRYPTED PRIVATE KEY`: PBES2 with
 * PBKDF2-HMAC-SHA256 (600,000 iterations, random 16-byte salt) and AES-256-CBC (random IV), which
 * `openssl pkey -passin` and Python's `load_pem_private_key(password=…)` open.
 * @throws KeyFormatError 'not-extractable' when the key was made or imported non-extractable
 * @throws TypeError when `privateKey` is not a private CryptoKey, `format` is unknown, or a
 * passphrase is given for PKCS#1 or is not a string
 */
export async function exportPrivateKeyPem(
  privateKey: CryptoKey,
  format: 'pkcs8' | 'pkcs1' = 'pkcs8',
  options?: { passphrase?: string },
): Promise<string> {
  assertKeyType(privateKey, 'private');
  const pkcs1 = format === 'pkcs1';
  if (!pkcs1 && format !== 'pkcs8') throw new TypeError(`format must be 'pkcs8' or 'pkcs1'`);
  const passphrase = readPassphrase(options);
  if (pkcs1 && passphrase !== undefined) throw new TypeError('PKCS#1 cannot be encrypted here');
  const notExtractable = (cause?: unknown) =>
    keyError(
      'not-extractable',
      'This private key is non-extractable, so it cannot be saved: for a backup, generate a key with the backup option.',
      cause,
    );
  if (!privateKey.extractable) notExtractable();
  const [, der] = readKeyInfo(
    new Uint8Array(await crypto.subtle.exportKey('pkcs8', privateKey).catch(notExtractable)),
  );
  // Rebuilt from PKCS#1, so an engine's RSA-PSS OID becomes the rsaEncryption OpenSSL writes.
  if (pkcs1) return armorPem('RSA PRIVATE KEY', der);
  if (passphrase === undefined) return armorPem('PRIVATE KEY', pkcs8FromPkcs1(der));
  const { encryptPrivateKeyInfo } = await loadPbes2();
  return armorPem(
    'ENCRYPTED PRIVATE KEY',
    await encryptPrivateKeyInfo(pkcs8FromPkcs1(der), passphrase),
  );
}
