// The one place where errors become user text. Core errors already say what is wrong and what to
// do, so their messages pass through; storage failures, DOMExceptions and anything unexpected get
// actionable text here. A raw DOMException message is never shown (design.md).
import { KeyFormatError, RequestFormatError } from '../core';
import type { StorageMode } from '../storage/key-store';
import { StorageError, type StorageErrorCode } from '../storage/errors';
import { ClipboardError } from './clipboard';

const STORAGE_REASONS: Record<StorageErrorCode, string> = {
  'no-indexeddb': 'this browser offers no IndexedDB on this page',
  'clone-refused':
    'this browser refuses to save a key in IndexedDB (Firefox and Safari do this in private windows)',
  blocked: 'this browser blocks IndexedDB for this page (a private window or a site-data setting)',
  quota: 'the browser has no storage space left for this site',
  failed: 'IndexedDB failed in this browser',
  'not-found': 'a key could not be found',
};

/** One sentence about where keys live, or '' when they are in IndexedDB as intended. */
export function storageModeMessage(mode: StorageMode): string {
  if (mode.kind !== 'memory') return '';
  return (
    `Keys are kept in memory for this session only: ${STORAGE_REASONS[mode.reason]}. ` +
    'They are gone when you close this tab, so register them with Kalshi only if you will use them now, ' +
    'or open this page in a normal window to keep keys.'
  );
}

/** Whether the browser promised to keep the site's storage. */
export type Persistence = 'unknown' | 'persistent' | 'best-effort';

export function persistenceMessage(persistence: Persistence): string {
  switch (persistence) {
    case 'persistent':
      return 'Storage is persistent: the browser will not clear these keys on its own.';
    case 'best-effort':
      return (
        'The browser may clear these keys under storage pressure (it did not grant persistent storage). ' +
        'Keep a private-key backup, or be ready to mint a new key and register it with Kalshi.'
      );
    default:
      return '';
  }
}

export const text = {
  copied: 'Copied',
  fileTooLarge: (bytes: number) =>
    `This file is ${Math.ceil(bytes / 1024)} KB, too large to be a key file (an RSA private key PEM is under 4 KB). Choose the .pem or .key file Kalshi gave you.`,
  pastedBlockOnly: (chars: number) =>
    `The pasted text was ${Math.ceil(chars / 1024)} KB; only its key block was kept. Check it, then press "Import key".`,
  pasteTooLarge: (chars: number) =>
    `The pasted text is ${Math.ceil(chars / 1024)} KB and holds no complete key block (-----BEGIN … -----END …-----). Paste just the key, or choose the key file.`,
  fileUnreadable:
    'The file could not be read. Choose it again, or open it in a text editor and paste its text.',
  noFile: 'That was not a file. Drop a .pem or .key file, or paste its text.',
  kalshiKeyIdShape:
    'This does not look like a Kalshi key ID (a UUID). Saved anyway: check you copied the whole ID.',
  deletedElsewhere: 'This key was deleted in another tab, so it cannot be changed here.',
  emptyName: 'Enter a name for the key.',
  noKeySelected: 'Generate or import a key first.',
  alreadyStored: (name: string, fingerprint: string) =>
    `This key is already stored as “${name}” (${fingerprint}); it is now selected. Nothing new was stored.`,
  imported: (name: string, fingerprint: string) => `Imported “${name}” (${fingerprint}).`,
  minted: (name: string, fingerprint: string) => `Generated and stored “${name}” (${fingerprint}).`,
  backupSaved: (fileName: string) =>
    `The private key backup was saved as ${fileName}. Keep it somewhere safe: anyone with it can trade as you.`,
};

function domName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
}

/** Text for any error caught in the UI. */
export function userMessage(error: unknown): string {
  if (error instanceof KeyFormatError || error instanceof RequestFormatError) return error.message;
  if (error instanceof ClipboardError) {
    return 'The browser did not allow copying to the clipboard. The text is selected: copy it with Ctrl+C (⌘C on a Mac).';
  }
  if (error instanceof StorageError) {
    if (error.code === 'not-found') return text.deletedElsewhere;
    return `The key could not be saved: ${STORAGE_REASONS[error.code]}. Nothing stored was changed; reload the page and try again.`;
  }
  switch (domName(error)) {
    case 'QuotaExceededError':
      return 'The browser has no storage space left for this site. Delete keys you no longer use or free disk space, then try again.';
    case 'NotAllowedError':
      return 'The browser did not allow this action. Click the button again, and allow it if the browser asks.';
    case 'NotSupportedError':
    case 'OperationError':
      return 'This browser could not do the RSA operation (WebCrypto RSA-PSS, 2048 bits). Use a current Chrome, Edge, Firefox or Safari.';
    case 'DataCloneError':
    case 'InvalidStateError':
    case 'SecurityError':
      return 'The browser refused to store the key. Open this page in a normal (not private) window, then try again.';
  }
  if (error instanceof Error) console.error(error);
  return 'Something unexpected went wrong, and nothing stored was changed. Reload the page and try again; if it keeps happening, report it with the browser console output.';
}
