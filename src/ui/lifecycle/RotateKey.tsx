// "Rotate key" (issue 13, item 6): the rotation's steps with their state, the step's curl command
// and answer box when no relay is set, and the dialog before the old key is deleted on Kalshi.
import { useEffect, useRef } from 'preact/hooks';
import { ROTATION_STEPS, type RotationState, type RotationStep } from '../../core/rotation';
import type { KeyRecord } from '../../storage/types';
import { KalshiStep } from './KalshiStep';
import type { KalshiStepState } from './use-kalshi-step';
import type { useRotation } from './use-rotation';

const STEP_TEXT: Record<Exclude<RotationStep, 'done'>, string> = {
  mint: 'Make the replacement key here',
  register: 'Register it with Kalshi, signed by the old key',
  prove: 'Prove it works: GET /portfolio/balance, signed by the new key',
  confirm: 'You confirm that the old key can go',
  delete: 'Delete the old key on Kalshi, signed by the new key; it is Retired here',
};

/** Each step's state in words, as the ordered list shows it. */
export function stepStatus(state: RotationState, step: RotationStep, busy: boolean): string {
  const at = ROTATION_STEPS.indexOf(state.step);
  const index = ROTATION_STEPS.indexOf(step);
  if (index < at) return 'done';
  if (index > at) return 'to do';
  return state.error ? 'failed' : busy ? 'in progress' : 'next';
}

export function RotateKey({
  rotation,
  step,
}: {
  rotation: ReturnType<typeof useRotation>;
  step: KalshiStepState;
}) {
  const { state, oldKey, newKey } = rotation;
  const busy = rotation.busy || step.busy;
  if (!state) {
    return (
      <p class="hint">
        Select a key with a Kalshi key ID and press “Rotate key” in “Stored keys”: this page makes
        the replacement, registers it, checks it works, and only then deletes the old key.
      </p>
    );
  }
  const done = state.step === 'done';
  const name = (key: KeyRecord | undefined, fallback: string) => (key ? `“${key.name}”` : fallback);
  return (
    <>
      <p>
        Replacing {name(oldKey, 'the old key')} (Kalshi key ID <code>{state.oldKalshiKeyId}</code>,{' '}
        {state.environment}) with {name(newKey, 'a new key')}, scopes {state.scopes.join(', ')}
        {state.subaccount === null ? '' : `, subaccount ${state.subaccount}`}.
      </p>
      <ol aria-label="Rotation steps">
        {ROTATION_STEPS.filter((s) => s !== 'done').map((s) => (
          <li aria-current={s === state.step ? 'step' : undefined}>
            {STEP_TEXT[s as Exclude<RotationStep, 'done'>]}:{' '}
            <strong>{stepStatus(state, s, busy)}</strong>
          </li>
        ))}
      </ol>
      {state.error && !step.error && (
        <p role="alert">
          {state.error} Both keys still work: fix this, then press Retry, or stop the rotation.
        </p>
      )}
      <KalshiStep id="rotate" step={step} />
      <div class="actions">
        {!done && !step.pending && (
          <button type="button" disabled={busy} aria-busy={busy} onClick={rotation.resume}>
            {state.error ? 'Retry' : 'Continue rotation'}
          </button>
        )}
        <button type="button" disabled={busy} onClick={rotation.stop}>
          {done ? 'Close' : 'Stop rotation'}
        </button>
      </div>
      {!done && <p class="hint">Stopping keeps both keys here and on Kalshi as they are now.</p>}
      <RotationConfirmDialog
        open={rotation.confirming}
        oldName={name(oldKey, 'the old key')}
        newName={name(newKey, 'the new key')}
        state={state}
        onCancel={rotation.closeDialog}
        onConfirm={rotation.confirm}
      />
    </>
  );
}

/** The one question before the old key is deleted on Kalshi. */
function RotationConfirmDialog(props: {
  open: boolean;
  oldName: string;
  newName: string;
  state: RotationState;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current!;
    if (!props.open) element.close?.();
    else if (!element.open) element.showModal();
  }, [props.open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="rotate-confirm-heading"
      onClose={() => props.open && !dialog.current?.open && props.onCancel()}
    >
      {props.open && (
        <>
          <h2 id="rotate-confirm-heading">Delete old key {props.oldName} on Kalshi?</h2>
          <p>
            {props.newName} works (Kalshi key ID <code>{props.state.newKalshiKeyId}</code>).
            Programs still using {props.oldName} (<code>{props.state.oldKalshiKeyId}</code>) stop
            working when it is deleted: switch them to the new key ID first. This cannot be undone.
          </p>
          <div class="actions">
            <button type="button" autoFocus onClick={props.onCancel}>
              Not yet
            </button>
            <button type="button" class="danger" onClick={props.onConfirm}>
              Delete old key
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
