import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { KeyStore, StorageMode } from '../storage/key-store';
import type { KeyRecord } from '../storage/types';

export interface KeyStoreState {
  keys: KeyRecord[];
  /** False until the first list has been read, so the page doesn't claim "no keys" too early. */
  loaded: boolean;
  mode: StorageMode;
  /** Shows a change at once (e.g. while typing a key ID); the store write follows and reloads. */
  patchLocal: (id: string, patch: Partial<KeyRecord>) => void;
}

/**
 * The first read of `store`, started while the page renders for the first time: Preact runs
 * effects only after the next paint, and IndexedDB can open and read meanwhile (on its own thread).
 * Changes announced before the effect subscribes are remembered, so none is missed.
 */
function firstRead(store: KeyStore) {
  let changedSince = false;
  const stopWatching = store.subscribe(() => {
    changedSince = true;
  });
  const list = store.list();
  // Dropped unread when a change came first; a rejection then has no one else to report to.
  list.catch(() => undefined);
  return { list, changedSince: () => changedSince, stopWatching };
}

/** The stored keys, reloaded after every change in this tab or another. */
export function useKeyStore(store: KeyStore): KeyStoreState {
  const first = useMemo(() => firstRead(store), [store]);
  const [keys, setKeys] = useState<KeyRecord[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [mode, setMode] = useState<StorageMode>(store.mode);
  // Only the latest reload may win: an older list arriving late must not undo a newer one.
  const latest = useRef(0);

  useEffect(() => {
    let live = true;
    const reload = async (pending?: Promise<KeyRecord[]>) => {
      const ticket = ++latest.current;
      try {
        const list = await (pending ?? store.list());
        if (live && ticket === latest.current) {
          setKeys(list);
          setLoaded(true);
        }
      } finally {
        if (live) setMode(store.mode);
      }
    };
    const unsubscribe = store.subscribe(() => void reload());
    first.stopWatching();
    void reload(first.changedSince() ? undefined : first.list);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store, first]);

  const patchLocal = useCallback((id: string, patch: Partial<KeyRecord>) => {
    setKeys((current) => current.map((key) => (key.id === id ? { ...key, ...patch } : key)));
  }, []);

  return { keys, loaded, mode, patchLocal };
}
