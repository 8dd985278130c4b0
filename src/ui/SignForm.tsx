// The request to sign: environment and host, method, path (or full URL), body, signing key.
import {
  HTTP_METHODS,
  KALSHI_ENVIRONMENTS,
  kalshiEnvironment,
  type HttpMethod,
  type KalshiEnvironmentId,
} from '../core/kalshi';
import type { KeyRecord } from '../storage/types';
import { SignKeyField } from './SignKeyField';
import type { SignForm as Form } from './use-sign-form';

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

export interface SignFormProps {
  form: Form;
  keys: KeyRecord[];
  /** The string actually signed, once signed: replaces the {timestamp} preview. */
  signedMessage: string | null;
  onSubmit: () => void;
}

/** A labelled select over [value, text] options. */
function Choice(props: {
  id: string;
  label: string;
  value: string;
  options: (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(value(e))}>
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
}

export function SignForm({ form, keys, signedMessage, onSubmit }: SignFormProps) {
  const { target, bodyUsed, bodyProblem } = form;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Choice
        id="sign-environment"
        label="Environment"
        value={form.environment}
        options={KALSHI_ENVIRONMENTS.map((e) => [e.id, e.label])}
        onChange={(id) => form.setEnvironment(id as KalshiEnvironmentId)}
      />
      <Choice
        id="sign-host"
        label="API host"
        value={form.host.id}
        options={kalshiEnvironment(form.environment).hosts.map((h) => [
          h.id,
          h.recommended ? h.id : `${h.id} (legacy)`,
        ])}
        onChange={form.setHostId}
      />
      <Choice
        id="sign-method"
        label="Method"
        value={form.method}
        options={HTTP_METHODS.map((m) => [m, m])}
        onChange={(m) => form.setMethod(m as HttpMethod)}
      />

      <label for="sign-path">Path</label>
      <input
        id="sign-path"
        spellcheck={false}
        autocomplete="off"
        placeholder="/trade-api/v2/… or a full URL"
        value={form.path}
        aria-invalid={!!form.pathError || undefined}
        aria-describedby="sign-path-notes"
        onInput={(e) => form.setPath(value(e))}
      />
      <div id="sign-path-notes">
        {form.pathError ? <p role="alert">{form.pathError}</p> : null}
        {target?.warnings.map((w) => (
          <p key={w} class="warning">
            {w}
          </p>
        ))}
      </div>

      <label for="sign-string">String to sign</label>
      <textarea
        id="sign-string"
        rows={2}
        readOnly
        value={signedMessage ?? (target ? `{timestamp}${form.method}${target.path}` : '')}
        class="mono"
        spellcheck={false}
      />

      <label for="sign-body">Body</label>
      <textarea
        id="sign-body"
        rows={4}
        spellcheck={false}
        class="mono"
        disabled={!bodyUsed}
        placeholder={bodyUsed ? 'JSON, e.g. {"name": "my key"} (not signed)' : 'No body for GET'}
        value={form.body}
        aria-invalid={!!bodyProblem || undefined}
        aria-describedby={bodyProblem ? 'sign-body-error' : undefined}
        onInput={(e) => form.setBody(value(e))}
      />
      {bodyProblem ? (
        <p id="sign-body-error" role="alert">
          {bodyProblem}
        </p>
      ) : null}

      <SignKeyField form={form} keys={keys} />

      <button type="submit">Sign request</button>
    </form>
  );
}
