import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Persistence } from './messages';

/**
 * Whether the browser keeps the site's storage for good. `request()` asks once per page load
 * (navigator.storage.persist()); headless and some browsers answer false, which is only reported.
 */
export function usePersistence(): { persistence: Persistence; request: () => void } {
  const [persistence, setPersistence] = useState<Persistence>('unknown');
  const asked = useRef(false);
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;

  useEffect(() => {
    storage
      ?.persisted?.()
      .then((granted) => setPersistence(granted ? 'persistent' : 'best-effort'))
      .catch(() => setPersistence('best-effort'));
  }, [storage]);

  const request = useCallback(() => {
    if (asked.current) return;
    asked.current = true;
    if (!storage?.persist) {
      setPersistence('best-effort');
      return;
    }
    storage
      .persist()
      .then((granted) => setPersistence(granted ? 'persistent' : 'best-effort'))
      .catch(() => setPersistence('best-effort'));
  }, [storage]);

  return { persistence, request };
}
