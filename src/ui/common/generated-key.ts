// A key Kalshi made (POST /api_keys/generate): its private key, which arrives as text in Kalshi's
// answer, is imported at once as a non-extractable CryptoKey and stored with its Kalshi key ID.
// The text itself is never stored or shown (the optional backup file is the user's choice).
import { importPrivateKeyPem } from '../../core/key-files';
import {
  looksLikeGenerateAnswer,
  parseGenerateApiKeyAnswer,
  type KalshiAnswerInput,
} from '../../core/kalshi-answers';
import { newKeyRecord } from '../../storage/new-record';
import type { KalshiEnvironmentId } from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';
import { downloadText, fileSlug } from './download';

export interface GeneratedKeyOptions {
  name: string;
  environment: KalshiEnvironmentId;
  scopes?: string[];
  subaccount?: number | null;
  /** Also offer the private key once as a file, as Kalshi sent it (PKCS#1). */
  backup?: boolean;
}

/**
 * The record for Kalshi's generate answer, ready to store; with `backup`, the file is offered
 * first (the answer's PEM is the only copy there will ever be).
 * @throws KalshiAnswerError when the answer is not a generate answer (or an error from Kalshi)
 * @throws KeyFormatError when the private key in it cannot be imported
 */
export async function generatedKeyRecord(
  answer: KalshiAnswerInput,
  { name, environment, scopes, subaccount, backup }: GeneratedKeyOptions,
): Promise<{ record: KeyRecord; file?: string }> {
  const { apiKeyId, privateKeyPem } = parseGenerateApiKeyAnswer(answer);
  const record = await newKeyRecord(await importPrivateKeyPem(privateKeyPem), name);
  let file: string | undefined;
  if (backup) downloadText((file = `${fileSlug(name)}-private-pkcs1.pem`), privateKeyPem);
  return {
    record: {
      ...record,
      environment,
      kalshiKeyId: apiKeyId,
      ...(scopes && { kalshiScopes: scopes }),
      ...(subaccount !== undefined && { kalshiSubaccount: subaccount }),
    },
    file,
  };
}

/**
 * For the import box: the record for pasted text that is a generate answer, or null for any other
 * text (a PEM, a key file). Kalshi's answer does not say the environment: demo until the user
 * says otherwise, as for every imported key.
 */
export async function recordFromPastedGenerateAnswer(
  text: string,
  name: string,
): Promise<KeyRecord | null> {
  if (!looksLikeGenerateAnswer(text)) return null;
  return (await generatedKeyRecord(text, { name, environment: 'demo' })).record;
}
