// kalshi-keys/lifecycle: a key's life on Kalshi as pure data. Request builders for the api_keys
// endpoints and the balance check, parsers of Kalshi's answers, scopes, and the rotation's
// state machine (mint, register, prove, confirm, delete). Send the requests with kalshiFetch.
export {
  API_KEY_SCOPES,
  DEFAULT_SCOPES,
  ROTATION_STEPS,
  SCOPE_DESCRIPTIONS,
  SCOPE_PRESETS,
  advanceRotation,
  balanceRequest,
  createApiKeyRequest,
  deleteApiKeyRequest,
  generateApiKeyRequest,
  listApiKeysRequest,
  normalizeScopes,
  parseBalanceAnswer,
  parseCreateApiKeyAnswer,
  parseDeleteApiKeyAnswer,
  parseGenerateApiKeyAnswer,
  parseListApiKeysAnswer,
  parseSubaccount,
  scopesInWords,
  startRotation,
} from '../core/index';
export type {
  ApiKeyScope,
  KalshiAnswerInput,
  LifecycleRequest,
  ListedApiKey,
  RotationEvent,
  RotationState,
  RotationStep,
} from '../core/index';
