// What each Kalshi step of a key rotation sends, which key signs it, and what Kalshi's answer
// means for the rotation (and for the stored keys). The flow that runs them is use-rotation.ts.
import {
  balanceRequest,
  createApiKeyRequest,
  deleteApiKeyRequest,
  type LifecycleRequest,
} from '../../core/api-keys';
import type { KalshiEnvironmentId } from '../../core/kalshi';
import {
  parseBalanceAnswer,
  parseCreateApiKeyAnswer,
  parseDeleteApiKeyAnswer,
  type KalshiAnswerInput,
} from '../../core/kalshi-answers';
import type { RotationEvent, RotationState } from '../../core/rotation';
import { scopesManageKeys } from '../../core/scopes';
import type { KeyStore } from '../../storage/key-store';
import type { KeyRecord } from '../../storage/types';
import { signersFor } from './SignerSelect';

/**
 * Who signs a rotation's registration or deletion for `own`: `own` itself when its scopes may
 * manage API keys (or Kalshi has not said, so it may), else the first other key of the
 * environment known to manage them; undefined when there is none (Kalshi would answer 403).
 */
export function rotationManager(
  own: KeyRecord,
  keys: readonly KeyRecord[],
  environment: KalshiEnvironmentId,
): KeyRecord | undefined {
  if (!own.kalshiScopes || scopesManageKeys(own.kalshiScopes)) return own;
  return signersFor(keys, environment, true).find(
    ({ key }) => key.kalshiScopes && scopesManageKeys(key.kalshiScopes) && !key.kalshiNotFound,
  )?.key;
}

const GONE = 'A key of this rotation was deleted here: stop the rotation, then check with Kalshi.';

/** One call to Kalshi: what to send, who signs it, and what the answer means for the rotation. */
export interface KalshiCall {
  request: LifecycleRequest;
  signer: KeyRecord;
  /** Resolves to the event that moves the rotation on and the status line to show. */
  read: (answer: KalshiAnswerInput) => Promise<[RotationEvent, string]>;
}

/**
 * The call that performs `s`'s step (register, prove or delete), with the rotation's keys found
 * among the stored `keys`.
 * @throws Error when a key it needs was deleted here; the request builders' errors
 * @throws TypeError at a step with no call to Kalshi (programmer error)
 */
export function kalshiCall(
  s: RotationState,
  keys: readonly KeyRecord[],
  store: KeyStore,
): KalshiCall {
  const old = keys.find((key) => key.id === s.oldKeyId);
  const fresh = keys.find((key) => key.id === s.newKeyId);
  const name = fresh?.name ?? '';
  // The new key signs under the ID Kalshi gave it, even before the stored list shows that ID.
  const signer =
    fresh && s.newKalshiKeyId ? { ...fresh, kalshiKeyId: s.newKalshiKeyId } : undefined;
  // Registering and deleting keys needs a key that may manage them: the key itself when it may,
  // else the best other one (see rotationManager).
  const registrar = old && rotationManager(old, keys, s.environment);
  // The new key deletes the old one when it may manage keys; else the key that registered it.
  const deleter = signer && scopesManageKeys(s.scopes) ? signer : registrar;
  const call = (
    by: KeyRecord | undefined,
    request: () => LifecycleRequest,
    read: KalshiCall['read'],
  ): KalshiCall => {
    if (!by) throw new Error(GONE);
    return { request: request(), signer: by, read };
  };

  if (s.step === 'register') {
    const request = () =>
      createApiKeyRequest({
        name,
        publicKeyPem: fresh?.publicKeyPem ?? '',
        scopes: s.scopes,
        subaccount: s.subaccount ?? '',
      });
    return call(fresh && registrar, request, async (answer) => {
      const { apiKeyId } = parseCreateApiKeyAnswer(answer);
      const info = { kalshiKeyId: apiKeyId, scopes: s.scopes, subaccount: s.subaccount };
      await store.setKalshiInfo(fresh!.id, info);
      const status = `Registered “${name}”: Kalshi key ID ${apiKeyId}.`;
      return [{ type: 'registered', newKalshiKeyId: apiKeyId }, status];
    });
  }
  if (s.step === 'prove') {
    return call(signer, balanceRequest, async (answer) => {
      const dollars = (parseBalanceAnswer(answer).balanceCents / 100).toFixed(2);
      return [{ type: 'proved' }, `“${name}” works (balance $${dollars}).`];
    });
  }
  if (s.step !== 'delete') throw new TypeError(`kalshiCall: no call to Kalshi at ${s.step}`);
  return call(
    signer && deleter,
    () => deleteApiKeyRequest(s.oldKalshiKeyId),
    async (answer) => {
      try {
        parseDeleteApiKeyAnswer(answer);
      } catch (caught) {
        // 404: Kalshi no longer has the old key (an earlier delete whose answer was lost).
        if ((caught as { code?: string }).code !== 'not-found') throw caught;
      }
      // Deleted here meanwhile: nothing left to mark.
      if (old) await store.markRetired(old.id);
      const replaced = old?.name ?? 'the old key';
      return [{ type: 'deleted' }, `Done: “${name}” replaces “${replaced}”, which is Retired.`];
    },
  );
}
