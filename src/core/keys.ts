// Make, import, export and fingerprint Kalshi RSA-PSS keys with WebCrypto (auth.md sections 1, 6, 10).

import { RSA_PSS, RSA_PSS_GEN } from './algorithms';
import { bytesToBase64 } from './base64';
import {
  BIT_STRING,
  INTEGER,
  OCTET_STRING,
  SEQUENCE,
  bitLength,
  isRsaOid,
  malformed,
  pkcs8FromPkcs1,
  readPrivateKeyInfo,
  readPublicKeyInfo,
  readRsaPrivateKey,
  readRsaPublicKey,
  readSequence,
  rsaSpkiFromNumbers,
  type RsaPublicNumbers,
} from './der';
import { KeyFormatError, type KeyFormatErrorCode } from './errors';
import { armorPem, decodePemBody, findPemBlocks, type PemBlock } from './pem';

const PRIVATE =
  'private key file: it starts with -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----';
const PUBLIC = 'public key: it starts with -----BEGIN PUBLIC KEY-----';

/** Keys of another algorithm, by PEM label and by PKCS#8/SPKI algorithm OID (hex of its bytes). */
const NOT_RSA: Record<string, KeyFormatErrorCode> = {
  'EC PRIVATE KEY': 'ec-key',
  'EC PARAMETERS': 'ec-key',
  'DSA PRIVATE KEY': 'dsa-key',
  '2a8648ce3d0201': 'ec-key', // id-ecPublicKey
  '2a8648ce380401': 'dsa-key', // id-dsa
  '2b656e': 'ed25519-key', // X25519
  '2b656f': 'ed25519-key', // X448
  '2b6570': 'ed25519-key', // Ed25519
  '2b6571': 'ed25519-key', // Ed448
};
const NOT_RSA_NAMES: Partial<Record<KeyFormatErrorCode, string>> = {
  'ec-key': 'an EC (elliptic-curve)',
  'dsa-key': 'a DSA',
  'ed25519-key': 'an Ed25519/X25519',
};

const refuse = (code: KeyFormatErrorCode, message: string, cause?: unknown): never => {
  throw new KeyFormatError(code, message, { cause });
};

/** A key of another algorithm (by label or OID); anything else unknown gets `otherwise`. */
function refuseNotRsa(kind: string, otherwise: string): never {
  const code = NOT_RSA[kind];
  return code
    ? refuse(
        code,
        `This is ${NOT_RSA_NAMES[code]} key. Kalshi API keys are RSA: use the key from Kalshi, or generate one here.`,
      )
    : refuse('unsupported-key-type', otherwise);
}

/**
 * Refuses a block whose label is no key of the kind wanted (`want` names what to paste instead).
 * @throws KeyFormatError 'encrypted-key' | 'ec-key' | 'dsa-key' | 'certificate' | 'unsupported-key-type'
 */
function refuseByLabel({ label }: PemBlock, want: string): never {
  if (label === 'ENCRYPTED PRIVATE KEY') refuseEncrypted();
  if (label === 'OPENSSH PRIVATE KEY') {
    refuse(
      'unsupported-key-type',
      'This is an OpenSSH key, which browsers cannot read. Convert a copy to PEM with: ssh-keygen -p -m PEM -f copy-of-key, then paste it.',
    );
  }
  if (label.endsWith('CERTIFICATE')) {
    refuse('certificate', `This is a certificate, not a key. Paste the ${want}.`);
  }
  return refuseNotRsa(label, `"${label}" is not a key kalshi-keys can use. Paste the ${want}.`);
}

const refuseEncrypted = () =>
  refuse(
    'encrypted-key',
    'This key is encrypted with a passphrase. Decrypt it with: openssl pkey -in key.pem -out key-decrypted.pem, then paste key-decrypted.pem.',
  );

const refuseOid = (oid: string) =>
  isRsaOid(oid) ||
  refuseNotRsa(
    oid,
    'This key is not RSA. Kalshi API keys are RSA: use the key from Kalshi, or generate one here.',
  );

const invalidRsaKey = (cause?: unknown) =>
  refuse(
    'invalid-rsa-key',
    'This RSA key is damaged: its numbers are not a valid key. Copy it again from the original file.',
    cause,
  );

/**
 * Refuses RSA numbers WebCrypto should never see: under 2048 bits, over 16,384 (no Kalshi key,
 * and WebCrypto would crawl), an even modulus, or an exponent that is 1, even or over 64 bits.
 * @throws KeyFormatError 'key-too-small' | 'invalid-rsa-key'
 */
function checkRsaNumbers({ n, e }: RsaPublicNumbers): RsaPublicNumbers {
  const bits = bitLength(n);
  if (bits < 2048) {
    refuse(
      'key-too-small',
      `This RSA key is only ${bits} bits, too weak to use. Generate a new 2048-bit key here.`,
    );
  }
  const eBits = bitLength(e);
  if (bits > 16384 || !(n[n.length - 1] & 1) || !(e[e.length - 1] & 1) || eBits < 2 || eBits > 64) {
    invalidRsaKey();
  }
  return { n, e };
}

const importSpki = (spki: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.importKey('spki', spki, RSA_PSS, true, ['verify']);

/** The block that can be the key: a .pem with a certificate chain or EC PARAMETERS still imports. */
const pickBlock = (text: string, suffix: string) => {
  const blocks = findPemBlocks(text);
  return blocks.find((b) => b.label.endsWith(suffix)) ?? blocks[0];
};

/** `options.extractable`, false unless set. @throws TypeError when it is not a boolean */
function readExtractable(options?: { extractable?: boolean }): boolean {
  const extractable = options?.extractable ?? false;
  if (typeof extractable !== 'boolean')
    throw new TypeError('options.extractable must be a boolean');
  return extractable;
}

/** No instanceof: a CryptoKey from another realm (jsdom, iframes) fails it (toolchain.md trap 3). */
function assertKeyType(key: CryptoKey, type: KeyType): void {
  if (key?.type !== type) throw new TypeError(`Expected a ${type} CryptoKey`);
}

/**
 * Generates a Kalshi key pair: RSA-PSS, 2048 bits, e = 65537, SHA-256.
 * The private key is non-extractable unless `extractable: true` (needed only for a one-time backup);
 * the public key is always extractable.
 * @throws TypeError on bad options
 */
export async function generateKeyPair(options?: { extractable?: boolean }): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(RSA_PSS_GEN, readExtractable(options), ['sign', 'verify']);
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
  const extractable = readExtractable(options);
  const block = pickBlock(text, 'PRIVATE KEY');
  const { label } = block;
  const pkcs8Label = label === 'PRIVATE KEY';
  if (/ENCRYPTED/i.test(block.headers['PROC-TYPE'])) refuseEncrypted();
  if (label.endsWith('PUBLIC KEY'))
    refuse('public-key', `This is a public key. Paste the ${PRIVATE}.`);
  if (!pkcs8Label && label !== 'RSA PRIVATE KEY') refuseByLabel(block, PRIVATE);

  // What the body is, told by its first two fields whatever the label says: PKCS#8 is INTEGER,
  // SEQUENCE; PKCS#1 INTEGER, INTEGER; SEC1 (EC) INTEGER, OCTET STRING; SPKI SEQUENCE, BIT STRING;
  // a certificate SEQUENCE, SEQUENCE.
  let der = decodePemBody(block);
  const [first, second] = readSequence(der).map(([tag]) => tag);
  if (first === SEQUENCE && second === BIT_STRING) {
    refuse('public-key', `This is a public key. Paste the ${PRIVATE}.`);
  }
  if (first === SEQUENCE && second === SEQUENCE) {
    refuse('certificate', `This is a certificate, not a key. Paste the ${PRIVATE}.`);
  }
  if (first === INTEGER && second === OCTET_STRING) refuseNotRsa('EC PRIVATE KEY', '');
  if (first !== INTEGER || (second !== SEQUENCE && second !== INTEGER)) throw malformed();
  const pkcs8Body = second === SEQUENCE;
  if (pkcs8Body !== pkcs8Label) {
    // The first and last lines were changed: say which ones the body needs.
    const wanted = pkcs8Body ? 'PRIVATE KEY' : 'RSA PRIVATE KEY';
    refuse(
      pkcs8Body ? 'pkcs8-under-pkcs1-label' : 'pkcs1-under-pkcs8-label',
      `The key's label does not match its body. Change its first and last lines to -----BEGIN ${wanted}----- and -----END ${wanted}-----, or copy the original file again.`,
    );
  }
  if (pkcs8Body) {
    const info = readPrivateKeyInfo(der);
    refuseOid(info.algorithm);
    der = info.privateKey;
  }
  const spki = rsaSpkiFromNumbers(checkRsaNumbers(readRsaPrivateKey(der)));
  const probe = new Uint8Array(8);
  try {
    const pair = {
      // WebCrypto imports only PKCS#8, so PKCS#1 is wrapped (RFC 5208); PSS-OID keys are rewrapped too.
      privateKey: await crypto.subtle.importKey(
        'pkcs8',
        pkcs8FromPkcs1(der),
        RSA_PSS,
        extractable,
        ['sign'],
      ),
      // The public half is rebuilt from n and e, so the private key never has to be extractable.
      publicKey: await importSpki(spki),
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
  const block = pickBlock(text, 'PUBLIC KEY');
  if (block.label.endsWith('PRIVATE KEY')) {
    refuse(
      'private-key',
      'This is a private key: never share it. Paste the public key (-----BEGIN PUBLIC KEY-----), or derive it with: openssl pkey -in key.pem -pubout',
    );
  }
  if (!block.label.endsWith('PUBLIC KEY')) refuseByLabel(block, PUBLIC);
  const der = decodePemBody(block);
  // Read by shape, not label: an SPKI starts with a SEQUENCE, a PKCS#1 RSAPublicKey with an INTEGER.
  let rsaPublicKey = der;
  if (readSequence(der)[0]?.[0] === SEQUENCE) {
    const info = readPublicKeyInfo(der);
    refuseOid(info.algorithm);
    rsaPublicKey = info.publicKey;
  }
  const spki = rsaSpkiFromNumbers(checkRsaNumbers(readRsaPublicKey(rsaPublicKey)));
  try {
    return await importSpki(spki);
  } catch (cause) {
    return invalidRsaKey(cause);
  }
}

/** The SPKI as OpenSSL and Kalshi expect it (rsaEncryption), whatever OID the engine wrote. */
async function exportSpki(publicKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  assertKeyType(publicKey, 'public');
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
  return rsaSpkiFromNumbers(readRsaPublicKey(readPublicKeyInfo(spki).publicKey));
}

/**
 * SPKI `-----BEGIN PUBLIC KEY-----`, base64 in 64 columns, trailing newline: byte for byte what
 * `openssl pkey -pubout` prints. Paste it into Kalshi's "RSA public key" field.
 * @throws TypeError when `publicKey` is not a public CryptoKey
 */
export async function exportPublicKeyPem(publicKey: CryptoKey): Promise<string> {
  return armorPem('PUBLIC KEY', await exportSpki(publicKey));
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
  assertKeyType(privateKey, 'private');
  const pkcs1 = format === 'pkcs1';
  if (!pkcs1 && format !== 'pkcs8') throw new TypeError(`format must be 'pkcs8' or 'pkcs1'`);
  const notExtractable = (cause?: unknown) =>
    refuse(
      'not-extractable',
      'This private key is non-extractable: the browser will not save it as a file. For a backup, generate a new key with the backup option.',
      cause,
    );
  if (!privateKey.extractable) notExtractable();
  const der = readPrivateKeyInfo(
    new Uint8Array(await crypto.subtle.exportKey('pkcs8', privateKey).catch(notExtractable)),
  ).privateKey;
  // Rebuilt from PKCS#1, so an engine's RSA-PSS OID becomes the rsaEncryption OpenSSL writes.
  return pkcs1 ? armorPem('RSA PRIVATE KEY', der) : armorPem('PRIVATE KEY', pkcs8FromPkcs1(der));
}

/**
 * `SHA256:` + unpadded base64 of SHA-256 over the SPKI DER, the OpenSSH style users recognise.
 * @throws TypeError when `publicKey` is not a public CryptoKey
 */
export async function publicKeyFingerprint(publicKey: CryptoKey): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await exportSpki(publicKey));
  return `SHA256:${bytesToBase64(new Uint8Array(digest), false)}`;
}
