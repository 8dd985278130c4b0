// The request to sign: environment and host, method, path (or full URL), body, signing key.
import {
  HTTP_METHODS,
  KALSHI_ENVIRONMENTS,
  hostLabel,
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

export function SignForm({ form, keys, signedMessage, onSubmit }: SignFormProps) {
  const env = kalshiEnvironment(form.environment);
  const preview =
    signedMessage ?? (form.target ? `{timestamp}${form.method}${form.target.path}` : '');
  return (
    <form
      class="sign-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <div class="field-row">
        <label for="sign-environment">Environment</label>
        <select
          id="sign-environment"
          value={form.environment}
          onChange={(e) => form.setEnvironment(value(e) as KalshiEnvironmentId)}
        >
          {KALSHI_ENVIRONMENTS.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
        </select>
        <label for="sign-host">API host</label>
        <select id="sign-host" value={form.host.id} onChange={(e) => form.setHostId(value(e))}>
          {env.hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {hostLabel(h)}
            </option>
          ))}
        </select>
        <label for="sign-method">Method</label>
        <select
          id="sign-method"
          value={form.method}
          onChange={(e) => form.setMethod(value(e) as HttpMethod)}
        >
          {HTTP_METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>

      <label for="sign-path">Path</label>
      <input
        id="sign-path"
        type="text"
        spellcheck={false}
        autocomplete="off"
        placeholder="/trade-api/v2/portfolio/balance or a full https:// URL"
        value={form.path}
        aria-invalid={form.pathError ? true : undefined}
        aria-describedby="sign-path-notes"
        onInput={(e) => form.setPath(value(e))}
      />
      <div id="sign-path-notes">
        {form.pathError ? <p role="alert">{form.pathError}</p> : null}
        {form.target?.warnings.map((w) => (
          <p key={w} class="warning">
            {w}
          </p>
        ))}
        {form.target?.query ? (
          <p class="hint">
            The query {form.target.query} is sent in the URL but not signed: Kalshi signs the path
            without it.
          </p>
        ) : null}
      </div>

      <label for="sign-string">String to sign</label>
      <textarea
        id="sign-string"
        rows={2}
        readOnly
        value={preview}
        class="mono"
        spellcheck={false}
      />

      <label for="sign-body">Body</label>
      <textarea
        id="sign-body"
        rows={4}
        spellcheck={false}
        class="mono"
        disabled={!form.bodyUsed}
        placeholder={
          form.bodyUsed ? 'JSON, e.g. {"name": "my key"} (not signed)' : 'GET requests have no body'
        }
        value={form.body}
        aria-invalid={form.bodyProblem ? true : undefined}
        aria-describedby={form.bodyProblem ? 'sign-body-error' : undefined}
        onInput={(e) => form.setBody(value(e))}
      />
      {form.bodyProblem ? (
        <p id="sign-body-error" role="alert">
          {form.bodyProblem}
        </p>
      ) : null}

      <SignKeyField form={form} keys={keys} />

      <button type="submit">Sign request</button>
    </form>
  );
}
