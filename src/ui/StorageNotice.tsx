import type { StorageMode } from '../storage/key-store';
import { storageModeMessage } from './messages';

/** Where the keys live: a warning in memory mode; otherwise whether the browser may clear them. */
export function StorageNotice({
  mode,
  persistent,
  hasKeys,
}: {
  mode: StorageMode;
  persistent: boolean | undefined;
  hasKeys: boolean;
}) {
  const memory = storageModeMessage(mode);
  return memory ? (
    <p role="alert" class="notice warning">
      {memory}
    </p>
  ) : (
    <p role="status" class="notice">
      {!hasKeys || persistent === undefined
        ? ''
        : persistent
          ? 'Storage is persistent: the browser will not clear these keys on its own.'
          : 'The browser may clear these keys under storage pressure (no persistent storage granted): keep a backup.'}
    </p>
  );
}
