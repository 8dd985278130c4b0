// Test keys, in one place. RSA keys of Kalshi's kind made by node:crypto (an implementation
// independent of src/core, so a test that imports or checks them can't agree with itself), and
// WebCrypto pairs made with the page's own parameters (src/core/algorithms.ts) for tests that need
// a CryptoKey without going through generateKeyPair. Keys made by the openssl CLI are in
// ./openssl.ts.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { RSA_PSS_GEN } from '../../src/core/algorithms';

/** An RSA key pair made by node:crypto, with the PEM forms tests hand to the page. */
export interface NodeRsaKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** `-----BEGIN RSA PRIVATE KEY-----`: the form of Kalshi's download. */
  pkcs1Pem: string;
  /** `-----BEGIN PRIVATE KEY-----`. */
  pkcs8Pem: string;
  /** `-----BEGIN PUBLIC KEY-----` (SPKI): what Kalshi is given and the page shows. */
  publicPem: string;
}

/** A fresh RSA key from node:crypto: 2048 bits and e = 65537 (the page's size) unless `bits` says. */
export function nodeRsaKey(bits = RSA_PSS_GEN.modulusLength): NodeRsaKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicExponent: 65537,
  });
  return {
    privateKey,
    publicKey,
    pkcs1Pem: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    pkcs8Pem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

/**
 * A WebCrypto RSA-PSS pair with the parameters the page generates with (2048 bits, SHA-256), made
 * directly by crypto.subtle. Check what it signs with node:crypto or openssl, not with src/core.
 */
export function webCryptoPssPair(extractable = false): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(RSA_PSS_GEN, extractable, ['sign', 'verify']);
}
