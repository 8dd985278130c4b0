import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { KeyStore, StorageMode } from '../../storage/key-store';
import type { KeyInfo, KeyRecord } from '../../storage/types';

export interface KeyStoreState {
  /** A key listed in the last few ms may still lack its CryptoKeys, which are read just after. */
  keys: KeyRecord[];
  /** False until the first list has been read, so the page doesn't claim "no keys" too early. */
  loaded: boolean;
  mode: StorageMode;
  /** Shows a change at once (e.g. while typing a key ID); the store write follows and reloads. */
  patchLocal: (id: string, patch: Partial<KeyRecord>) => void;
  /**
   * The selected key's id (the key whose page was opened last: the Sign view starts with it),
   * remembered across reloads. When the remembered key is gone (deleted here or in another tab) or
   * retired, the newest key that is not retired is selected instead.
   */
  selectedId: string | null;
  select: (id: string) => void;
}

const SELECTED_KEY_SETTING = 'selectedKeyId';

/**
 * The stored keys, reloaded after every change in this tab or another. The list comes first,
 * without CryptoKeys (Chromium rebuilds each one it reads: 100 keys take longer than the list);
 * the keys that lack them are read right after.
 */
export function useKeyStore(store: KeyStore): KeyStoreState {
  // Read while the page first renders: Preact runs effects only after the next paint, and
  // IndexedDB can open and read meanwhile. Changes announced before the effect subscribes are
  // remembered, so none is missed. The remembered selection is read alongside.
  const [first, remembered] = useMemo(() => {
    let changed = false;
    const stop = store.subscribe(() => (changed = true));
    const list = store.listInfo();
    // Dropped unread when a change came first; a rejection then has no one else to report to.
    list.catch(() => {});
    return [
      () => (stop(), changed ? undefined : list),
      store.getSetting<string>(SELECTED_KEY_SETTING),
    ] as const;
  }, [store]);
  const [keys, setKeys] = useState<KeyRecord[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [mode, setMode] = useState<StorageMode>(store.mode);
  const [chosen, setChosen] = useState<string | null>(null);
  // Only the latest reload may win: an older list arriving late must not undo a newer one.
  const latest = useRef(0);
  const whole = useRef(new Map<string, KeyRecord>());

  useEffect(() => {
    let live = true;
    const reload = async (pending?: Promise<KeyInfo[]>) => {
      const ticket = ++latest.current;
      const current = () => live && ticket === latest.current;
      try {
        const list = (await (pending ?? store.listInfo())).map(
          (info) => ({ ...whole.current.get(info.id), ...info }) as KeyRecord,
        );
        if (!current()) return;
        setKeys(list);
        setLoaded(true);
        if (list.some((key) => !key.privateKey)) {
          const records = await store.list();
          whole.current = new Map(records.map((record) => [record.id, record]));
          if (current()) setKeys(records);
        }
      } finally {
        if (live) setMode(store.mode);
      }
    };
    // The mode shows at once: a blocked open keeps the list from ever arriving while it waits.
    const unsubscribe = store.subscribe(() => {
      setMode(store.mode);
      void reload();
    });
    void reload(first());
    setMode(store.mode);
    // A choice made while the setting was loading wins over the remembered one.
    void remembered.then((id) => id && setChosen((current) => current ?? id));
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store, first, remembered]);

  return {
    keys,
    loaded,
    mode,
    patchLocal: (id, patch) =>
      setKeys((current) => current.map((key) => (key.id === id ? { ...key, ...patch } : key))),
    // Never a retired key: Kalshi rejects what it signs.
    selectedId: keys.some((key) => key.id === chosen && !key.retired)
      ? chosen
      : (keys.filter((key) => !key.retired).at(-1)?.id ?? null),
    select: (id) => {
      setChosen(id);
      void store.setSetting(SELECTED_KEY_SETTING, id);
    },
  };
}
