import { useState } from 'preact/hooks';
import type { KeyRecord } from '../storage/types';
import { text } from './messages';

// Kalshi key IDs are UUIDs. Only a warning: a future format must not lock users out.
const UUID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/i;

/** "Kalshi key ID" of the selected key, saved as the user types. */
export function KeyIdField({
  record,
  onChange,
  error,
}: {
  record: KeyRecord | undefined;
  onChange: (id: string, kalshiKeyId: string) => void;
  error: string;
}) {
  // While the user types, show exactly what they typed (the stored copy is trimmed and arrives
  // later); otherwise follow the stored value: another key selected, or a change in another tab.
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? record?.kalshiKeyId ?? '';

  return (
    <div class="field">
      <label for="kalshi-key-id">Kalshi key ID</label>
      <input
        id="kalshi-key-id"
        type="text"
        class="mono"
        autocomplete="off"
        spellcheck={false}
        disabled={!record}
        placeholder={record ? 'The ID Kalshi showed for this key' : text.noKeySelected}
        aria-describedby="kalshi-key-id-help kalshi-key-id-warning"
        value={value}
        onInput={(e) => {
          setDraft(e.currentTarget.value);
          onChange(record!.id, e.currentTarget.value);
        }}
        onBlur={() => setDraft(null)}
      />
      <p id="kalshi-key-id-help" class="hint">
        Saved with the selected key; sent as the KALSHI-ACCESS-KEY header.
      </p>
      <div class="messages">
        <p id="kalshi-key-id-warning" class="warning">
          {UUID.test(value.trim()) ? '' : text.kalshiKeyIdShape}
        </p>
        {error && <p role="alert">{error}</p>}
      </div>
    </div>
  );
}
