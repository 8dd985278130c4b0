import { useState } from 'preact/hooks';
import type { EnvironmentId, KeyRecord } from '../storage/types';
import { KeyDeleteDialog } from './KeyDeleteDialog';
import { KeyListItem } from './KeyListItem';
import { KEYS_LISTED_MARK, useStartUpMark } from './start-up-marks';

export interface KeyListActions {
  onSelect: (id: string) => void;
  onRename: (id: string, name: string) => Promise<void>;
  onEnvironment: (id: string, environment: EnvironmentId) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}

/** "Stored keys": every key in this browser, with select, rename, environment and delete. */
export function KeyList({
  keys,
  loaded,
  selectedId,
  error,
  ...actions
}: KeyListActions & {
  keys: KeyRecord[];
  loaded: boolean;
  selectedId: string | null;
  error: string;
}) {
  const [deleting, setDeleting] = useState<KeyRecord | null>(null);
  useStartUpMark(KEYS_LISTED_MARK, loaded);

  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">Stored keys</h2>
      {loaded && keys.length === 0 && (
        <p class="hint">No keys yet. Generate one above, or import a key file below.</p>
      )}
      <ul aria-label="Stored keys" class="key-list">
        {keys.map((key) => (
          <KeyListItem
            key={key.id}
            record={key}
            selected={key.id === selectedId}
            onSelect={actions.onSelect}
            onRename={actions.onRename}
            onEnvironment={actions.onEnvironment}
            onAskDelete={setDeleting}
          />
        ))}
      </ul>
      <div class="messages">{error && <p role="alert">{error}</p>}</div>
      <KeyDeleteDialog
        record={deleting}
        onCancel={() => setDeleting(null)}
        onConfirm={async (id) => {
          setDeleting(null);
          await actions.onDelete(id);
        }}
      />
    </section>
  );
}
