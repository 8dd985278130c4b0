import type { StorageMode } from '../storage/key-store';
import { persistenceMessage, storageModeMessage, type Persistence } from './messages';

/** Where the keys live: a warning in memory mode; otherwise whether the browser may clear them. */
export function StorageNotice({
  mode,
  persistence,
  hasKeys,
}: {
  mode: StorageMode;
  persistence: Persistence;
  hasKeys: boolean;
}) {
  const memory = storageModeMessage(mode);
  if (memory) {
    return (
      <p role="alert" class="notice warning">
        {memory}
      </p>
    );
  }
  return (
    <p role="status" class="notice">
      {hasKeys ? persistenceMessage(persistence) : ''}
    </p>
  );
}
