import { useEffect, useRef, useState } from 'preact/hooks';
import type { Persistence } from './messages';

/**
 * Whether the browser keeps the site's storage for good. `request()` asks once per page load
 * (navigator.storage.persist()); headless and some browsers answer false, which is only reported.
 */
export function usePersistence(): { persistence: Persistence; request: () => void } {
  const [persistence, setPersistence] = useState<Persistence>('unknown');
  const asked = useRef(false);
  const storage = globalThis.navigator?.storage;
  const show = (answer?: Promise<boolean>) =>
    Promise.resolve(answer)
      .then((granted) => setPersistence(granted ? 'persistent' : 'best-effort'))
      .catch(() => setPersistence('best-effort'));

  // The answer only changes a notice, so it never holds the page up.
  useEffect(() => {
    if (storage?.persisted) void show(storage.persisted());
  }, []);

  return {
    persistence,
    request: () => {
      if (!asked.current) void show(storage?.persist?.());
      asked.current = true;
    },
  };
}
