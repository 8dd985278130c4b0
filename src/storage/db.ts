// The page's one IndexedDB database. 'keys' holds each whole key record (CryptoKeys included),
// 'list' the same records without CryptoKeys (version 2), so start-up reads only what the list
// shows: Chromium rebuilds every stored CryptoKey when a record is read. 'settings' holds UI
// preferences. idb-keyval's createStore() makes one store per database, so this opens it itself.
import { promisifyRequest, type UseStore } from 'idb-keyval';
import { StorageError } from './errors';
import type { KeyInfo, KeyRecord } from './types';

export const LIST_STORE = 'list';

/** idb-keyval UseStore functions: `keys` transactions also reach LIST_STORE, for atomic writes. */
export interface KalshiDb {
  keys: UseStore;
  settings: UseStore;
  /** Set by the key store: the database changed under the page (DbEvent). */
  onchange?: (event: DbEvent) => void;
}

/**
 * 'blocked': opening waits for another tab (an older version holding the database); 'open': it
 * opened after all. 'closed': the browser closed the connection. 'outdated': a newer version
 * upgraded the database in another tab. 'cleared': the database was deleted while the page was
 * open (site data cleared) and has just been created again, empty.
 */
export type DbEvent = 'blocked' | 'open' | 'closed' | 'outdated' | 'cleared';

/** A record as LIST_STORE holds it: everything but the CryptoKeys. */
export const keyInfo = ({ privateKey: _p, publicKey: _q, ...info }: KeyRecord): KeyInfo => info;

/**
 * Opens (on first use) the database `dbName`. Nothing runs at call time, so a missing or blocked
 * IndexedDB only shows up as a rejected operation, which the key store turns into its memory fallback.
 */
export function openKalshiDb(dbName = 'kalshi-keys'): KalshiDb {
  let dbp: Promise<IDBDatabase> | undefined;
  // Whether this page has had the database open: a later upgrade from nothing means it was deleted.
  let known = false;
  const tell = (event: DbEvent) => kalshi.onchange?.(event);
  const getDb = (tries = 3): Promise<IDBDatabase> => {
    if (dbp) return dbp;
    if (!globalThis.indexedDB) throw new StorageError('no-indexeddb');
    const request = indexedDB.open(dbName, 2);
    let blocked = false;
    request.onblocked = () => tell(((blocked = true), 'blocked'));
    request.onupgradeneeded = ({ oldVersion }) => {
      if (known && !oldVersion) tell('cleared');
      const db = request.result;
      for (const name of ['keys', LIST_STORE, 'settings']) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
      }
      // From version 1, which had only whole records: give each key its list entry, so no stored
      // key goes missing. Never runs twice: the version is 2 once this transaction commits.
      const tx = request.transaction!;
      const whole = tx.objectStore('keys').getAll();
      whole.onsuccess = () =>
        whole.result.forEach(
          (record?: KeyRecord) =>
            record?.privateKey && tx.objectStore(LIST_STORE).put(keyInfo(record), record.id),
        );
    };
    const opened = promisifyRequest(request);
    dbp = opened.catch((error: Error) => {
      dbp = undefined;
      // Chromium aborts an open made while it still deletes the database (site data cleared just
      // now, which closed this page's connection): the next open goes through.
      if (error?.name === 'AbortError' && --tries) return getDb(tries);
      throw error;
    });
    opened.then(
      (db) => {
        known = true;
        if (blocked) tell('open');
        // Safari sometimes closes the connection by itself (idb-keyval does the same); Chromium
        // does when site data is cleared. Told, so the key store reopens and finds out which.
        db.onclose = () => {
          dbp = undefined;
          tell('closed');
        };
        // A newer version of the page in another tab must not be blocked by this one.
        db.onversionchange = ({ newVersion }) => {
          db.close();
          dbp = undefined;
          tell(newVersion ? 'outdated' : 'closed');
        };
      },
      () => {},
    );
    return dbp;
  };
  const useStore =
    (names: string[]): UseStore =>
    (mode, callback) =>
      // Through a promise so that anything open() throws becomes a rejection.
      Promise.resolve()
        .then(() => getDb())
        .then((db) => callback(db.transaction(names, mode).objectStore(names[0]!)));
  const kalshi: KalshiDb = {
    keys: useStore(['keys', LIST_STORE]),
    settings: useStore(['settings']),
  };
  return kalshi;
}

let defaultDb: KalshiDb | undefined;
/** The page's database, opened on first use (not at import time). */
export const defaultKalshiDb = () => (defaultDb ??= openKalshiDb());
