import { describePublicKey } from '../core/keys';
import type { KeyRecord } from './types';

/**
 * Private key text: a PEM line, or the base64 start of an RSA key in PKCS#1 or PKCS#8 (a body
 * copied without its lines). Public keys and certificates do not match.
 */
export const looksLikePrivateKey = (text: string): boolean =>
  /PRIVATE KEY-----|MII[\w+/]{3}IBA(AKC|DANBgkqhkiG9w0BAQEFAAS)/.test(text);

/** Private key text where a name or ID belongs, where it would be stored and shown as text. */
/** The name typed, or "Kalshi key YYYY-MM-DD HH:MM" (UTC) when it is blank. */
export const keyNameOrDefault = (typed: string): string =>
  typed.trim() || `Kalshi key ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;

export class PrivateKeyTextError extends Error {}

/**
 * A new record for a key pair whose private key is already non-extractable, for the demo
 * environment until the user says otherwise. The public key is exported once here so the list,
 * the copy button and the doctor never need to.
 */
export async function newKeyRecord(
  { privateKey, publicKey }: CryptoKeyPair,
  name: string,
): Promise<KeyRecord> {
  if (privateKey.extractable) throw new TypeError('only non-extractable private keys are stored');
  // A key pasted into "Key name" or "Name for imported key" would be stored and listed in clear.
  if (looksLikePrivateKey(name)) throw new PrivateKeyTextError('private key text as a key name');
  return {
    id: crypto.randomUUID(),
    name: name.trim(),
    createdAt: Date.now(),
    environment: 'demo',
    kalshiKeyId: '',
    ...(await describePublicKey(publicKey)),
    privateKey,
    publicKey,
  };
}
