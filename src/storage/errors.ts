// Storage failures as codes; src/ui/messages.ts turns them into text (the one place that does).

/** Why IndexedDB could not be used, or why a stored key could not be changed. */
export type StorageErrorCode =
  | 'no-indexeddb' // no IndexedDB at all (very old browser, some embedded views)
  | 'clone-refused' // DataCloneError: the browser won't store a CryptoKey (Firefox/Safari private modes)
  | 'blocked' // InvalidStateError / SecurityError: IndexedDB exists but is switched off here
  | 'quota' // QuotaExceededError: no space left for this site
  | 'failed' // any other IndexedDB failure
  | 'outdated' // a newer kalshi-keys upgraded the database in another tab
  | 'cleared' // the database was deleted under the open page (site data cleared)
  | 'not-found'; // the key is gone (deleted in another tab)

/** Why the key store works in memory: every code but 'not-found', which only one key hits. */
export type StorageFailure = Exclude<StorageErrorCode, 'not-found'>;

/** A storage failure with a stable code; `cause` keeps the browser's own error for the console. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string = code,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}
