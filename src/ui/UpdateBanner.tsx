import { useEffect, useState } from 'preact/hooks';

// Set when the user clicks "Update now": only then does a controller change reload the page
// (the very first install also changes the controller, and must not reload).
let updateRequested = false;

/**
 * Registers dist/sw.js (hosted build only: service workers don't run on file://), says when a
 * new version has been installed and is waiting, and switches to it on a click.
 */
export function UpdateBanner() {
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);

  useEffect(() => {
    const container = navigator.serviceWorker;
    // On file:// (a hosted build opened from disk) register() rejects, quietly, below.
    if (__BUILD_FLAVOR__ !== 'hosted' || import.meta.env.DEV || !container) return;
    const onControllerChange = () => updateRequested && location.reload();
    container.addEventListener('controllerchange', onControllerChange);
    container
      .register('./sw.js')
      .then((registration) => {
        const track = (worker: ServiceWorker | null) => {
          if (!worker) return;
          const check = () => {
            if (worker.state === 'installed' && container.controller) setWaiting(worker);
          };
          worker.addEventListener('statechange', check);
          check();
        };
        track(registration.waiting);
        // The browser's own update check may have started before register() resolved.
        track(registration.installing);
        registration.addEventListener('updatefound', () => track(registration.installing));
      })
      .catch(() => {
        // No worker means no offline copy; the page itself works the same, so stay quiet.
      });
    return () => container.removeEventListener('controllerchange', onControllerChange);
  }, []);

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
