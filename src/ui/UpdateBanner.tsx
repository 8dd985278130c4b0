import { useServiceWorker } from './use-service-worker';

/** Says when a new version is ready (installed by the service worker) and switches on a click. */
export function UpdateBanner() {
  const { updateReady, applyUpdate } = useServiceWorker();
  if (!updateReady) return null;
  return (
    <div class="notice warning actions" role="status">
      <span>A new version of kalshi-keys is ready. This page still runs the old one.</span>
      <button type="button" onClick={applyUpdate}>
        Update now
      </button>
    </div>
  );
}
