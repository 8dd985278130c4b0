import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
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

/** The stored keys, reloaded after every change in this tab or another. */
export function useKeyStore(store: KeyStore): KeyStoreState {
  const [keys, setKeys] = useState<KeyRecord[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [mode, setMode] = useState<StorageMode>(store.mode);
  // Only the latest reload may win: an older list arriving late must not undo a newer one.
  const latest = useRef(0);

  useEffect(() => {
    let live = true;
    const reload = async () => {
      const ticket = ++latest.current;
      try {
        const list = await store.list();
        if (live && ticket === latest.current) {
          setKeys(list);
          setLoaded(true);
        }
      } finally {
        if (live) setMode(store.mode);
      }
    };
    void reload();
    const unsubscribe = store.subscribe(() => void reload());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store]);

  const patchLocal = useCallback((id: string, patch: Partial<KeyRecord>) => {
    setKeys((current) => current.map((key) => (key.id === id ? { ...key, ...patch } : key)));
  }, []);

  return { keys, loaded, mode, patchLocal };
}
