import { useState } from 'preact/hooks';
import type { KeyStore, StorageMode } from '../storage/key-store';
import { userMessage } from './messages';

/** The setting that remembers the file:// opt-in (a preference, never a key). */
export const KEEP_ON_FILE_SETTING = 'keep-keys-on-file';

/**
 * Shown only when the page is opened from disk. Chromium gives every file:// page one shared
 * storage (toolchain.md trap 7), so any other HTML file on this computer could sign with keys
 * stored here: keys stay in memory unless the user opts in.
 */
export function FileStorageChoice({ store, mode }: { store: KeyStore; mode: StorageMode }) {
  const [error, setError] = useState('');
  if (mode.kind === 'memory') return null; // IndexedDB failed: StorageNotice already says so.
  const keep = mode.kind === 'indexeddb';
  const onChange = async (event: Event) => {
    const checked = (event.currentTarget as HTMLInputElement).checked;
    setError('');
    try {
      await store.setPersistent(checked);
      await store.setSetting(KEEP_ON_FILE_SETTING, checked);
    } catch (caught) {
      setError(userMessage(caught));
    }
  };
  return (
    <div class="notice">
      <label>
        <input
          type="checkbox"
          checked={keep}
          onChange={onChange}
          aria-describedby="file-storage-why"
        />
        Keep keys on this computer
      </label>
      <p id="file-storage-why" role="status">
        {keep
          ? 'Stored keys can be used by any HTML file opened from this computer. Untick to keep them in this tab only.'
          : 'Opened from a file: keys are kept in this tab only (every local HTML file shares one storage, so another file could use stored keys).'}
      </p>
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
