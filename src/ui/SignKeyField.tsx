// The "Signing key" choice, with warnings for a key Kalshi cannot know yet or a wrong environment.
import type { KeyRecord } from '../storage/types';
import type { SignForm } from './use-sign-form';

export function SignKeyField({ form, keys }: { form: SignForm; keys: KeyRecord[] }) {
  const key = form.signingKey;
  const goesTo = form.target?.host?.environment;
  return (
    <div>
      <label for="sign-key">Signing key</label>
      <select
        id="sign-key"
        value={key?.id ?? ''}
        disabled={!keys.length}
        aria-describedby="sign-key-notes"
        onChange={(e) => form.setKeyChoice(e.currentTarget.value)}
      >
        {keys.length ? null : <option value="">No stored key yet</option>}
        {keys.map((k) => (
          <option key={k.id} value={k.id}>
            {k.name}
            {k.kalshiKeyId ? '' : ' (no Kalshi key ID)'}
          </option>
        ))}
      </select>
      <div id="sign-key-notes">
        {key && !key.kalshiKeyId.trim() ? (
          <p class="warning">
            “{key.name}” has no Kalshi key ID: register it, then paste the ID into “Kalshi key ID”.
          </p>
        ) : null}
        {key && goesTo && key.environment !== goesTo ? (
          <p class="warning">
            “{key.name}” is a {key.environment} key and this request goes to {goesTo}: pick a
            matching key or environment.
          </p>
        ) : null}
      </div>
    </div>
  );
}
