// Names of the page's settings in IndexedDB (preferences, never keys), shared by start-up and panels.

/** Remembers the file:// opt-in to keep keys stored (StorageNotice). */
export const KEEP_ON_FILE_SETTING = 'keep-keys-on-file';
