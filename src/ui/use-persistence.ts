import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Persistence } from './messages';

/**
 * Whether the browser keeps the site's storage for good. `request()` asks once per page load
 * (navigator.storage.persist()); headless and some browsers answer false, which is only reported.
 */
export function usePersistence(): { persistence: Persistence; request: () => void } {
  const [persistence, setPersistence] = useState<Persistence>('unknown');
  const asked = useRef(false);
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;

  // Asked while the page first renders; the answer only changes a notice, so it never holds the page up.
  const persisted = useMemo(() => storage?.persisted?.(), [storage]);
  useEffect(() => {
    let live = true;
    persisted
      ?.then((granted) => live && setPersistence(granted ? 'persistent' : 'best-effort'))
      .catch(() => live && setPersistence('best-effort'));
    return () => {
      live = false;
    };
  }, [persisted]);

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
