// Make Kalshi RSA-PSS key pairs and export their public half, with WebCrypto (docs/kalshi-api.md sections 1,
// 6, 10). This is all "Generate key" needs, so it is in the page's first load; reading and writing
// key files (import, private export, backups) is in key-files.ts, loaded when a panel needs it.

import { RSA_PSS_GEN } from './algorithms';
import { armorPem, bytesToBase64, hex } from './base64';
import { loadDer } from './lazy';

/** `options.extractable`, false unless set. @throws TypeError when it is not a boolean */
export function readExtractable(options?: { extractable?: boolean }): boolean {
  const extractable = options?.extractable ?? false;
  if (typeof extractable !== 'boolean') {
    throw new TypeError('options.extractable must be a boolean');
  }
  return extractable;
}

/** No instanceof: a CryptoKey from another realm (jsdom, iframes) fails it (toolchain.md trap 3). */
export function assertKeyType(key: CryptoKey, type: KeyType): void {
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
 * SubjectPublicKeyInfo's start when its AlgorithmIdentifier is rsaEncryption with NULL parameters
 * (RFC 3279 2.3.1), after the outer SEQUENCE's 4-byte header: every RSA key of 2048 to 16,384 bits
 * has a two-byte length there.
 */
const RSA_ENCRYPTION_ALGORITHM = '300d06092a864886f70d0101010500';

/** Whether `spki` already names rsaEncryption, as OpenSSL and Kalshi expect. */
export const isRsaEncryptionSpki = (spki: Uint8Array): boolean =>
  spki[0] === 0x30 && spki[1] === 0x82 && hex(spki.subarray(4, 19)) === RSA_ENCRYPTION_ALGORITHM;

/**
 * The SPKI as OpenSSL and Kalshi expect it (rsaEncryption), whatever OID the engine wrote.
 * Chromium and Firefox write rsaEncryption, so the DER reader that rebuilds it from n and e (der.ts)
 * loads only for an engine that writes another (RSASSA-PSS), and the first load does without it.
 */
async function exportSpki(publicKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  assertKeyType(publicKey, 'public');
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
  if (isRsaEncryptionSpki(spki)) return spki;
  const { readKeyInfo, readRsaPublicKey, rsaSpkiFromNumbers } = await loadDer();
  return rsaSpkiFromNumbers(readRsaPublicKey(readKeyInfo(spki, true)[1]));
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
 * `SHA256:` + unpadded base64 of SHA-256 over the SPKI DER, the OpenSSH style users recognise.
 * @throws TypeError when `publicKey` is not a public CryptoKey
 */
export async function publicKeyFingerprint(publicKey: CryptoKey): Promise<string> {
  return fingerprintOf(await exportSpki(publicKey));
}

const fingerprintOf = async (spki: Uint8Array<ArrayBuffer>) =>
  `SHA256:${bytesToBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', spki)), false)}`;

/**
 * exportPublicKeyPem and publicKeyFingerprint from one SPKI export, for a new key record.
 * @throws TypeError when `publicKey` is not a public CryptoKey
 */
export async function describePublicKey(
  publicKey: CryptoKey,
): Promise<{ publicKeyPem: string; fingerprint: string }> {
  const spki = await exportSpki(publicKey);
  return { publicKeyPem: armorPem('PUBLIC KEY', spki), fingerprint: await fingerprintOf(spki) };
}
