// kalshi-keys, the package: what a bot imports to load its key and sign Kalshi requests.
// The doctor and the key's life on Kalshi are separate entry points (kalshi-keys/doctor,
// kalshi-keys/lifecycle), so a bot that only signs never loads them.
export { answerError, kalshiFetch, loadKey, websocketHeaders, websocketUrl } from './client';
export type { KalshiFetch, KalshiFetchOptions, KalshiSigner } from './client';
export {
  KALSHI_ENVIRONMENTS,
  KalshiAnswerError,
  KeyFormatError,
  REST_PREFIX,
  RequestFormatError,
  WS_PATH,
  canonicalPath,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateKeyPair,
  importPrivateKeyPem,
  importPublicKeyPem,
  kalshiEnvironment,
  kalshiErrorAdvice,
  publicKeyFingerprint,
  signRequest,
  signingMessage,
  verifySignature,
} from '../core/index';
export type {
  KalshiAnswerErrorCode,
  KalshiAuthHeaders,
  KalshiEnvironment,
  KalshiEnvironmentId,
  KalshiHost,
  KeyFormatErrorCode,
  RequestFormatErrorCode,
  SignRequestInput,
} from '../core/index';
