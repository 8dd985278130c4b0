// The one table of WebCrypto parameters Kalshi needs (docs/kalshi-api.md sections 1 and 10).
// Everything that calls crypto.subtle reads from here, so a parameter can change in one place.

/** Kalshi verifies RSA-PSS with salt = digest length (Python PSS.DIGEST_LENGTH, Node RSA_PSS_SALTLEN_DIGEST). */
export const PSS_SALT_LENGTH = 32;

/**
 * RSA-PSS with SHA-256 and a 32-byte salt: one object for importKey, sign and verify (WebCrypto
 * reads the members each call needs and ignores the rest).
 */
export const RSA_PSS: RsaHashedImportParams & RsaPssParams = {
  name: 'RSA-PSS',
  hash: 'SHA-256',
  saltLength: PSS_SALT_LENGTH,
};

/** 2048 bits, e = 65537: what Kalshi issues. */
export const RSA_PSS_GEN: RsaHashedKeyGenParams = {
  ...RSA_PSS,
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
};
