import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Whether the browser keeps the site's storage for good (undefined until it says). `request()`
 * asks once per page load (navigator.storage.persist()); headless and some browsers answer false,
 * which is only reported.
 */
export function usePersistence(): { persistent: boolean | undefined; request: () => void } {
  const [persistent, setPersistent] = useState<boolean>();
  const asked = useRef(false);
  const storage = globalThis.navigator?.storage;
  const show = (answer?: Promise<boolean>) =>
    Promise.resolve(answer).then(setPersistent, () => setPersistent(false));

  // The answer only changes a notice, so it never holds the page up.
  useEffect(() => {
    if (storage?.persisted) void show(storage.persisted());
  }, []);

  return {
    persistent,
    request: () => {
      if (!asked.current) void show(storage?.persist?.());
      asked.current = true;
    },
  };
}
