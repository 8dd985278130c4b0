import { exportPublicKeyPem, publicKeyFingerprint } from '../core';
import type { KeyRecord } from './types';

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
  return {
    id: crypto.randomUUID(),
    name: name.trim(),
    createdAt: Date.now(),
    environment: 'demo',
    kalshiKeyId: '',
    fingerprint: await publicKeyFingerprint(publicKey),
    publicKeyPem: await exportPublicKeyPem(publicKey),
    privateKey,
    publicKey,
  };
}
