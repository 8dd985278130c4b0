import { describePublicKey } from '../core/keys';
import { looksLikePrivateKey } from '../core/private-key-text';
import type { KeyRecord } from './types';

/** Private key text where a name or ID belongs, where it would be stored and shown as text. */
export class PrivateKeyTextError extends Error {
  override name = 'PrivateKeyTextError';
  readonly code = 'private-key-text';
}

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
