// Two tiers (design.md): bad user data throws one of these, with a stable `code` and a message
// that says what is wrong and what to do. Programmer misuse throws TypeError.
// The class name is written as a literal because minifiers rename classes.

/** Why a pasted or stored key could not be used. One code per distinct problem. */
export type KeyFormatErrorCode =
  | 'empty-input' // nothing but whitespace
  | 'no-pem-block' // no -----BEGIN ...----- line found
  | 'label-mismatch' // BEGIN X / END Y
  | 'unterminated-pem' // BEGIN without END
  | 'bad-base64' // the body is not base64
  | 'malformed-der' // truncated or not valid DER
  | 'trailing-data' // bytes after the outer DER SEQUENCE
  | 'passphrase-required' // ENCRYPTED PRIVATE KEY imported without a passphrase
  | 'wrong-passphrase' // the passphrase does not decrypt it to a key
  | 'unsupported-encryption' // scrypt, PBES1, PKCS#12 PBE, 3DES, RC2, Proc-Type: 4,ENCRYPTED, …
  | 'iterations-too-high' // PBKDF2 asks for over 10,000,000 iterations: would freeze the page
  | 'ec-key' // EC PRIVATE KEY, or PKCS#8 with id-ecPublicKey
  | 'ed25519-key' // PKCS#8 with id-Ed25519 / Ed448 / X25519
  | 'dsa-key' // DSA PRIVATE KEY, or PKCS#8 with id-dsa
  | 'unsupported-key-type' // any other algorithm OID or label
  | 'public-key' // PUBLIC KEY / RSA PUBLIC KEY where a private key belongs
  | 'certificate' // CERTIFICATE where a private key belongs
  | 'pkcs12' // a binary .p12/.pfx bundle chosen as the key file
  | 'private-key' // a private key where a public key belongs (doctor)
  | 'pkcs1-under-pkcs8-label' // RSA PRIVATE KEY body under -----BEGIN PRIVATE KEY-----
  | 'pkcs8-under-pkcs1-label' // PrivateKeyInfo body under -----BEGIN RSA PRIVATE KEY-----
  | 'key-too-small' // RSA modulus under 2048 bits
  | 'invalid-rsa-key' // parses, but WebCrypto refuses the numbers
  | 'not-extractable'; // exportPrivateKeyPem on a non-extractable key

/** Why a request could not be signed or checked. */
export type RequestFormatErrorCode =
  | 'empty-path'
  | 'path-not-absolute'
  | 'invalid-url'
  | 'empty-method'
  | 'invalid-method'
  | 'invalid-timestamp'
  | 'empty-key-id'
  | 'empty-signature'
  | 'empty-relay-url' // "Send through relay" with no relay set
  | 'invalid-relay-url' // not a URL, another scheme, a query or a doubled /trade-api/v2
  | 'insecure-relay-url' // http:// to a host other than this computer
  | 'unconfirmed-relay' // a relay on another computer the user has not said they run
  | 'unknown-scope' // a scope outside Kalshi's ApiKeyScope enum
  | 'write-without-read' // `write` needs `read` (Kalshi refuses it alone)
  | 'no-scopes' // an empty scope list (Kalshi would read it as no access at all)
  | 'invalid-subaccount' // not an integer 0-63
  | 'empty-name'; // an api_keys request without a key name

/** Why Kalshi's answer (from a relay, or pasted) is not the success this step needs. */
export type KalshiAnswerErrorCode =
  | 'empty-answer' // nothing pasted
  | 'not-an-answer' // no JSON and no HTTP status found
  | 'unexpected-answer' // JSON (or a 2xx) that this endpoint does not return
  | 'byo-not-allowed' // 403 on POST /api_keys: needs Premier or Market Maker
  | 'forbidden' // any other 403: scope, location attestation, a browser Origin
  | 'conflict' // 409: FCM sub-trader not yet visible; retry later
  | 'bad-request' // 400
  | 'unauthorized' // 401: signature, timestamp, unknown key ID
  | 'not-found' // 404
  | 'server-error' // 5xx
  | 'kalshi-error'; // any other refusal (429, 3xx, or an error body without a status)

/** Both coded errors: a message for the user, a code for programs and tests, an optional cause. */
class CodedError<C extends string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/** Bad key input. */
export class KeyFormatError extends CodedError<KeyFormatErrorCode> {
  override name = 'KeyFormatError';
}

/** Bad request input (path, method, timestamp, key ID, relay URL). */
export class RequestFormatError extends CodedError<RequestFormatErrorCode> {
  override name = 'RequestFormatError';
}

/** Kalshi's answer is an error, or not the answer this step needs. */
export class KalshiAnswerError extends CodedError<KalshiAnswerErrorCode> {
  override name = 'KalshiAnswerError';
  constructor(
    code: KalshiAnswerErrorCode,
    message: string,
    /** The HTTP status, when known (a relay answer, or a pasted status line). */
    readonly status?: number,
    /** Kalshi's own error code (e.g. `authentication_error`), when the body has one. */
    readonly kalshiCode?: string,
  ) {
    super(code, message);
  }
}

// Declarations, not arrow constants: TypeScript narrows after a call only to a declared `never`.
/** Throws a KeyFormatError: the one-call form every reader uses. */
export function keyError(code: KeyFormatErrorCode, message: string, cause?: unknown): never {
  throw new KeyFormatError(code, message, cause);
}

/** Throws a RequestFormatError. */
export function requestError(
  code: RequestFormatErrorCode,
  message: string,
  cause?: unknown,
): never {
  throw new RequestFormatError(code, message, cause);
}

/** The fix for a key that was damaged on its way here. */
export const COPY_AGAIN = 'Copy it again from the original file.';
