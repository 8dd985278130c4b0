import { useState } from 'preact/hooks';
import type { EnvironmentId, KeyRecord } from '../storage/types';
import { KeyDeleteDialog } from './KeyDeleteDialog';
import { KeyListItem, SelectedKeyItem } from './KeyListItem';
import { KEYS_LISTED_MARK, useStartUpMark } from './start-up-marks';

export interface KeyListActions {
  onSelect: (id: string) => void;
  onRename: (id: string, name: string) => Promise<void>;
  onEnvironment: (id: string, environment: EnvironmentId) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}

/** "Stored keys": every key in this browser; the selected one can be renamed, moved or deleted. */
export function KeyList({
  keys,
  loaded,
  selectedId,
  error,
  onDelete,
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
      {loaded && !keys.length && (
        <p class="hint">No keys yet. Generate one above, or import a key file below.</p>
      )}
      <ul aria-label="Stored keys" class="key-list">
        {keys.map((key) =>
          key.id === selectedId ? (
            <SelectedKeyItem key={key.id} record={key} onAskDelete={setDeleting} {...actions} />
          ) : (
            <KeyListItem key={key.id} record={key} onSelect={actions.onSelect} />
          ),
        )}
      </ul>
      <div class="messages">{error && <p role="alert">{error}</p>}</div>
      <KeyDeleteDialog
        record={deleting}
        onCancel={() => setDeleting(null)}
        onConfirm={(id) => {
          setDeleting(null);
          void onDelete(id);
        }}
      />
    </section>
  );
}
