// The service worker that makes kalshi-keys work offline after one visit. vite.config.ts fills in
// VERSION (a hash of the build) and PRECACHE (every file of the build) and emits it as dist/sw.js.
// A hand-written worker instead of vite-plugin-pwa/Workbox: ~50 lines against ~5 KB of runtime
// and ~320 build packages (toolchain.md, trap 10).
const VERSION = '__VERSION__';
const PRECACHE = '__PRECACHE__';
// Copies of the page at two paths of one origin (/kalshi-keys/ and /kalshi-keys-test/) share one
// CacheStorage: naming caches by scope keeps one copy's update from deleting the other's cache.
// Not "kalshi-keys-…": workers before this one delete every cache named so but their own.
const PREFIX = `kalshi-keys ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;

/** A copy fit to store and serve: without Vary, and not marked as redirected. */
async function storable(response) {
  const headers = new Headers(response.headers);
  // Vary: * makes cache.put throw, and Vary: Origin makes the module script (requested with an
  // Origin header) miss its copy offline. This cache holds only this build's own files.
  headers.delete('Vary');
  // A host that redirects index.html to the folder (Cloudflare Pages, Netlify) gives a response
  // marked redirected, which Chromium refuses for a navigation: the page would fail to open.
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

self.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until the page's user clicks "Update" (never silently).
  event.waitUntil(
    (async () => {
      const responses = await Promise.all(
        PRECACHE.map(async (path) => {
          const response = await fetch(path, { cache: 'reload' });
          if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
          return response;
        }),
      );
      // A CDN that still serves the last deploy's index.html next to this sw.js (caches expire per
      // file; uploads land one by one) would store a page whose script is not in this cache:
      // blank offline, and online once the host drops the old files. Fail, and keep the old
      // version; the browser tries again on a later visit.
      for (const [i, path] of PRECACHE.entries()) {
        if (path !== './' && path !== './index.html') continue;
        const html = await responses[i].clone().text();
        for (const [asset] of html.matchAll(/\.\/assets\/[^"'\s>]+/g)) {
          if (!PRECACHE.includes(asset)) throw new Error(`${path} is from another deploy`);
        }
      }
      const cache = await caches.open(CACHE);
      await Promise.all(
        responses.map(async (response, i) => cache.put(PRECACHE[i], await storable(response))),
      );
    })(),
  );
});

/** Caches this copy no longer needs: its older versions, and those of workers before this one. */
async function stale(name) {
  if (name.startsWith(PREFIX)) return name !== CACHE;
  // kalshi-keys-<version> (older workers): delete it only if it holds nothing but this scope's files.
  if (!/^kalshi-keys-[0-9a-f]{16}$/.test(name)) return false;
  const requests = await (await caches.open(name)).keys();
  return requests.every((r) => r.url.startsWith(self.registration.scope));
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (await stale(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
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
      // No stand-in page for other addresses: in scope are the host's other pages too (a blog
      // beside the page at a domain root), which must come from the host, not as this page.
      return (await cache.match(request, { ignoreSearch: true })) ?? fetch(request);
    }),
  );
});
