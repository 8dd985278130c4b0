// The service worker that makes kalshi-keys work offline after one visit. vite.config.ts fills in
// VERSION (a hash of the build) and PRECACHE (every file of the build) and emits it as dist/sw.js.
// A hand-written worker instead of vite-plugin-pwa/Workbox: ~50 lines against ~5 KB of runtime
// and ~320 build packages (toolchain.md, trap 10).
const VERSION = '__VERSION__';
const PRECACHE = '__PRECACHE__';
const CACHE = `kalshi-keys-${VERSION}`;

self.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until the page's user clicks "Update" (never silently).
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' }))),
      ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('kalshi-keys-') && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Only our own static files: requests to a relay (another origin) go to the network untouched.
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // ignoreVary: hosts that send Vary: Origin (vite preview, S3 or a CDN with CORS) would make
      // the module script, requested with an Origin header, miss its precached copy, and offline
      // the page would stay blank. This cache holds only this build's own files.
      const hit = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
      if (hit) return hit;
      if (request.mode === 'navigate') {
        const shell = await cache.match('./', { ignoreVary: true });
        if (shell) return shell;
      }
      return fetch(request);
    }),
  );
});
