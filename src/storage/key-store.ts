// Key records in IndexedDB, one entry per key so that two tabs minting at the same moment never
// overwrite each other (no read-modify-write of a shared array). Other tabs learn about changes
// through a BroadcastChannel and reload their list. When IndexedDB is missing or refuses (private
// modes: DataCloneError on a CryptoKey, InvalidStateError, SecurityError), the store switches to
// memory for the rest of the session and says so through `mode`; it never deletes or rewrites what
// IndexedDB already holds.
import { promisifyRequest as done } from 'idb-keyval';
import { defaultKalshiDb, keyInfo, LIST_STORE, type KalshiDb } from './db';
import type { KalshiEnvironmentId } from '../core/kalshi';
import { StorageError, type StorageFailure } from './errors';
import { getSetting, setSetting } from './settings';
import type { KeyInfo, KeyRecord } from './types';

/** Where the keys live right now. */
export type StorageMode =
  | { kind: 'indexeddb' }
  // Opening waits until a tab of an older version lets go of the database.
  | { kind: 'waiting' }
  // Kept in memory by choice: the file:// default, where every local file shares one storage.
  | { kind: 'session' }
  | { kind: 'memory'; reason: StorageFailure; cause?: unknown };

/** What changed: this tab, another tab (over BroadcastChannel), or the storage mode. */
export type StoreChange = 'local' | 'remote' | 'mode';

export interface KeyStore {
  /** IndexedDB, or memory (with the reason) after IndexedDB failed. */
  readonly mode: StorageMode;
  /** All keys, oldest first. */
  list(): Promise<KeyRecord[]>;
  /** All keys without their CryptoKeys (in memory mode, with them), oldest first: reads fast. */
  listInfo(): Promise<KeyInfo[]>;
  /** Adds (or replaces) one key. */
  put(record: KeyRecord): Promise<void>;
  /** @throws StorageError 'not-found' when the key is gone (e.g. deleted in another tab). */
  rename(id: string, name: string): Promise<KeyRecord>;
  /** @throws StorageError 'not-found' */
  setKalshiKeyId(id: string, kalshiKeyId: string): Promise<KeyRecord>;
  /**
   * Marks the key as deleted on Kalshi ("Retired"): it stays here, but cannot sign for Kalshi.
   * @throws StorageError 'not-found'
   */
  markRetired(id: string): Promise<KeyRecord>;
  /**
   * Records what Kalshi knows about the key: its key ID, scopes and subaccount (null for none).
   * Fields left undefined stay as they are.
   * @throws StorageError 'not-found'
   */
  setKalshiInfo(
    id: string,
    info: {
      kalshiKeyId?: string;
      scopes?: string[];
      subaccount?: number | null;
      /** Whether Kalshi's last list of the environment had it. */
      listed?: boolean;
      /** Whether Kalshi last answered 401 NOT_FOUND for it. */
      notFound?: boolean;
    },
  ): Promise<KeyRecord>;
  /** @throws StorageError 'not-found' */
  setEnvironment(id: string, environment: KalshiEnvironmentId): Promise<KeyRecord>;
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

const CODES: Record<string, StorageFailure> = {
  DataCloneError: 'clone-refused',
  InvalidStateError: 'blocked',
  SecurityError: 'blocked',
  UnknownError: 'blocked',
  QuotaExceededError: 'quota',
  // This page is older than the database: a newer version upgraded it.
  VersionError: 'outdated',
};

const byAge = (a: KeyInfo, b: KeyInfo) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/**
 * The key store over `db` (the page's database by default, opened on first use).
 * Nothing touches IndexedDB until the first call.
 */
export function createKeyStore(
  db: KalshiDb = defaultKalshiDb(),
  { channelName = 'kalshi-keys', sessionOnly = false }: KeyStoreOptions = {},
): KeyStore {
  let mode: StorageMode = { kind: sessionOnly ? 'session' : 'indexeddb' };
  let memory = sessionOnly ? new Map<string, KeyRecord>() : undefined;
  // What IndexedDB last showed, so a switch to memory keeps the keys the user already sees.
  const lastKnown = new Map<string, KeyRecord>();
  const remember = (record: KeyRecord) => lastKnown.set(record.id, record);
  const listeners = new Set<(change: StoreChange) => void>();
  const emit = (change: StoreChange) => listeners.forEach((listener) => listener(change));

  const channel = globalThis.BroadcastChannel && new BroadcastChannel(channelName);
  // In memory mode this tab no longer reads IndexedDB, so other tabs' changes can't show here.
  if (channel) channel.onmessage = () => memory || emit('remote');
  const announce = () => {
    emit('local');
    try {
      if (!memory) channel?.postMessage(0);
    } catch {
      // A closed channel (page unloading) only means other tabs reload a little later.
    }
  };

  /** From now on, keys live in memory, starting with those IndexedDB last showed. */
  function fallBack(error: unknown) {
    if (memory) return;
    memory = new Map(lastKnown);
    // A missing IndexedDB arrives as StorageError 'no-indexeddb' (db.ts checks before opening).
    const reason =
      error instanceof StorageError
        ? (error.code as StorageFailure)
        : (CODES[(error as Error)?.name] ?? 'failed');
    mode = { kind: 'memory', reason, cause: error };
    // The browser's own error stays available to developers; users get messages.ts text.
    console.warn('kalshi-keys: keys kept in memory', error);
    emit('mode');
  }

  db.onchange = (event) => {
    if (memory) return;
    if (event === 'outdated' || event === 'cleared') fallBack(new StorageError(event));
    // Reloading reopens the database, which tells whether it was cleared.
    else if (event === 'closed') emit('remote');
    else {
      mode = { kind: event === 'blocked' ? 'waiting' : 'indexeddb' };
      emit('mode');
    }
  };

  /** Runs `idb` against IndexedDB, or `mem` against memory once IndexedDB has failed. */
  async function attempt<T>(
    idb: () => Promise<T>,
    mem: (m: Map<string, KeyRecord>) => T,
  ): Promise<T> {
    if (!memory) {
      try {
        const result = await idb();
        // Memory took over while this ran (site data cleared): memory is what the tab shows.
        if (!memory) return result;
      } catch (error) {
        // Any failure (DataCloneError, InvalidStateError, SecurityError, quota, no IndexedDB)
        // means this tab can't rely on IndexedDB: keep working in memory and say so.
        fallBack(error);
      }
    }
    return mem(memory!);
  }

  /**
   * Every key, oldest first: whole, or from LIST_STORE without CryptoKeys (typed whole all the
   * same: such lists only leave as KeyInfo[]).
   */
  const all = async (whole: boolean) =>
    (
      await attempt(
        () =>
          db.keys('readonly', async (keys) => {
            const found = await done<KeyRecord[]>(
              (whole ? keys : keys.transaction.objectStore(LIST_STORE)).getAll(),
            );
            if (whole) {
              lastKnown.clear();
              found.forEach(remember);
            }
            return found;
          }),
        (m) => [...m.values()],
      )
    ).sort(byAge);

  /** One readwrite transaction over both key stores (db.keys spans them), settled on commit. */
  const write = (change: (keys: IDBObjectStore, list: IDBObjectStore) => void) =>
    db.keys('readwrite', (keys) => {
      change(keys, keys.transaction.objectStore(LIST_STORE));
      return done(keys.transaction);
    });

  // The whole record first: a CryptoKey the browser refuses throws here, before its list entry.
  const store = (keys: IDBObjectStore, list: IDBObjectStore, record: KeyRecord) => {
    keys.put(record, record.id);
    list.put(keyInfo(record), record.id);
  };

  /** Patches one key; `next` stays undefined when the key is gone, in either place. */
  async function update(id: string, patch: Partial<KeyInfo>): Promise<KeyRecord> {
    let next: KeyRecord | undefined;
    await attempt(
      // get and put in one readwrite transaction, so a change from another tab can't slip between.
      () =>
        write((keys, list) => {
          const request = keys.get(id);
          request.onsuccess = () => {
            if (request.result) store(keys, list, (next = { ...request.result, ...patch }));
          };
        }).then(() => void (next && remember(next))),
      (m) => {
        // Memory starts afresh when IndexedDB failed midway.
        const old = m.get(id);
        next = old && { ...old, ...patch };
        if (next) m.set(id, next);
      },
    );
    if (!next) throw new StorageError('not-found');
    announce();
    return next;
  }

  return {
    get mode() {
      return mode;
    },
    list: () => all(true),
    listInfo: () => all(false),
    async put(record) {
      await attempt(
        () => write((keys, list) => store(keys, list, record)).then(() => void remember(record)),
        (m) => void m.set(record.id, record),
      );
      announce();
    },
    rename: (id, name) => update(id, { name: name.trim() }),
    // A new ID has not been checked with Kalshi yet: what was known about the old one goes.
    setKalshiKeyId: (id, kalshiKeyId) =>
      update(id, {
        kalshiKeyId: kalshiKeyId.trim(),
        kalshiListed: undefined,
        kalshiNotFound: undefined,
      }),
    setEnvironment: (id, environment) => update(id, { environment }),
    markRetired: (id) => update(id, { retired: true, retiredAt: Date.now() }),
    setKalshiInfo: (id, { kalshiKeyId, scopes, subaccount, listed, notFound }) =>
      update(id, {
        ...(listed === undefined ? {} : { kalshiListed: listed }),
        ...(notFound === undefined ? {} : { kalshiNotFound: notFound }),
        ...(kalshiKeyId === undefined ? {} : { kalshiKeyId: kalshiKeyId.trim() }),
        ...(scopes === undefined ? {} : { kalshiScopes: [...scopes] }),
        ...(subaccount === undefined ? {} : { kalshiSubaccount: subaccount }),
      }),
    async remove(id) {
      await attempt(
        () =>
          write((keys, list) => {
            keys.delete(id);
            list.delete(id);
          }).then(() => void lastKnown.delete(id)),
        (m) => void m.delete(id),
      );
      announce();
    },
    async setPersistent(keep) {
      // After site data was cleared, `true` stores the keys this tab still has again.
      if ((mode.kind === 'memory' && mode.reason !== 'cleared') || keep === !memory) return;
      if (memory) {
        const kept = memory;
        await write((keys, list) => kept.forEach((record) => store(keys, list, record)));
        memory = undefined;
        lastKnown.clear();
        kept.forEach(remember);
      } else {
        const stored = await all(true);
        memory = new Map(stored.map((record) => [record.id, record]));
        // Copied to memory first, so a failed delete leaves the key on disk, never lost. Only
        // these keys: one another tab stores meanwhile stays.
        await write((keys, list) =>
          stored.forEach(({ id }) => {
            keys.delete(id);
            list.delete(id);
          }),
        );
        lastKnown.clear();
      }
      mode = { kind: keep ? 'indexeddb' : 'session' };
      // Keys just stored (again) show in the other tabs too.
      announce();
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
