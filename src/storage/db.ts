// The one IndexedDB database of the page, with two object stores: 'keys' (one entry per key) and
// 'settings' (small UI preferences). idb-keyval's createStore() can only create ONE store per
// database (it opens without a version, so a second store is never created), so this opens the
// database itself and hands out idb-keyval-compatible UseStore functions for each store.
import { promisifyRequest, type UseStore } from 'idb-keyval';
import { StorageError } from './errors';

export const DB_NAME = 'kalshi-keys';
export const KEYS_STORE = 'keys';
export const SETTINGS_STORE = 'settings';
const DB_VERSION = 1;

/** idb-keyval UseStore functions for the page's two object stores. */
export interface KalshiDb {
  keys: UseStore;
  settings: UseStore;
}

/**
 * Opens (lazily, on first use) the database `dbName` with the stores 'keys' and 'settings'.
 * Nothing runs at call time, so a missing or blocked IndexedDB only shows up as a rejected
 * operation, which the key store turns into its memory fallback.
 */
export function openKalshiDb(dbName: string = DB_NAME): KalshiDb {
  let dbp: Promise<IDBDatabase> | undefined;
  const getDb = (): Promise<IDBDatabase> => {
    if (dbp) return dbp;
    if (typeof indexedDB === 'undefined' || indexedDB === null) {
      return Promise.reject(
        new StorageError('no-indexeddb', 'This browser offers no IndexedDB here.'),
      );
    }
    const request = indexedDB.open(dbName, DB_VERSION);
    request.onupgradeneeded = () => {
      for (const name of [KEYS_STORE, SETTINGS_STORE]) {
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
      }
    };
    const opened = promisifyRequest(request);
    dbp = opened;
    opened.then(
      (db) => {
        // Safari sometimes closes the connection by itself (idb-keyval does the same), and a
        // newer version of the page in another tab must not be blocked by this one.
        db.onclose = () => (dbp = undefined);
        db.onversionchange = () => {
          db.close();
          dbp = undefined;
        };
      },
      () => (dbp = undefined),
    );
    return opened;
  };
  const useStore =
    (storeName: string): UseStore =>
    (txMode, callback) =>
      // Through a promise so that anything open() throws becomes a rejection.
      Promise.resolve()
        .then(getDb)
        .then((db) => callback(db.transaction(storeName, txMode).objectStore(storeName)));
  return { keys: useStore(KEYS_STORE), settings: useStore(SETTINGS_STORE) };
}

let defaultDb: KalshiDb | undefined;
/** The page's database, opened on first use (not at import time). */
export function defaultKalshiDb(): KalshiDb {
  defaultDb ??= openKalshiDb();
  return defaultDb;
}
