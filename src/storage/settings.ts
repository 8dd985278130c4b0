// Settings: UI preferences (which key is selected, a relay URL, the rotation in progress) in the
// database's 'settings' store, one entry per name. They are conveniences: when IndexedDB fails they
// live in memory for the session, silently, since the key store already tells the user about
// storage.
import { promisifyRequest as done } from 'idb-keyval';
import { defaultKalshiDb, type KalshiDb } from './db';

/** What could not be written to IndexedDB, per database: read back before IndexedDB is asked. */
const memorySettings = new WeakMap<KalshiDb, Map<string, unknown>>();
const settingsOf = (db: KalshiDb) =>
  memorySettings.get(db) ?? memorySettings.set(db, new Map()).get(db)!;

/** A remembered UI preference, or undefined. Never rejects. */
export const getSetting = <T>(name: string, db = defaultKalshiDb()): Promise<T | undefined> =>
  settingsOf(db).has(name)
    ? Promise.resolve(settingsOf(db).get(name) as T)
    : db
        .settings('readonly', (store) => done<T | undefined>(store.get(name)))
        .catch(() => undefined);

/** Remembers a UI preference (structured-cloneable value). Never rejects. */
export const setSetting = (name: string, value: unknown, db = defaultKalshiDb()): Promise<void> =>
  // idb-keyval's get and set, on this database (theirs would also bring its default store).
  db
    .settings('readwrite', (store) => (store.put(value, name), done(store.transaction)))
    .then(
      () => void settingsOf(db).delete(name),
      () => void settingsOf(db).set(name, value),
    );
