// Runs a key rotation from the stored state, so a reload resumes where it stopped. The steps run
// in one async flow, started only by a press in this page ("Rotate key", "Continue rotation",
// "Retry", "Delete old key"): a reload alone sends nothing. The flow stops where the user is
// needed: at the dialog, at a failure (kept at its step with its message), or when done. Both keys
// stay usable: the old key is deleted only after the new one answered 200 and the user agreed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { keyNameOrDefault } from '../../core/key-names';
import { generateKeyPair } from '../../core/keys';
import { advanceRotation, startRotation, type RotationState } from '../../core/rotation';
import type { KeyStore } from '../../storage/key-store';
import { newKeyRecord } from '../../storage/new-record';
import { storedRotations, type RotationStore } from '../../storage/rotation-store';
import type { KeyRecord } from '../../storage/types';
import { userMessage } from '../common/messages';
import { kalshiCall, type KalshiCall } from './rotation-calls';
import type { KalshiStepState } from './use-kalshi-step';

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

  // Until the stored rotation has been read, a new one would be started over it.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    void rotations
      .load()
      .then(
        (saved) => saved && setState((shown) => shown ?? saved),
        () => {},
      )
      .then(() => setLoaded(true));
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
      const name = keyNameOrDefault('', { replaces: old?.name ?? 'Key' });
      const record: KeyRecord = {
        ...(await newKeyRecord(await generateKeyPair(), name)),
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
    /** The stored rotation, if any, has been read: a new one may start. */
    loaded,
    busy,
    confirming,
    /**
     * Starts rotating `old`, the new key with `scopes` (Kalshi's listed scopes of the old key, or
     * the ones the user chose where Kalshi has not said); refused while another rotation is under
     * way.
     */
    start(old: KeyRecord, scopes: readonly string[]): string {
      if (!loaded) return 'Still reading whether a rotation is under way: try again in a moment.';
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
