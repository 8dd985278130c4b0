import { useState } from 'preact/hooks';
import type { KeyStore, StorageMode } from '../../storage/key-store';
import { storageModeMessage, userMessage } from '../common/messages';
import { KEEP_ON_FILE_SETTING } from '../common/settings';

/**
 * Where the keys live: a warning in memory mode; otherwise whether the browser may clear them,
 * and, on a page opened from disk, the choice to keep them. Chromium gives every file:// page one
 * shared storage (toolchain.md trap 7), so any other HTML file on this computer could sign with
 * keys stored there: they stay in memory unless the user opts in.
 */
export function StorageNotice({
  store,
  mode,
  persistent,
  hasKeys,
  fileOrigin,
}: {
  store: KeyStore;
  mode: StorageMode;
  persistent: boolean | undefined;
  hasKeys: boolean;
  fileOrigin: boolean;
}) {
  const [error, setError] = useState('');
  if (mode.kind === 'memory' || mode.kind === 'waiting') {
    return (
      <p role="alert" class="notice warning">
        {storageModeMessage(mode)}{' '}
        {mode.kind === 'memory' && mode.reason === 'cleared' && (
          <button
            type="button"
            onClick={() =>
              store.setPersistent(true).catch((caught) => setError(userMessage(caught)))
            }
          >
            Store these keys again
          </button>
        )}
        {error}
      </p>
    );
  }
  const keep = mode.kind === 'indexeddb';
  return (
    <>
      <p role="status" class="notice">
        {hasKeys &&
          persistent !== undefined &&
          (persistent
            ? 'Storage is persistent: the browser will not clear these keys on its own.'
            : 'The browser may clear these keys under storage pressure (no persistent storage granted): keep a backup.')}
      </p>
      {fileOrigin && (
        <div class="notice">
          <label>
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
          {error && <p role="alert">{error}</p>}
        </div>
      )}
    </>
  );
}
