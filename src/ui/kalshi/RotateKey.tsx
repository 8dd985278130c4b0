// "Rotate key": the rotation's steps with their state, the step's curl command
// and answer box when no relay is set, and the dialog before the old key is deleted on Kalshi.
import { ROTATION_STEPS, type RotationState, type RotationStep } from '../../core/rotation';
import type { KeyRecord } from '../../storage/types';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { KalshiStep } from './KalshiStep';
import type { KalshiStepState } from './use-kalshi-step';
import type { useRotation } from './use-rotation';

const STEP_TEXT: Record<Exclude<RotationStep, 'done'>, string> = {
  mint: 'Make the new key here',
  register: 'Register it with Kalshi',
  prove: 'Test it: GET /portfolio/balance, signed by the new key',
  confirm: 'You confirm',
  delete: 'Delete the old key on Kalshi',
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
  // RotateSection shows this only for the rotation under way.
  if (!state) return null;
  const done = state.step === 'done';
  const name = (key: KeyRecord | undefined, fallback: string) => (key ? `“${key.name}”` : fallback);
  return (
    <>
      <p>
        Replacing {name(oldKey, 'the old key')} (<code>{state.oldKalshiKeyId}</code>), scopes{' '}
        {state.scopes.join(', ')}
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
      {state.error && (
        <p role={step.error ? undefined : 'alert'}>
          {step.error ? '' : state.error} Both keys still work: fix this and retry, or stop.
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
      <ConfirmDialog
        id="rotate-confirm-heading"
        open={rotation.confirming}
        heading={`Delete old key ${name(oldKey, '')} on Kalshi?`}
        confirm="Delete old key"
        onCancel={rotation.closeDialog}
        onConfirm={rotation.confirm}
      >
        {name(newKey, 'The new key')} works (Kalshi key ID <code>{state.newKalshiKeyId}</code>).
        Programs still using <code>{state.oldKalshiKeyId}</code> stop working when it is deleted:
        switch them to the new key ID first. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
