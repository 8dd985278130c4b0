import { exportPublicKeyPem, publicKeyFingerprint } from '../core';
import type { EnvironmentId, KeyRecord } from './types';

/**
 * A new record for a key pair whose private key is already non-extractable.
 * The public key is exported once here so the list, the copy button and the doctor never need to.
 */
export async function newKeyRecord(
  { privateKey, publicKey }: CryptoKeyPair,
  name: string,
  environment: EnvironmentId = 'demo',
): Promise<KeyRecord> {
  if (privateKey.extractable) throw new TypeError('only non-extractable private keys are stored');
  return {
    id: crypto.randomUUID(),
    name: name.trim(),
    createdAt: Date.now(),
    environment,
    kalshiKeyId: '',
    fingerprint: await publicKeyFingerprint(publicKey),
    publicKeyPem: await exportPublicKeyPem(publicKey),
    privateKey,
    publicKey,
  };
}
