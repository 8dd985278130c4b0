// A bot's TypeScript against the packed types: all of it must type-check, and each
// expect-error directive below must meet an error (so the types are real, not `any`).
import {
  KalshiAnswerError,
  KeyFormatError,
  kalshiFetch,
  loadKey,
  websocketHeaders,
  type KalshiAnswerErrorCode,
  type KalshiFetch,
} from 'kalshi-keys';
import { diagnoseSignature, type Diagnosis } from 'kalshi-keys/doctor';
import { createApiKeyRequest, type LifecycleRequest } from 'kalshi-keys/lifecycle';

export async function bot(pem: string, keyId: string): Promise<number> {
  const privateKey: CryptoKey = await loadKey(pem, { passphrase: 'from an environment variable' });
  const kalshi: KalshiFetch = kalshiFetch({ keyId, privateKey, environment: 'demo' });
  const headers = await websocketHeaders({ keyId, privateKey, environment: 'production' });
  const timestamp: string = headers['KALSHI-ACCESS-TIMESTAMP'];
  const register: LifecycleRequest = createApiKeyRequest({
    name: 'bot',
    publicKeyPem: '-----BEGIN PUBLIC KEY-----',
    scopes: ['read'],
  });
  const diagnosis: Diagnosis = await diagnoseSignature({
    publicKeyPem: pem,
    method: 'GET',
    path: '/trade-api/v2/portfolio/balance',
    timestamp,
    signature: headers['KALSHI-ACCESS-SIGNATURE'],
  });
  try {
    const response: Response = await kalshi(register.path, {
      method: register.method,
      body: register.body,
    });
    const body = (await response.json()) as { balance: number };
    return body.balance + diagnosis.code.length;
  } catch (error) {
    if (error instanceof KalshiAnswerError) {
      const code: KalshiAnswerErrorCode = error.code;
      const status: number | undefined = error.status;
      return code === 'unauthorized' ? 401 : (status ?? 0);
    }
    if (error instanceof KeyFormatError && error.code === 'wrong-passphrase') return -1;
    throw error;
  }
}

export async function mistakes(privateKey: CryptoKey) {
  // @ts-expect-error the environment is 'demo' or 'production'
  kalshiFetch({ keyId: 'k', privateKey, environment: 'prod' });
  // @ts-expect-error loadKey takes text or bytes
  await loadKey(42);
  // @ts-expect-error no such error code
  const code: KalshiAnswerErrorCode = 'teapot';
  return code;
}
