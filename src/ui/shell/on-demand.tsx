// Panels a first visit does not need (relay help, key lifecycle, QR code, passphrase import, …)
// load on demand: `onDemand(() => import('./X').then((m) => m.X))` makes a separate chunk in the
// hosted build, precached by the service worker (every file of the build is), so offline use is
// unchanged. Every such boundary is in lazy.ts; the single file, which has no chunks, gets the
// components themselves from lazy-single.ts instead.
// Not preact/compat's lazy + Suspense: compat costs ~2 KB gzip for what these few lines do.
import type { ComponentChildren, ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component that renders `fallback` (nothing by default) until `load` resolves, then the loaded
 * component with the same props. `load` runs once per page, at the first render; a failed load (a
 * deploy that removed the chunk while the page was open) shows a message instead of a blank.
 */
export function onDemand<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ComponentChildren = null,
): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let failed = false;
  let pending: Promise<unknown> | undefined;
  const start = () =>
    (pending ??= load().then(
      (component) => (loaded = component),
      () => (failed = true),
    ));

  return function OnDemand(props: P) {
    const [, setTick] = useState(0);
    useEffect(() => {
      if (loaded || failed) return;
      let live = true;
      void start().then(() => live && setTick((n) => n + 1));
      return () => {
        live = false;
      };
    }, []);
    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...props} />;
    }
    if (failed) {
      return (
        <p role="alert">
          This part of the page could not load (the site changed since this page opened, or the
          network is down): reload the page.
        </p>
      );
    }
    return <>{fallback}</>;
  };
}

/** Starts loading a module early (on hover or focus of what opens it); errors surface on use. */
export function preload(load: () => Promise<unknown>): void {
  load().catch(() => undefined);
}
