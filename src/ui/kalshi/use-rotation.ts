// Runs a key rotation step by step from the stored state, so a reload resumes
// where it stopped. Steps run only after a press in this page ("Rotate key", "Continue rotation",
// "Retry"): a reload alone sends nothing. A failure stays at its step with its message, and both
// keys stay usable: the old key is deleted only after the new one answered 200 and the user agreed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { keyNameOrDefault } from '../../core/key-names';
import { generateKeyPair } from '../../core/keys';
import {
  balanceRequest,
  createApiKeyRequest,
  deleteApiKeyRequest,
  type LifecycleRequest,
} from '../../core/api-keys';
import {
  parseBalanceAnswer,
  parseCreateApiKeyAnswer,
  parseDeleteApiKeyAnswer,
  type KalshiAnswerInput,
} from '../../core/kalshi-answers';
import {
  advanceRotation,
  startRotation,
  type RotationEvent,
  type RotationState,
} from '../../core/rotation';
import type { KeyStore } from '../../storage/key-store';
import { newKeyRecord } from '../../storage/new-record';
import { clearRotation, loadRotation, saveRotation } from '../../storage/rotation-store';
import type { KalshiEnvironmentId } from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';
import { scopesManageKeys } from '../../core/scopes';
import { signersFor } from './SignerSelect';
import { userMessage } from '../common/messages';
import type { KalshiStepState } from './use-kalshi-step';

/** Where the rotation's state lives between page loads (the settings store by default). */
export interface RotationStore {
  load(): Promise<RotationState | undefined>;
  save(state: RotationState): Promise<void>;
  clear(): Promise<void>;
}

const storedRotations: RotationStore = {
  load: loadRotation,
  save: saveRotation,
  clear: clearRotation,
};

const GONE = 'A key of this rotation was deleted here: stop the rotation, then check with Kalshi.';

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

export function useRotation({
  store,
  keys,
  step,
  rotations = storedRotations,
  onDone,
}: {
  store: KeyStore;
  keys: KeyRecord[];
  step: KalshiStepState;
  rotations?: RotationStore | undefined;
  /**
   * The old key is deleted on Kalshi and retired here: `newKeyId` replaces it. Called from the
   * step itself, since the old key's page drops its Kalshi section once that key is retired.
   */
  onDone?: ((newKeyId: string) => void) | undefined;
}) {
  const [state, setState] = useState<RotationState>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  // The latest values for the async steps, which outlive the render that started them.
  const latest = useRef<RotationState>(undefined);
  const stored = useRef(keys);
  stored.current = keys;
  const minted = useRef<KeyRecord>(undefined);
  const armed = useRef(false);
  /** The step last started (startedAt:step), so each runs once unless the user asks again. */
  const ran = useRef('');

  useEffect(() => {
    void rotations.load().then((saved) => {
      if (saved && !latest.current) setState((latest.current = saved));
    });
  }, [rotations]);

  async function set(next: RotationState | undefined) {
    latest.current = next;
    setState(next);
    await (next ? rotations.save(next) : rotations.clear());
  }
  const apply = (event: RotationEvent) => set(advanceRotation(latest.current!, event));
  const fail = (caught: unknown) => apply({ type: 'failed', message: userMessage(caught) });
  const find = (id: string | undefined) =>
    stored.current.find((key) => key.id === id) ??
    (minted.current?.id === id ? minted.current : undefined);

  /** One call to Kalshi; a refusal is kept in the state (and shown by the step) as a failure. */
  const send = (
    request: () => LifecycleRequest,
    signer: KeyRecord | undefined,
    then: (answer: KalshiAnswerInput) => Promise<string>,
  ) => {
    const s = latest.current!;
    if (!signer) return fail(new Error(GONE));
    let built: LifecycleRequest;
    try {
      built = request();
    } catch (caught) {
      return fail(caught);
    }
    return step.run({
      request: built,
      signer,
      environment: s.environment,
      onAnswer: (answer) =>
        then(answer).catch(async (caught: unknown) => {
          await fail(caught);
          throw caught;
        }),
    });
  };

  /** Performs the current step. */
  async function runCurrent() {
    const s = latest.current;
    if (!s || busy || step.busy) return;
    armed.current = true;
    ran.current = `${s.startedAt}:${s.step}`;
    const old = find(s.oldKeyId);
    const fresh = find(s.newKeyId);
    // The new key signs under the ID Kalshi gave it, even before the stored list shows that ID.
    const signer =
      fresh && s.newKalshiKeyId ? { ...fresh, kalshiKeyId: s.newKalshiKeyId } : undefined;
    // Registering and deleting keys needs a key that may manage them: the key itself when it may,
    // else the best other one (see rotationManager).
    const registrar = old && rotationManager(old, stored.current, s.environment);
    // The new key deletes the old one when it may manage keys; else the key that registered it.
    const deleter = signer && scopesManageKeys(s.scopes) ? signer : registrar;
    switch (s.step) {
      case 'mint': {
        let record: KeyRecord;
        setBusy(true);
        try {
          const name = keyNameOrDefault('', { replaces: old?.name ?? 'Key' });
          record = {
            ...(await newKeyRecord(await generateKeyPair(), name)),
            environment: s.environment,
            kalshiScopes: s.scopes,
            kalshiSubaccount: s.subaccount,
          };
          await store.put(record);
          minted.current = record;
        } catch (caught) {
          return fail(caught);
        } finally {
          // Before the state moves on: the next step starts from the render that follows.
          setBusy(false);
        }
        return apply({ type: 'minted', newKeyId: record.id });
      }
      case 'register':
        return send(
          () =>
            createApiKeyRequest({
              name: fresh?.name ?? '',
              publicKeyPem: fresh?.publicKeyPem ?? '',
              scopes: s.scopes,
              subaccount: s.subaccount ?? '',
            }),
          fresh && registrar,
          async (answer) => {
            const { apiKeyId } = parseCreateApiKeyAnswer(answer);
            const info = { kalshiKeyId: apiKeyId, scopes: s.scopes, subaccount: s.subaccount };
            await store.setKalshiInfo(fresh!.id, info);
            await apply({ type: 'registered', newKalshiKeyId: apiKeyId });
            return `Registered “${fresh!.name}”: Kalshi key ID ${apiKeyId}.`;
          },
        );
      case 'prove':
        return send(balanceRequest, signer, async (answer) => {
          const { balanceCents } = parseBalanceAnswer(answer);
          await apply({ type: 'proved' });
          return `“${fresh!.name}” works (balance $${(balanceCents / 100).toFixed(2)}).`;
        });
      case 'confirm':
        return setConfirming(true);
      case 'delete':
        return send(
          () => deleteApiKeyRequest(s.oldKalshiKeyId),
          signer && deleter,
          async (answer) => {
            try {
              parseDeleteApiKeyAnswer(answer);
            } catch (caught) {
              // 404: Kalshi no longer has the old key (an earlier delete whose answer was lost).
              if ((caught as { code?: string }).code !== 'not-found') throw caught;
            }
            // Deleted here meanwhile: nothing left to mark.
            if (old) await store.markRetired(old.id);
            await apply({ type: 'deleted' });
            if (s.newKeyId) onDone?.(s.newKeyId);
            return `Done: “${fresh!.name}” replaces “${old?.name ?? 'the old key'}”, which is Retired.`;
          },
        );
    }
  }

  // Each step that succeeds leads to the next, once the user has started or continued here: once
  // per step, and only after the call that answered the last one has finished.
  useEffect(() => {
    if (!armed.current || !state || state.error || state.step === 'done') return;
    if (busy || step.busy || ran.current === `${state.startedAt}:${state.step}`) return;
    void runCurrent();
  }, [state?.step, state?.startedAt, busy, step.busy]);

  return {
    state,
    busy,
    confirming,
    /**
     * Starts rotating `old`, the new key with `scopes` (Kalshi's listed scopes of the old key, or
     * the ones the user chose where Kalshi has not said); refused while another rotation is under
     * way.
     */
    start(old: KeyRecord, scopes: readonly string[]): string {
      const current = latest.current;
      if (current && current.step !== 'done')
        return 'Continue or stop the rotation under way first.';
      try {
        armed.current = true;
        step.cancel();
        void set(
          startRotation({
            oldKeyId: old.id,
            oldKalshiKeyId: old.kalshiKeyId,
            environment: old.environment,
            scopes,
            subaccount: old.kalshiSubaccount ?? null,
          }),
        );
        return '';
      } catch (caught) {
        return userMessage(caught);
      }
    },
    /** "Continue rotation" / "Retry": the current step again. */
    resume: () => void runCurrent(),
    /** "Delete old key" in the dialog. */
    confirm() {
      setConfirming(false);
      void apply({ type: 'confirmed' });
    },
    closeDialog: () => setConfirming(false),
    /** Forgets the rotation; both keys stay stored and usable. */
    stop() {
      armed.current = false;
      step.cancel();
      setConfirming(false);
      void set(undefined);
    },
    oldKey: find(state?.oldKeyId),
    newKey: find(state?.newKeyId),
  };
}
