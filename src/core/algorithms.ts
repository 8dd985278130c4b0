// The one table of WebCrypto parameters Kalshi needs (auth.md section 1 and 10).
// Everything that calls crypto.subtle reads from here, so a parameter can change in one place.

export const RSA_MODULUS_BITS = 2048;
/** Keys shorter than this are refused on import: Kalshi issues 2048-bit keys and NIST retired 1024. */
export const MIN_RSA_MODULUS_BITS = 2048;
export const RSA_PUBLIC_EXPONENT = new Uint8Array([0x01, 0x00, 0x01]); // 65537
export const HASH = 'SHA-256';
/** Kalshi verifies RSA-PSS with salt = digest length (Python PSS.DIGEST_LENGTH, Node RSA_PSS_SALTLEN_DIGEST). */
export const PSS_SALT_LENGTH = 32;

export const RSA_PSS_KEY_ALGORITHM: RsaHashedImportParams = { name: 'RSA-PSS', hash: HASH };

export const RSA_PSS_GEN_ALGORITHM: RsaHashedKeyGenParams = {
  name: 'RSA-PSS',
  modulusLength: RSA_MODULUS_BITS,
  publicExponent: RSA_PUBLIC_EXPONENT,
  hash: HASH,
};

export const RSA_PSS_SIGN_ALGORITHM: RsaPssParams = {
  name: 'RSA-PSS',
  saltLength: PSS_SALT_LENGTH,
};
