// kalshi-keys/doctor: why Kalshi rejects a signature (a 401 INCORRECT_API_KEY_SIGNATURE), from
// the public key and what the bot sent, with the verdict in words and the fix.
export {
  diagnoseSignature,
  diagnosisVerdict,
  importPublicKeyPem,
  parseRequestText,
  verifySignature,
} from '../core/index';
export type { DiagnoseInput, Diagnosis, DiagnosisCode, Verdict } from '../core/index';
