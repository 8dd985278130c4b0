// The public surface of src/core: re-exports only. Runs unchanged in browsers and Node >= 20.
export { KeyFormatError, RequestFormatError } from './errors';
export type { KeyFormatErrorCode, RequestFormatErrorCode } from './errors';
export { generateKeyPair, exportPublicKeyPem, publicKeyFingerprint } from './keys';
export {
  exportPrivateKeyPem,
  importPrivateKeyPem,
  importPublicKeyPem,
  keyFileText,
} from './key-files';
export { extractPemText } from './pem';
export { canonicalPath, runInLanes, signingMessage, signRequest, verifySignature } from './signing';
export type { KalshiAuthHeaders, SignRequestInput } from './signing';
export { diagnoseSignature } from './diagnose';
export type { DiagnoseInput, Diagnosis, DiagnosisCode } from './diagnose';
export * from './kalshi';
export { parseRequestText } from './parse-request';
export * from './relay';
export { kalshiErrorAdvice } from './kalshi-advice';
export { kalshiErrorOf } from './kalshi-error-answers';
export { KalshiAnswerError } from './errors';
export type { KalshiAnswerErrorCode } from './errors';
export * from './scopes';
export * from './scope-descriptions';
export * from './api-keys';
export * from './kalshi-answers';
export * from './rotation';
export * from './signers';
export { diagnosisVerdict } from './diagnose-words';
export type { Verdict } from './diagnose-words';
