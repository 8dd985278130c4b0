// The "Signing key" choice, with a warning for a key Kalshi cannot know yet or a wrong environment.
import type { KeyRecord } from '../storage/types';
import type { SignForm } from './use-sign-form';

export function SignKeyField({ form, keys }: { form: SignForm; keys: KeyRecord[] }) {
  const key = form.signingKey;
  const goesTo = form.target?.host?.environment;
  const warning = !key
    ? ''
    : !key.kalshiKeyId.trim()
      ? `“${key.name}” has no Kalshi key ID: register it, then paste the ID into “Kalshi key ID”.`
      : goesTo && key.environment !== goesTo
        ? `“${key.name}” is a ${key.environment} key and this request goes to ${goesTo}: pick a matching key or environment.`
        : '';
  return (
    <>
      <label for="sign-key">Signing key</label>
      <select
        id="sign-key"
        value={key?.id ?? ''}
        disabled={!keys.length}
        aria-describedby="sign-key-note"
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
      {warning ? (
        <p class="warning" id="sign-key-note">
          {warning}
        </p>
      ) : null}
    </>
  );
}
