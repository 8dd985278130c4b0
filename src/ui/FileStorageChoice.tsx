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
    <div class="notice file-storage">
      <label class="checkbox">
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
          ? 'Keys are stored in this browser for pages opened from files. Any other HTML file you open from this computer could use them: untick to keep them in this tab only (they are removed from storage).'
          : 'Opened from a file: keys are kept in this tab only and are gone when you close or reload it. The browser gives every HTML file on this computer one shared storage, so another file could use stored keys. Tick the box to keep them anyway.'}
      </p>
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
