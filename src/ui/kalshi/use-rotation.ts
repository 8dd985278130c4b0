// Runs a key rotation from the stored state, so a reload resumes where it stopped. The steps run
// in one async flow, started only by a press in this page ("Rotate key", "Continue rotation",
// "Retry", "Delete old key"): a reload alone sends nothing. The flow stops where the user is
// needed: at the dialog, at a failure (kept at its step with its message), or when done. Both keys
// stay usable: the old key is deleted only after the new one answered 200 and the user agreed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { generateKeyPair } from '../../core/keys';
import {
  balanceRequest,
  createApiKeyRequest,
  deleteApiKeyRequest,
  parseBalanceAnswer,
  parseCreateApiKeyAnswer,
  parseDeleteApiKeyAnswer,
  type KalshiAnswerInput,
  type LifecycleRequest,
} from '../../core/lifecycle';
import {
  advanceRotation,
  startRotation,
  type RotationEvent,
  type RotationState,
} from '../../core/rotation';
import { scopesManageKeys } from '../../core/scopes';
import type { KeyStore } from '../../storage/key-store';
import { newKeyRecord } from '../../storage/new-record';
import { storedRotations, type RotationStore } from '../../storage/rotation-store';
import type { EnvironmentId, KeyRecord } from '../../storage/types';
import { userMessage } from '../common/messages';
import { signersFor } from './SignerSelect';
import type { KalshiStepState } from './use-kalshi-step';

/**
 * Who signs a rotation's registration or deletion for `own`: `own` itself when its scopes may
 * manage API keys (or Kalshi has not said, so it may), else the first other key of the
 * environment known to manage them; undefined when there is none (Kalshi would answer 403).
 */
export function rotationManager(
  own: KeyRecord,
  keys: readonly KeyRecord[],
  environment: EnvironmentId,
): KeyRecord | undefined {
  if (!own.kalshiScopes || scopesManageKeys(own.kalshiScopes)) return own;
  return signersFor(keys, environment, true).find(
    ({ key }) => key.kalshiScopes && scopesManageKeys(key.kalshiScopes) && !key.kalshiNotFound,
  )?.key;
}

const GONE = 'A key of this rotation was deleted here: stop the rotation, then check with Kalshi.';

/** One call to Kalshi: what to send, who signs it, and what the answer means for the rotation. */
interface KalshiCall {
  request: LifecycleRequest;
  signer: KeyRecord;
  /** Resolves to the event that moves the rotation on and the status line to show. */
  read: (answer: KalshiAnswerInput) => Promise<[RotationEvent, string]>;
}

/**
 * The call that performs `s`'s step, with the rotation's keys found among the stored `keys`.
 * @throws Error when a key it needs was deleted here; the request builders' errors
 */
function kalshiCall(s: RotationState, keys: readonly KeyRecord[], store: KeyStore): KalshiCall {
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
  /** Ends the flow under way: stopped, or this page left. */
  const flow = useRef<AbortController>(undefined);

  useEffect(() => {
    void rotations.load().then((saved) => saved && setState((shown) => shown ?? saved));
  }, [rotations]);
  useEffect(() => () => flow.current?.abort(), []);

  /** Shows and stores `next` (undefined: no rotation). */
  async function keep(next: RotationState | undefined) {
    setState(next);
    await (next ? rotations.save(next) : rotations.clear());
    return next;
  }
  /** Keeps the failure at `s`'s step, where the flow stops. */
  async function fail(s: RotationState, caught: unknown): Promise<undefined> {
    await keep(advanceRotation(s, { type: 'failed', message: userMessage(caught) }));
  }

  /** Makes the replacement key and stores it. */
  async function mint(s: RotationState) {
    setBusy(true);
    try {
      const old = (await store.list()).find((key) => key.id === s.oldKeyId);
      const date = new Date().toISOString().slice(0, 10);
      const record: KeyRecord = {
        ...(await newKeyRecord(await generateKeyPair(), `${old?.name ?? 'Key'} (${date})`)),
        environment: s.environment,
        kalshiScopes: s.scopes,
        kalshiSubaccount: s.subaccount,
      };
      await store.put(record);
      return await keep(advanceRotation(s, { type: 'minted', newKeyId: record.id }));
    } catch (caught) {
      return fail(s, caught);
    } finally {
      setBusy(false);
    }
  }

  /**
   * Sends `s`'s call to Kalshi and waits for its answer, relayed or pasted (a pasted answer that
   * fails may be followed by a better one). Resolves to the state the answer moved on to, or
   * undefined when the step stopped; a refusal is kept in the state, and the step shows it.
   */
  async function send(s: RotationState) {
    let call: KalshiCall;
    try {
      call = kalshiCall(s, await store.list(), store);
    } catch (caught) {
      return fail(s, caught);
    }
    let next: RotationState | undefined;
    const answered = await step.run({
      request: call.request,
      signer: call.signer,
      environment: s.environment,
      async onAnswer(answer) {
        try {
          const [event, status] = await call.read(answer);
          next = await keep(advanceRotation(s, event));
          if (next?.step === 'done' && next.newKeyId) onDone?.(next.newKeyId);
          return status;
        } catch (caught) {
          await fail(s, caught);
          throw caught;
        }
      },
    });
    return answered ? next : undefined;
  }

  /**
   * Performs `from`'s step and each that follows, until one needs the user. Each step reads the
   * keys from the store, where the step before left them.
   */
  async function drive(from: RotationState) {
    flow.current?.abort();
    const { signal } = (flow.current = new AbortController());
    let s: RotationState | undefined = from;
    while (s && s.step !== 'done' && !signal.aborted) {
      if (s.step === 'confirm') return setConfirming(true);
      s = await (s.step === 'mint' ? mint(s) : send(s));
    }
  }

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
      if (state && state.step !== 'done') return 'Continue or stop the rotation under way first.';
      step.cancel();
      let first: RotationState;
      try {
        first = startRotation({
          oldKeyId: old.id,
          oldKalshiKeyId: old.kalshiKeyId,
          environment: old.environment,
          scopes,
          subaccount: old.kalshiSubaccount ?? null,
        });
      } catch (caught) {
        return userMessage(caught);
      }
      void keep(first).then(() => drive(first));
      return '';
    },
    /** "Continue rotation" / "Retry": the current step again, and the ones after it. */
    resume() {
      if (state && !busy && !step.busy) void drive(state);
    },
    /** "Delete old key" in the dialog. */
    confirm() {
      setConfirming(false);
      if (state?.step !== 'confirm') return;
      const confirmed = advanceRotation(state, { type: 'confirmed' });
      void keep(confirmed).then(() => drive(confirmed));
    },
    closeDialog: () => setConfirming(false),
    /** Forgets the rotation; both keys stay stored and usable. */
    stop() {
      flow.current?.abort();
      step.cancel();
      setConfirming(false);
      void keep(undefined);
    },
    oldKey: keys.find((key) => key.id === state?.oldKeyId),
    newKey: keys.find((key) => key.id === state?.newKeyId),
  };
}
