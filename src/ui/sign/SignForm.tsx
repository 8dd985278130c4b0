// The request to sign: presets, then environment and host, method, path (or full URL), body and
// signing key. A preset fills method and path, and empties the body. (Registering a public key is
// on the key's page, "Register with Kalshi", always with scopes.)
import {
  HTTP_METHODS,
  KALSHI_ENVIRONMENTS,
  kalshiEnvironment,
  REQUEST_PRESETS,
} from '../../core/kalshi';
import type { HttpMethod, KalshiEnvironmentId } from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';
import { Field } from '../common/Field';
import type { SignForm as Form } from './use-sign-form';

export interface SignFormProps {
  form: Form;
  keys: KeyRecord[];
  /** The string actually signed, once signed: replaces the {timestamp} preview. */
  signedMessage: string | null;
  onSubmit: () => void;
}

/** [value, text] pairs as options. */
const options = (pairs: (readonly [string, string])[]) =>
  pairs.map(([value, text]) => <option value={value}>{text}</option>);

export function SignForm({ form, keys, signedMessage, onSubmit }: SignFormProps) {
  const { target, bodyUsed, bodyProblem, signingKey: key } = form;
  const goesTo = target?.host?.environment;
  // A key Kalshi cannot know yet, or one for the other environment.
  const keyWarning = !key
    ? ''
    : key.retired
      ? `“${key.name}” is Retired: Kalshi deleted its key ID.`
      : !key.kalshiKeyId.trim()
        ? `“${key.name}” has no Kalshi key ID: register it, then paste the ID into “Kalshi key ID”.`
        : goesTo && key.environment !== goesTo
          ? `“${key.name}” is a ${key.environment} key and this request goes to ${goesTo}: pick a matching key or environment.`
          : '';
  const presetNote = REQUEST_PRESETS.find((p) => p.id === form.presetId)?.note;
  return (
    <>
      <div role="group" aria-labelledby="sign-presets-label" class="actions">
        <span id="sign-presets-label" class="hint">
          Presets
        </span>
        {REQUEST_PRESETS.map((p) => (
          <button
            type="button"
            aria-pressed={form.presetId === p.id}
            onClick={() => form.applyPreset(p.id)}
          >
            {p.label}
          </button>
        ))}
      </div>
      {presetNote && <p class="hint">{presetNote}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Field
          as="select"
          id="sign-environment"
          label="Environment"
          value={form.environment}
          onValue={(id) => form.setEnvironment(id as KalshiEnvironmentId)}
        >
          {options(KALSHI_ENVIRONMENTS.map((e) => [e.id, e.label]))}
        </Field>
        <Field
          as="select"
          id="sign-host"
          label="API host"
          value={form.host.id}
          onValue={form.setHostId}
        >
          {options(
            kalshiEnvironment(form.environment).hosts.map((h) => [
              h.id,
              h.recommended ? h.id : `${h.id} (legacy)`,
            ]),
          )}
        </Field>
        <Field
          as="select"
          id="sign-method"
          label="Method"
          value={form.method}
          onValue={(m) => form.setMethod(m as HttpMethod)}
        >
          {options(HTTP_METHODS.map((m) => [m, m]))}
        </Field>

        <Field
          id="sign-path"
          label="Path"
          placeholder="/trade-api/v2/… or a full URL"
          value={form.path}
          aria-invalid={!!form.pathError}
          aria-describedby="sign-path-notes"
          onValue={form.setPath}
        />
        <div id="sign-path-notes">
          {form.pathError ? <p role="alert">{form.pathError}</p> : null}
          {target?.warnings.map((w) => (
            <p class="warning">{w}</p>
          ))}
        </div>

        <Field
          as="textarea"
          id="sign-string"
          label="String to sign"
          rows={2}
          readOnly
          value={signedMessage ?? (target ? `{timestamp}${form.method}${target.path}` : '')}
        />

        <Field
          as="textarea"
          id="sign-body"
          label="Body"
          rows={4}
          class="mono"
          disabled={!bodyUsed}
          placeholder={bodyUsed ? 'JSON, e.g. {"name": "my key"} (not signed)' : 'No body for GET'}
          value={form.body}
          aria-invalid={!!bodyProblem}
          aria-describedby="sign-body-error"
          onValue={form.setBody}
        />
        {bodyProblem ? (
          <p id="sign-body-error" role="alert">
            {bodyProblem}
          </p>
        ) : null}

        <Field
          as="select"
          id="sign-key"
          label="Signing key"
          value={key?.id ?? ''}
          disabled={!keys.length}
          aria-describedby="sign-key-note"
          onValue={form.setKeyChoice}
        >
          {keys.length ? null : <option value="">No stored key yet</option>}
          {/* Retired keys are not offered; one opened by a link shows, to be refused. */}
          {keys
            .filter((k) => !k.retired || k === key)
            .map((k) => (
              <option value={k.id}>
                {k.name}
                {k.retired ? ' (retired)' : k.kalshiKeyId ? '' : ' (no Kalshi key ID)'}
              </option>
            ))}
        </Field>
        <p class="warning" id="sign-key-note">
          {keyWarning}
        </p>

        <button type="submit" class="primary">
          Sign request
        </button>
      </form>
    </>
  );
}
