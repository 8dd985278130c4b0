import { useEffect, useState } from 'preact/hooks';
import { NO_OFFLINE_COPY } from '../common/messages';

// Set when the user clicks "Update now": only then does a controller change reload the page
// (the very first install also changes the controller, and must not reload).
let updateRequested = false;

/**
 * Registers dist/sw.js (hosted build only: service workers don't run on file://), says when a
 * new version has been installed and is waiting, and switches to it on a click.
 */
export function UpdateBanner() {
  // A build-time constant, so the hooks below run in the same order on every render; the single
  // file (file://, no service worker) then carries none of this.
  if (__BUILD_FLAVOR__ !== 'hosted') return null;
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);
  const [noOffline, setNoOffline] = useState(false);

  useEffect(() => {
    const container = navigator.serviceWorker;
    // On file:// (a hosted build opened from disk) register() rejects: the notice is true there too.
    if (import.meta.env.DEV || !container) return;
    const onControllerChange = () => updateRequested && location.reload();
    container.addEventListener('controllerchange', onControllerChange);
    container
      .register('./sw.js')
      .then((registration) => {
        const track = (worker: ServiceWorker | null) => {
          if (!worker) return;
          // A new version is a worker installed beside an active one. The first install is not,
          // though WebKit may report it "installed" only after it already controls the page.
          const update = !!registration.active && registration.active !== worker;
          const check = () => {
            if (worker.state === 'installed' && update && container.controller) setWaiting(worker);
            // The first install failed (a file the host did not serve): nothing is kept.
            if (worker.state === 'redundant' && !registration.active) setNoOffline(true);
          };
          worker.addEventListener('statechange', check);
          check();
        };
        track(registration.waiting);
        // The browser's own update check may have started before register() resolved.
        track(registration.installing);
        registration.addEventListener('updatefound', () => track(registration.installing));
      })
      // sw.js missing or refused (404, not JavaScript, site data blocked): online all works.
      .catch(() => setNoOffline(true));
    return () => container.removeEventListener('controllerchange', onControllerChange);
  }, []);

  if (noOffline)
    return (
      <p class="notice warning" role="status">
        {NO_OFFLINE_COPY}
      </p>
    );
  return (
    waiting && (
      <div class="notice warning actions" role="status">
        <span>A new version of kalshi-keys is ready. This page still runs the old one.</span>
        <button
          type="button"
          onClick={() => {
            // Another tab may have switched already: this worker is then active and no
            // controller change will come, so only a reload loads the new version.
            if (waiting.state !== 'installed') return location.reload();
            updateRequested = true;
            waiting.postMessage('skip-waiting');
          }}
        >
          Update now
        </button>
      </div>
    )
  );
}
