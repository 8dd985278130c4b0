// The one place where errors become user text. Core errors already say what is wrong and what to
// do, so their messages pass through; storage failures, DOMExceptions and anything unexpected get
// actionable text here. A raw DOMException message is never shown (design.md). A problem one panel
// finds before anything is thrown (a file too large, say) is worded in that panel.
import { KalshiAnswerError, KeyFormatError, RequestFormatError } from '../../core/errors';
import type { StorageMode } from '../../storage/key-store';
import { StorageError, type StorageFailure } from '../../storage/errors';
import { PrivateKeyTextError } from '../../storage/new-record';
import { PRIVATE_KEY_HERE } from './private-key-here';
import { ClipboardError } from './clipboard';

export { ClipboardError, PRIVATE_KEY_HERE };

const STORAGE_REASONS: Record<StorageFailure, string> = {
  'no-indexeddb': 'this page has no IndexedDB',
  'clone-refused': 'the browser refuses to save keys in IndexedDB (as in private windows)',
  blocked: 'the browser blocks IndexedDB here (private window or site-data setting)',
  quota: 'the browser has no storage space left for this site',
  failed: 'IndexedDB failed',
  outdated: 'a newer kalshi-keys updated the key store in another tab',
  cleared: 'site data was cleared, deleting the stored keys',
};

/** What to do about each storage failure whose cure is not a normal window. */
const STORAGE_ADVICE: Partial<Record<StorageFailure, string>> = {
  quota: 'free disk space, then reload this page',
  outdated: 'reload this page to use the stored keys',
  cleared: 'store these keys again to keep them',
};

/** One sentence about where keys live, or '' when they are in IndexedDB as intended. */
export const storageModeMessage = (mode: StorageMode): string =>
  mode.kind === 'memory'
    ? `Keys are kept in memory for this session only: ${STORAGE_REASONS[mode.reason]}. They are gone when you close this tab: ${STORAGE_ADVICE[mode.reason] ?? 'open the page in a normal window to keep keys'}.`
    : mode.kind === 'waiting'
      ? 'Keys cannot load while an older kalshi-keys in another tab holds the key store open: close or reload that tab.'
      : '';

/** The hosted page's service worker did not install: the page works, but not offline. */
export const NO_OFFLINE_COPY =
  'This page will not open offline: the browser could not keep a copy (sw.js did not install). Hosting it? Upload all of dist/. Otherwise use “Download for offline use”.';

/** Shown wherever a key is needed and none is selected. */
export const NO_KEY_SELECTED = 'Generate or import a key first.';

/** A listed key whose CryptoKey is still being read from IndexedDB (start-up reads the list first). */
export class KeyLoadingError extends Error {
  override name = 'KeyLoadingError';
  readonly code = 'key-loading';
}

/** Text for any error caught in the UI. */
export function userMessage(error: unknown): string {
  if (
    error instanceof KeyFormatError ||
    error instanceof RequestFormatError ||
    error instanceof KalshiAnswerError
  )
    return error.message;
  if (error instanceof PrivateKeyTextError) return PRIVATE_KEY_HERE;
  if (error instanceof KeyLoadingError)
    return 'This key is still loading from storage: try again in a moment.';
  if (error instanceof ClipboardError)
    return 'The browser did not allow copying. The text is selected: press Ctrl+C (⌘C on a Mac).';
  if (error instanceof StorageError)
    return error.code === 'not-found'
      ? 'This key was deleted in another tab, so it cannot be changed here.'
      : `The key could not be saved: ${STORAGE_REASONS[error.code]}. Nothing stored was changed; reload and try again.`;
  switch ((error as Error | undefined)?.name) {
    case 'QuotaExceededError':
      return 'The browser has no storage space left for this site. Free disk space, then try again.';
    case 'NotAllowedError':
      return 'The browser did not allow this action. Click again, and allow it if asked.';
    case 'NotSupportedError':
    case 'OperationError':
      return 'This browser could not do the RSA operation. Use a current Chrome, Edge, Firefox or Safari.';
    case 'DataCloneError':
    case 'InvalidStateError':
    case 'SecurityError':
      return 'The browser refused to store the key. Open the page in a normal (not private) window.';
  }
  console.error(error);
  return 'Something unexpected went wrong; nothing stored was changed. Reload the page and try again.';
}
