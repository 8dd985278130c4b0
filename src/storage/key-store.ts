// Key records in IndexedDB (idb-keyval), one entry per key so that two tabs minting at the same
// moment never overwrite each other (no read-modify-write of a shared array). Other tabs learn
// about changes through a BroadcastChannel and reload their list. When IndexedDB is missing or
// refuses (private modes: DataCloneError on a CryptoKey, InvalidStateError, SecurityError), the
// store switches to memory for the rest of the session and says so through `mode`; it never
// deletes or rewrites what IndexedDB already holds.
import { del, get, set, values } from 'idb-keyval';
import { defaultKalshiDb, type KalshiDb } from './db';
import { StorageError, storageErrorCode, type StorageErrorCode } from './errors';
import type { EnvironmentId, KeyRecord } from './types';

export const CHANNEL_NAME = 'kalshi-keys';

/** Where the keys live right now. */
export type StorageMode =
  | { kind: 'indexeddb' }
  // Kept in memory by choice: the file:// default, where every local file shares one storage.
  | { kind: 'session' }
  | { kind: 'memory'; reason: StorageErrorCode; cause?: unknown };

/** What changed: this tab, another tab (over BroadcastChannel), or the storage mode. */
export type StoreChange = 'local' | 'remote' | 'mode';

export interface KeyStore {
  /** IndexedDB, or memory (with the reason) after IndexedDB failed. */
  readonly mode: StorageMode;
  /** All keys, oldest first. */
  list(): Promise<KeyRecord[]>;
  /** Adds (or replaces) one key. */
  put(record: KeyRecord): Promise<void>;
  /** @throws StorageError 'not-found' when the key is gone (e.g. deleted in another tab). */
  rename(id: string, name: string): Promise<KeyRecord>;
  /** @throws StorageError 'not-found' */
  setKalshiKeyId(id: string, kalshiKeyId: string): Promise<KeyRecord>;
  /** @throws StorageError 'not-found' */
  setEnvironment(id: string, environment: EnvironmentId): Promise<KeyRecord>;
  remove(id: string): Promise<void>;
  /** Called after every change here or in another tab; returns the unsubscribe function. */
  subscribe(listener: (change: StoreChange) => void): () => void;
  /**
   * Moves the keys between memory and IndexedDB (the file:// opt-in). `true` writes the session's
   * keys to IndexedDB and keeps storing there; `false` takes the stored keys into memory and
   * removes them from IndexedDB. Has no effect after IndexedDB failed.
   */
  setPersistent(keep: boolean): Promise<void>;
  getSetting<T>(name: string): Promise<T | undefined>;
  setSetting(name: string, value: unknown): Promise<void>;
  /** Stops listening to other tabs. */
  close(): void;
}

export interface KeyStoreOptions {
  /** BroadcastChannel name; tests pass their own so parallel files don't hear each other. */
  channelName?: string;
  /** Start with keys in memory only (mode 'session'): the default for a page opened from file://. */
  sessionOnly?: boolean;
}

function isKeyRecord(value: unknown): value is KeyRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<KeyRecord>;
  return typeof r.id === 'string' && typeof r.name === 'string' && typeof r.privateKey === 'object';
}

const byAge = (a: KeyRecord, b: KeyRecord) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

const notFound = (id: string, cause?: unknown) =>
  new StorageError('not-found', `No stored key has the id ${id}.`, { cause });

/**
 * The key store over `db` (the page's database by default, opened on first use).
 * Nothing touches IndexedDB until the first call.
 */
export function createKeyStore(
  db: KalshiDb = defaultKalshiDb(),
  { channelName = CHANNEL_NAME, sessionOnly = false }: KeyStoreOptions = {},
): KeyStore {
  let mode: StorageMode = sessionOnly ? { kind: 'session' } : { kind: 'indexeddb' };
  let memory: Map<string, KeyRecord> | undefined = sessionOnly ? new Map() : undefined;
  // What IndexedDB last showed, so a switch to memory keeps the keys the user already sees.
  const lastKnown = new Map<string, KeyRecord>();
  const listeners = new Set<(change: StoreChange) => void>();
  const emit = (change: StoreChange) => listeners.forEach((listener) => listener(change));

  const channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : undefined;
  if (channel) {
    channel.onmessage = () => {
      // In memory mode this tab no longer reads IndexedDB, so other tabs' changes can't show here.
      if (!memory) emit('remote');
    };
  }
  const announce = () => {
    emit('local');
    if (!memory) {
      try {
        channel?.postMessage('changed');
      } catch {
        // A closed channel (page unloading) only means other tabs reload a little later.
      }
    }
  };

  const switchToMemory = (error: unknown): Map<string, KeyRecord> => {
    if (!memory) {
      memory = new Map(lastKnown);
      mode = { kind: 'memory', reason: storageErrorCode(error), cause: error };
      // The browser's own error stays available to developers; users get messages.ts text.
      console.warn('kalshi-keys: IndexedDB failed, keys are kept in memory', error);
      emit('mode');
    }
    return memory;
  };

  /** Runs `idb` against IndexedDB, or `mem` against memory once IndexedDB has failed. */
  async function attempt<T>(
    idb: () => Promise<T>,
    mem: (m: Map<string, KeyRecord>) => T,
  ): Promise<T> {
    if (memory) return mem(memory);
    try {
      return await idb();
    } catch (error) {
      if (error instanceof StorageError && error.code === 'not-found') throw error;
      // Anything else (DataCloneError, InvalidStateError, SecurityError, quota, no IndexedDB) means
      // this tab can't rely on IndexedDB: keep working in memory and say so.
      return mem(switchToMemory(error));
    }
  }

  function update(id: string, patch: Partial<Omit<KeyRecord, 'id'>>): Promise<KeyRecord> {
    return attempt(
      () =>
        // get and put in one readwrite transaction, so a change from another tab can't slip between.
        db.keys('readwrite', (objectStore) => {
          return new Promise<KeyRecord>((resolve, reject) => {
            let next: KeyRecord | undefined;
            const request = objectStore.get(id);
            request.onsuccess = () => {
              if (!isKeyRecord(request.result)) return;
              next = { ...request.result, ...patch };
              objectStore.put(next, id);
            };
            const tx = objectStore.transaction;
            tx.oncomplete = () => {
              if (!next) return reject(notFound(id));
              lastKnown.set(id, next);
              resolve(next);
            };
            tx.onabort = tx.onerror = () => reject(tx.error ?? request.error);
          });
        }),
      (m) => {
        const old = m.get(id);
        if (!old) throw notFound(id);
        const next = { ...old, ...patch };
        m.set(id, next);
        return next;
      },
    ).then((record) => {
      announce();
      return record;
    });
  }

  return {
    get mode() {
      return mode;
    },
    async list() {
      const records = await attempt(
        async () => {
          const found = (await values<unknown>(db.keys)).filter(isKeyRecord);
          lastKnown.clear();
          for (const record of found) lastKnown.set(record.id, record);
          return found;
        },
        (m) => [...m.values()],
      );
      return records.sort(byAge);
    },
    async put(record) {
      if (!isKeyRecord(record)) throw new TypeError('put() needs a KeyRecord');
      await attempt(
        async () => {
          await set(record.id, record, db.keys);
          lastKnown.set(record.id, record);
        },
        (m) => void m.set(record.id, record),
      );
      announce();
    },
    rename(id, name) {
      const trimmed = name.trim();
      if (!trimmed) throw new TypeError('rename() needs a non-empty name');
      return update(id, { name: trimmed });
    },
    setKalshiKeyId: (id, kalshiKeyId) => update(id, { kalshiKeyId: kalshiKeyId.trim() }),
    setEnvironment(id, environment) {
      if (environment !== 'demo' && environment !== 'production') {
        throw new TypeError(`unknown environment ${String(environment)}`);
      }
      return update(id, { environment });
    },
    async remove(id) {
      await attempt(
        async () => {
          await del(id, db.keys);
          lastKnown.delete(id);
        },
        (m) => void m.delete(id),
      );
      announce();
    },
    async setPersistent(keep) {
      if (mode.kind === 'memory') return;
      if (keep && memory) {
        for (const record of memory.values()) await set(record.id, record, db.keys);
        memory = undefined;
        mode = { kind: 'indexeddb' };
      } else if (!keep && !memory) {
        const stored = (await values<unknown>(db.keys)).filter(isKeyRecord);
        memory = new Map(stored.map((record) => [record.id, record]));
        // Copied to memory first, so a failed delete leaves the key on disk, never lost.
        for (const record of stored) await del(record.id, db.keys);
        lastKnown.clear();
        mode = { kind: 'session' };
      } else {
        return;
      }
      emit('mode');
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSetting: (name) => getSetting(name, db),
    setSetting: (name, value) => setSetting(name, value, db),
    close() {
      listeners.clear();
      channel?.close();
    },
  };
}

// Settings are conveniences (which key is selected, a relay URL): when IndexedDB fails they live in
// memory for the session, silently, since the key store already tells the user about storage.
const memorySettings = new WeakMap<KalshiDb, Map<string, unknown>>();
const settingsMemory = (db: KalshiDb) => {
  let map = memorySettings.get(db);
  if (!map) memorySettings.set(db, (map = new Map()));
  return map;
};

/** A remembered UI preference, or undefined. Never rejects. */
export async function getSetting<T>(
  name: string,
  db: KalshiDb = defaultKalshiDb(),
): Promise<T | undefined> {
  const remembered = settingsMemory(db);
  if (remembered.has(name)) return remembered.get(name) as T;
  try {
    return await get<T>(name, db.settings);
  } catch {
    return undefined;
  }
}

/** Remembers a UI preference (structured-cloneable value). Never rejects. */
export async function setSetting(
  name: string,
  value: unknown,
  db: KalshiDb = defaultKalshiDb(),
): Promise<void> {
  try {
    await set(name, value, db.settings);
    settingsMemory(db).delete(name);
  } catch {
    settingsMemory(db).set(name, value);
  }
}
