import { useState } from 'preact/hooks';
import type { KeyStore, StorageMode } from '../../storage/key-store';
import { storageModeMessage, userMessage } from '../common/messages';
import { KEEP_ON_FILE_SETTING } from '../common/settings';

/**
 * Above every view, when keys cannot be stored as intended (memory after IndexedDB failed, or
 * waiting on another tab): what that means and what to do.
 */
export function StorageAlert({ store, mode }: { store: KeyStore; mode: StorageMode }) {
  const [error, setError] = useState('');
  if (mode.kind !== 'memory' && mode.kind !== 'waiting') return null;
  return (
    <p role="alert" class="notice warning">
      {storageModeMessage(mode)}{' '}
      {mode.kind === 'memory' && mode.reason === 'cleared' && (
        <button
          type="button"
          onClick={() => store.setPersistent(true).catch((caught) => setError(userMessage(caught)))}
        >
          Store these keys again
        </button>
      )}
      {error}
    </p>
  );
}

export interface StorageSettingsProps {
  store: KeyStore;
  mode: StorageMode;
  persistent: boolean | undefined;
  onPersist: () => void;
  hasKeys: boolean;
  fileOrigin: boolean;
}

/**
 * In "Relay and offline": whether the browser may clear the keys (and asking it not to), and, on
 * a page opened from disk, the choice to keep them. Chromium gives every file:// page one shared
 * storage, so any other HTML file on this computer could sign with keys stored there: they stay
 * in memory unless the user opts in.
 */
export function StorageSettings({
  store,
  mode,
  persistent,
  onPersist,
  hasKeys,
  fileOrigin,
}: StorageSettingsProps) {
  const [error, setError] = useState('');
  const keep = mode.kind === 'indexeddb';
  return (
    <>
      {mode.kind === 'memory' || mode.kind === 'waiting' ? (
        <p class="warning">{storageModeMessage(mode)}</p>
      ) : (
        <p
          role="status"
          class={persistent === false && mode.kind !== 'session' ? 'warning' : undefined}
        >
          {mode.kind === 'session'
            ? 'Keys are kept in this tab only.'
            : persistent === undefined
              ? 'Keys are kept in this browser.'
              : persistent
                ? 'Storage is persistent: the browser will not clear these keys on its own.'
                : `The browser may clear these keys under storage pressure (no persistent storage granted)${hasKeys ? ': keep a backup' : ''}.`}
        </p>
      )}
      {persistent === false && mode.kind === 'indexeddb' && (
        <div class="actions">
          <button type="button" onClick={onPersist}>
            Ask the browser to keep these keys
          </button>
        </div>
      )}
      {fileOrigin && (
        <div>
          <label class="check">
            <input
              type="checkbox"
              checked={keep}
              aria-describedby="file-storage-why"
              onChange={async (event) => {
                const checked = event.currentTarget.checked;
                setError('');
                try {
                  await store.setPersistent(checked);
                  await store.setSetting(KEEP_ON_FILE_SETTING, checked);
                } catch (caught) {
                  setError(userMessage(caught));
                }
              }}
            />
            Keep keys on this computer
          </label>
          <p id="file-storage-why" role="status">
            {keep
              ? 'Stored keys can be used by any HTML file opened from this computer. Untick to keep them in this tab only.'
              : 'Opened from a file: keys are kept in this tab only, since every HTML file opened from this computer could use stored keys.'}
          </p>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
    </>
  );
}
