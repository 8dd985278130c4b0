// The "Signing key" choice, with warnings for a key Kalshi cannot know yet or a wrong environment.
import type { KeyRecord } from '../storage/types';
import type { SignForm } from './use-sign-form';

const value = (e: Event) => (e.currentTarget as HTMLSelectElement).value;

export function SignKeyField({ form, keys }: { form: SignForm; keys: KeyRecord[] }) {
  const key = form.signingKey;
  return (
    <div class="sign-key-field">
      <label for="sign-key">Signing key</label>
      <select
        id="sign-key"
        value={key?.id ?? ''}
        disabled={keys.length === 0}
        aria-describedby="sign-key-notes"
        onChange={(e) => form.setKeyChoice(value(e))}
      >
        {keys.length === 0 ? <option value="">No stored key yet</option> : null}
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
            “{key.name}” has no Kalshi key ID, so KALSHI-ACCESS-KEY would be empty. Register its
            public key with Kalshi, then paste the ID Kalshi returns into “Kalshi key ID”.
          </p>
        ) : null}
        {key && form.target?.host && key.environment !== form.target.host.environment ? (
          <p class="warning">
            “{key.name}” is a {key.environment} key and this request goes to{' '}
            {form.target.host.environment}: Kalshi keys work only in their own environment.
          </p>
        ) : null}
      </div>
    </div>
  );
}
