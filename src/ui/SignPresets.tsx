// Preset requests: each button fills method, path and body (and, for the upload, the signing key).
import { REQUEST_PRESETS } from '../core/kalshi';
import type { SignForm } from './use-sign-form';

export function SignPresets({ form }: { form: SignForm }) {
  const note = REQUEST_PRESETS.find((p) => p.id === form.presetId)?.note;
  return (
    <div>
      <div role="group" aria-labelledby="sign-presets-label" class="actions">
        <span id="sign-presets-label" class="hint">
          Presets
        </span>
        {REQUEST_PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={form.presetId === p.id}
            onClick={() => form.applyPreset(p.id)}
          >
            {p.label}
          </button>
        ))}
      </div>
      {note ? <p class="hint">{note}</p> : null}
      {form.presetProblem ? (
        <p role="alert" class="warning">
          {form.presetProblem}
        </p>
      ) : null}
    </div>
  );
}
