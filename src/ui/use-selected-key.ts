import { useEffect, useMemo, useState } from 'preact/hooks';
import type { KeyStore } from '../storage/key-store';
import type { KeyRecord } from '../storage/types';

export const SELECTED_KEY_SETTING = 'selectedKeyId';

/**
 * The selected key's id, remembered across reloads. When the remembered key is gone (deleted
 * here or in another tab) the newest key is selected instead, so a key is always selected if any exists.
 */
export function useSelectedKey(
  store: KeyStore,
  keys: KeyRecord[],
): [string | null, (id: string) => void] {
  const [chosen, setChosen] = useState<string | null>(null);
  // Read while the page first renders, alongside the keys, rather than after the first paint.
  const remembered = useMemo(() => store.getSetting<string>(SELECTED_KEY_SETTING), [store]);
  useEffect(() => {
    // A choice made while the setting was loading wins over the remembered one.
    void remembered.then((id) => id && setChosen((current) => current ?? id));
  }, [remembered]);

  const selected = keys.some((key) => key.id === chosen) ? chosen : (keys.at(-1)?.id ?? null);
  return [
    selected,
    (id) => {
      setChosen(id);
      void store.setSetting(SELECTED_KEY_SETTING, id);
    },
  ];
}
