// Make, import, export and fingerprint Kalshi RSA-PSS keys with WebCrypto (auth.md sections 1, 6, 10).

import {
  HASH,
  MIN_RSA_MODULUS_BITS,
  RSA_PSS_GEN_ALGORITHM,
  RSA_PSS_KEY_ALGORITHM,
  RSA_PSS_SIGN_ALGORITHM,
} from './algorithms';
import { bytesToBase64 } from './base64';
import {
  OID_DSA,
  OID_EC_PUBLIC_KEY,
  OID_ED25519,
  OID_ED448,
  OID_RSA_ENCRYPTION,
  OID_RSASSA_PSS,
  OID_X25519,
  OID_X448,
  bitLength,
  pkcs8FromPkcs1,
  privateKeyShape,
  readPrivateKeyInfo,
  readPublicKeyInfo,
  readRsaPrivateKey,
  readRsaPublicKey,
  rsaSpkiFromNumbers,
  type RsaPublicNumbers,
} from './der';
import { KeyFormatError } from './errors';
import { armorPem, decodePemBody, findPemBlocks, type PemBlock } from './pem';

/** Moduli above this are no Kalshi key, and would make WebCrypto crawl. */
const MAX_RSA_MODULUS_BITS = 16384;

const DECRYPT_ADVICE =
  'Decrypt it first with: openssl pkey -in key.pem -out key-decrypted.pem (it asks for the passphrase), then paste key-decrypted.pem.';
const USE_RSA_ADVICE =
  'Kalshi API keys are RSA: paste the RSA private key file Kalshi gave you, or generate a new key here.';
const PASTE_PRIVATE_ADVICE =
  'Paste the private key file from Kalshi: it starts with -----BEGIN RSA PRIVATE KEY----- (or -----BEGIN PRIVATE KEY-----).';

// ---- small guards ----

function assertCryptoKey(key: unknown, type: KeyType, what: string): asserts key is CryptoKey {
  // No instanceof: CryptoKey from another realm (jsdom, iframes) fails it (toolchain.md trap 3).
  const k = key as CryptoKey | null;
  if (
    typeof k !== 'object' ||
    k === null ||
    typeof k.type !== 'string' ||
    typeof k.algorithm !== 'object'
  ) {
    throw new TypeError(`${what} must be a CryptoKey`);
  }
  if (k.type !== type)
    throw new TypeError(`${what} must be a ${type} CryptoKey, got a ${k.type} key`);
}

function readExtractable(options: { extractable?: boolean } | undefined): boolean {
  if (options === undefined) return false;
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
  const { extractable } = options;
  if (extractable !== undefined && typeof extractable !== 'boolean') {
    throw new TypeError('options.extractable must be a boolean');
  }
  return extractable ?? false;
}

// ---- refusals shared by both importers ----

function refuseByLabel(block: PemBlock): never {
  const label = block.label;
  if (label === 'ENCRYPTED PRIVATE KEY') {
    throw new KeyFormatError(
      'encrypted-key',
      `This key is encrypted with a passphrase. ${DECRYPT_ADVICE}`,
    );
  }
  if (label === 'EC PRIVATE KEY' || label === 'EC PARAMETERS') {
    throw new KeyFormatError('ec-key', `This is an EC (elliptic-curve) key. ${USE_RSA_ADVICE}`);
  }
  if (label === 'DSA PRIVATE KEY') {
    throw new KeyFormatError('dsa-key', `This is a DSA key. ${USE_RSA_ADVICE}`);
  }
  if (label === 'OPENSSH PRIVATE KEY') {
    throw new KeyFormatError(
      'unsupported-key-type',
      'This is an OpenSSH key, a format browsers cannot read. If it is an RSA key, convert a copy to PEM with: ssh-keygen -p -m PEM -f copy-of-key (it rewrites the file), then paste it again.',
    );
  }
  if (label.endsWith('CERTIFICATE')) {
    throw new KeyFormatError(
      'certificate',
      `This is a certificate, not a key. ${PASTE_PRIVATE_ADVICE}`,
    );
  }
  throw new KeyFormatError(
    'unsupported-key-type',
    `"${label}" is not a key kalshi-keys can use. ${PASTE_PRIVATE_ADVICE}`,
  );
}

function refuseByOid(oid: string): never {
  if (oid === OID_EC_PUBLIC_KEY) {
    throw new KeyFormatError('ec-key', `This is an EC (elliptic-curve) key. ${USE_RSA_ADVICE}`);
  }
  if (oid === OID_ED25519 || oid === OID_ED448 || oid === OID_X25519 || oid === OID_X448) {
    throw new KeyFormatError(
      'ed25519-key',
      `This is an Ed25519/Ed448/X25519 key; kalshi-keys signs with RSA-PSS only. ${USE_RSA_ADVICE}`,
    );
  }
  if (oid === OID_DSA) throw new KeyFormatError('dsa-key', `This is a DSA key. ${USE_RSA_ADVICE}`);
  throw new KeyFormatError(
    'unsupported-key-type',
    `This key uses algorithm ${oid}, not RSA. ${USE_RSA_ADVICE}`,
  );
}

function isRsaOid(oid: string): boolean {
  // RSASSA-PSS keys (openssl genpkey -algorithm RSA-PSS) hold the same RSAPrivateKey inside.
  return oid === OID_RSA_ENCRYPTION || oid === OID_RSASSA_PSS;
}

/**
 * Refuses RSA numbers WebCrypto should never see.
 * @throws KeyFormatError 'key-too-small' | 'invalid-rsa-key'
 */
function checkRsaNumbers({ n, e }: RsaPublicNumbers): void {
  const bits = bitLength(n);
  if (bits < MIN_RSA_MODULUS_BITS) {
    throw new KeyFormatError(
      'key-too-small',
      `This RSA key is only ${bits} bits; keys under ${MIN_RSA_MODULUS_BITS} bits are too weak to use. Generate a new key here (2048 bits), or with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`,
    );
  }
  if (bits > MAX_RSA_MODULUS_BITS) {
    throw new KeyFormatError(
      'invalid-rsa-key',
      `This RSA key is ${bits} bits, more than the ${MAX_RSA_MODULUS_BITS} any browser supports. Use a 2048-bit key.`,
    );
  }
  // An even modulus or an exponent of 1 or an even one is no RSA key, whatever WebCrypto makes of it.
  const eBits = bitLength(e);
  if ((n[n.length - 1] & 1) === 0 || eBits < 2 || eBits > 64 || (e[e.length - 1] & 1) === 0) {
    throw new KeyFormatError(
      'invalid-rsa-key',
      'The numbers in this RSA key are not a valid key: it was damaged. Copy the key again from the original file.',
    );
  }
}

function invalidRsaKey(cause: unknown): KeyFormatError {
  return new KeyFormatError(
    'invalid-rsa-key',
    'The numbers in this RSA key do not form a usable key: it was damaged. Copy the key again from the original file, or download it again.',
    { cause },
  );
}

// ---- private keys ----

/**
 * The RSAPrivateKey (PKCS#1) DER inside a private key block, whatever its wrapping.
 * @throws KeyFormatError, every code a pasted private key can earn
 */
function rsaPrivateKeyFromBlock(block: PemBlock): Uint8Array {
  const isPkcs8Label = block.label === 'PRIVATE KEY';
  const isPkcs1Label = block.label === 'RSA PRIVATE KEY';
  if (/ENCRYPTED/i.test(block.headers['PROC-TYPE'] ?? '')) {
    throw new KeyFormatError(
      'encrypted-key',
      `This key is encrypted with a passphrase. ${DECRYPT_ADVICE}`,
    );
  }
  if (block.label === 'PUBLIC KEY' || block.label === 'RSA PUBLIC KEY') {
    throw new KeyFormatError('public-key', `This is a public key. ${PASTE_PRIVATE_ADVICE}`);
  }
  if (!isPkcs8Label && !isPkcs1Label) refuseByLabel(block);

  const der = decodePemBody(block);
  const shape = privateKeyShape(der);
  if (shape === 'sec1') refuseByOid(OID_EC_PUBLIC_KEY);
  if (shape === 'spki')
    throw new KeyFormatError(
      'public-key',
      `This is a public key under a private key label. ${PASTE_PRIVATE_ADVICE}`,
    );
  if (shape === 'certificate')
    throw new KeyFormatError(
      'certificate',
      `This is a certificate under a private key label. ${PASTE_PRIVATE_ADVICE}`,
    );
  if (isPkcs8Label && shape === 'pkcs1') {
    throw new KeyFormatError(
      'pkcs1-under-pkcs8-label',
      'The key says BEGIN PRIVATE KEY, but its body is an RSA PRIVATE KEY (PKCS#1): its first and last lines were changed. Change them to -----BEGIN RSA PRIVATE KEY----- and -----END RSA PRIVATE KEY-----, or copy the original file again.',
    );
  }
  if (isPkcs1Label && shape === 'pkcs8') {
    throw new KeyFormatError(
      'pkcs8-under-pkcs1-label',
      'The key says BEGIN RSA PRIVATE KEY, but its body is a PKCS#8 PRIVATE KEY: its first and last lines were changed. Change them to -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY-----, or copy the original file again.',
    );
  }
  if (shape === 'pkcs1') return der;
  if (shape !== 'pkcs8') {
    throw new KeyFormatError(
      'malformed-der',
      'The key data is damaged (not a private key structure). Copy the whole file again, from -----BEGIN to -----END.',
    );
  }
  const info = readPrivateKeyInfo(der);
  if (!isRsaOid(info.algorithm)) refuseByOid(info.algorithm);
  return info.privateKey;
}

/** Blocks that can be the key, best first: a .pem with a certificate chain or EC PARAMETERS still imports. */
function pickBlock(blocks: PemBlock[], wanted: (label: string) => boolean): PemBlock {
  return blocks.find((b) => wanted(b.label)) ?? blocks[0];
}

/**
 * Generates a Kalshi key pair: RSA-PSS, 2048 bits, e = 65537, SHA-256.
 * The private key is non-extractable unless `extractable: true` (needed only for a one-time backup);
 * the public key is always extractable.
 * @throws TypeError on bad options
 */
export async function generateKeyPair(options?: { extractable?: boolean }): Promise<CryptoKeyPair> {
  const extractable = readExtractable(options);
  const pair = await crypto.subtle.generateKey(RSA_PSS_GEN_ALGORITHM, extractable, [
    'sign',
    'verify',
  ]);
  return pair;
}

/**
 * Imports a pasted RSA private key and derives its public half. Accepts PKCS#8 `PRIVATE KEY` and
 * PKCS#1 `RSA PRIVATE KEY` anywhere in the text (a downloaded .txt, CRLF, indentation, one-line
 * bodies, literal `\n`). The private key is non-extractable unless `extractable: true`.
 * @throws KeyFormatError 'empty-input' | 'no-pem-block' | 'unterminated-pem' | 'label-mismatch' |
 * 'bad-base64' | 'malformed-der' | 'trailing-data' | 'encrypted-key' | 'ec-key' | 'ed25519-key' |
 * 'dsa-key' | 'unsupported-key-type' | 'public-key' | 'certificate' | 'pkcs1-under-pkcs8-label' |
 * 'pkcs8-under-pkcs1-label' | 'key-too-small' | 'invalid-rsa-key'
 * @throws TypeError when `text` is not a string
 */
export async function importPrivateKeyPem(
  text: string,
  options?: { extractable?: boolean },
): Promise<CryptoKeyPair> {
  if (typeof text !== 'string')
    throw new TypeError('importPrivateKeyPem expects the PEM text as a string');
  const extractable = readExtractable(options);
  const block = pickBlock(findPemBlocks(text), (label) => label.endsWith('PRIVATE KEY'));
  const pkcs1 = rsaPrivateKeyFromBlock(block);
  const numbers = readRsaPrivateKey(pkcs1);
  checkRsaNumbers(numbers);

  let pair: CryptoKeyPair;
  try {
    // WebCrypto imports only PKCS#8, so PKCS#1 is wrapped (RFC 5208); PSS-OID keys are rewrapped too.
    const privateKey = await crypto.subtle.importKey(
      'pkcs8',
      pkcs8FromPkcs1(pkcs1),
      RSA_PSS_KEY_ALGORITHM,
      extractable,
      ['sign'],
    );
    // The public half is rebuilt from n and e, so the private key never has to be extractable.
    const publicKey = await crypto.subtle.importKey(
      'spki',
      rsaSpkiFromNumbers(numbers),
      RSA_PSS_KEY_ALGORITHM,
      true,
      ['verify'],
    );
    pair = { privateKey, publicKey };
  } catch (cause) {
    throw invalidRsaKey(cause);
  }
  await assertPairSigns(pair);
  return pair;
}

/**
 * One sign/verify round: a key whose private numbers were damaged can import and yet make
 * signatures Kalshi rejects; finding that out at import beats a 401 later.
 * @throws KeyFormatError 'invalid-rsa-key'
 */
async function assertPairSigns(pair: CryptoKeyPair): Promise<void> {
  const probe = new Uint8Array([0x6b, 0x61, 0x6c, 0x73, 0x68, 0x69]);
  let ok = false;
  let failure: unknown;
  try {
    const signature = await crypto.subtle.sign(RSA_PSS_SIGN_ALGORITHM, pair.privateKey, probe);
    ok = await crypto.subtle.verify(RSA_PSS_SIGN_ALGORITHM, pair.publicKey, signature, probe);
  } catch (cause) {
    failure = cause;
  }
  if (!ok) throw invalidRsaKey(failure);
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
  if (typeof text !== 'string')
    throw new TypeError('importPublicKeyPem expects the PEM text as a string');
  const block = pickBlock(findPemBlocks(text), (label) => label.endsWith('PUBLIC KEY'));
  if (block.label.endsWith('PRIVATE KEY')) {
    throw new KeyFormatError(
      'private-key',
      'This is a private key: never share it. Paste the public key (-----BEGIN PUBLIC KEY-----) instead, or derive it from the private key with: openssl pkey -in key.pem -pubout',
    );
  }
  if (block.label !== 'PUBLIC KEY' && block.label !== 'RSA PUBLIC KEY') refuseByLabel(block);

  const der = decodePemBody(block);
  // Read by shape, not label: an SPKI starts with a SEQUENCE, a PKCS#1 RSAPublicKey with an INTEGER.
  let numbers: RsaPublicNumbers;
  if (der.length > 4 && isSpkiShaped(der)) {
    const info = readPublicKeyInfo(der);
    if (!isRsaOid(info.algorithm)) refuseByOid(info.algorithm);
    numbers = readRsaPublicKey(info.publicKey);
  } else {
    numbers = readRsaPublicKey(der);
  }
  checkRsaNumbers(numbers);
  try {
    return await crypto.subtle.importKey(
      'spki',
      rsaSpkiFromNumbers(numbers),
      RSA_PSS_KEY_ALGORITHM,
      true,
      ['verify'],
    );
  } catch (cause) {
    throw invalidRsaKey(cause);
  }
}

function isSpkiShaped(der: Uint8Array): boolean {
  try {
    return privateKeyShape(der) === 'spki';
  } catch {
    return false;
  }
}

/**
 * SPKI `-----BEGIN PUBLIC KEY-----`, base64 in 64 columns, trailing newline: byte for byte what
 * `openssl pkey -pubout` prints. Paste it into Kalshi's "RSA public key" field.
 * @throws TypeError when `publicKey` is not a public CryptoKey
 */
export async function exportPublicKeyPem(publicKey: CryptoKey): Promise<string> {
  assertCryptoKey(publicKey, 'public', 'publicKey');
  return armorPem('PUBLIC KEY', await exportSpki(publicKey));
}

async function exportSpki(publicKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
  const info = readPublicKeyInfo(spki);
  // Some engines label RSA-PSS keys with the PSS OID; OpenSSL and Kalshi expect rsaEncryption.
  return info.algorithm === OID_RSA_ENCRYPTION
    ? spki
    : rsaSpkiFromNumbers(readRsaPublicKey(info.publicKey));
}

/**
 * The private key as PEM, for the one-time backup: PKCS#8 `PRIVATE KEY` (default) or PKCS#1
 * `RSA PRIVATE KEY` (what Kalshi's own downloads look like).
 * @throws KeyFormatError 'not-extractable' when the key was made or imported non-extractable
 * @throws TypeError when `privateKey` is not a private CryptoKey or `format` is unknown
 */
export async function exportPrivateKeyPem(
  privateKey: CryptoKey,
  format: 'pkcs8' | 'pkcs1' = 'pkcs8',
): Promise<string> {
  assertCryptoKey(privateKey, 'private', 'privateKey');
  if (format !== 'pkcs8' && format !== 'pkcs1')
    throw new TypeError(`format must be 'pkcs8' or 'pkcs1'`);
  const notExtractable = (cause?: unknown) =>
    new KeyFormatError(
      'not-extractable',
      'This private key is locked in the browser (non-extractable), so it cannot be saved as a file. Its only copy stays here; to have a backup, generate a new key with the backup option and register that one with Kalshi.',
      { cause },
    );
  if (!privateKey.extractable) throw notExtractable();
  let der: Uint8Array;
  try {
    der = new Uint8Array(await crypto.subtle.exportKey('pkcs8', privateKey));
  } catch (cause) {
    throw notExtractable(cause);
  }
  const info = readPrivateKeyInfo(der);
  if (format === 'pkcs1') return armorPem('RSA PRIVATE KEY', info.privateKey);
  return armorPem(
    'PRIVATE KEY',
    info.algorithm === OID_RSA_ENCRYPTION ? der : pkcs8FromPkcs1(info.privateKey),
  );
}

/**
 * `SHA256:` + unpadded base64 of SHA-256 over the SPKI DER, the OpenSSH style users recognise.
 * @throws TypeError when `publicKey` is not a public CryptoKey
 */
export async function publicKeyFingerprint(publicKey: CryptoKey): Promise<string> {
  assertCryptoKey(publicKey, 'public', 'publicKey');
  const digest = new Uint8Array(await crypto.subtle.digest(HASH, await exportSpki(publicKey)));
  return `SHA256:${bytesToBase64(digest, false)}`;
}
