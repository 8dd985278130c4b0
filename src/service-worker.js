// @ts-check
// The service worker that makes kalshi-keys work offline after one visit. vite.config.ts fills in
// VERSION (a hash of the build) and PRECACHE (every file of the build with its SHA-256) and emits
// it as dist/sw.js. A hand-written worker instead of vite-plugin-pwa/Workbox: ~100 lines against
// ~5 KB of runtime and ~320 build packages (toolchain.md, trap 10).
//
// Every page of this origin can open this worker's caches (CacheStorage is per origin, not per
// path): on a shared origin (https://<user>.github.io/<repo>/) a page at a sibling path can put
// its own HTML in place of index.html. So a cached body is served only if its SHA-256 is the one
// this build published; any other is refused, with words, and this copy is dropped.

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const VERSION = '__VERSION__';
/** Path relative to this worker (`./`, `./assets/index-abc.js`) -> hex SHA-256 of its body. */
const PRECACHE = /** @type {Record<string, string>} */ (/** @type {unknown} */ ('__PRECACHE__'));
const PATHS = Object.keys(PRECACHE);
/** The same digests by absolute URL (no query), as fetch events name the files. */
const DIGESTS = new Map(
  PATHS.map((path) => [new URL(path, sw.location.href).href, PRECACHE[path]]),
);
// Copies of the page at two paths of one origin (/kalshi-keys/ and /kalshi-keys-test/) share one
// CacheStorage: naming caches by scope keeps one copy's update from deleting the other's cache.
// Not "kalshi-keys-…": workers before this one delete every cache named so but their own.
const PREFIX = `kalshi-keys ${sw.registration.scope} `;
const CACHE = PREFIX + VERSION;

/** What the user reads instead of a changed file (a navigation shows it as the page). */
const TAMPERED = (/** @type {string} */ file) =>
  `This copy of kalshi-keys was changed on this computer: its offline copy of ${file} is not the file this site published, so it was not run.

Another page on this site (${sw.location.origin}) can write that copy: kalshi-keys needs a site of its own, and other pages there could also use the keys stored here.
The offline copy has been removed. Reload to load kalshi-keys from the site again, and move your keys to a copy served from a site of its own (see "Its own origin" in the README).`;

/** Hex SHA-256 of `data`. */
async function sha256Hex(/** @type {ArrayBuffer} */ data) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A copy fit to store and serve: without Vary, and not marked as redirected.
 * @param {Response} response
 * @param {ArrayBuffer} body
 */
function storable(response, body) {
  const headers = new Headers(response.headers);
  // Vary: * makes cache.put throw, and Vary: Origin makes the module script (requested with an
  // Origin header) miss its copy offline. This cache holds only this build's own files.
  headers.delete('Vary');
  // A host that redirects index.html to the folder (Cloudflare Pages, Netlify) gives a response
  // marked redirected, which Chromium refuses for a navigation: the page would fail to open.
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

sw.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until every tab of the old one is closed, or until
  // the user clicks "Update now".
  event.waitUntil(
    (async () => {
      const copies = await Promise.all(
        PATHS.map(async (path) => {
          const response = await fetch(path, { cache: 'reload' });
          if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
          const body = await response.arrayBuffer();
          // A CDN that still serves the last deploy's index.html next to this sw.js (caches
          // expire per file; uploads land one by one) would store a page whose script is not in
          // this cache. Fail, and keep the old version; the browser tries again on a later visit.
          if ((await sha256Hex(body)) !== PRECACHE[path])
            throw new Error(`${path} is not the file of this deploy`);
          return storable(response, body);
        }),
      );
      const cache = await caches.open(CACHE);
      await Promise.all(copies.map((copy, i) => cache.put(PATHS[i], copy)));
    })(),
  );
});

/** Caches this copy no longer needs: its older versions, and those of workers before this one. */
async function stale(/** @type {string} */ name) {
  if (name.startsWith(PREFIX)) return name !== CACHE;
  // kalshi-keys-<version> (older workers): delete it only if it holds nothing but this scope's files.
  if (!/^kalshi-keys-[0-9a-f]{16}$/.test(name)) return false;
  const requests = await (await caches.open(name)).keys();
  return requests.every((r) => r.url.startsWith(sw.registration.scope));
}

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (await stale(name)) await caches.delete(name);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void sw.skipWaiting();
});

/**
 * This build's copy of `url`, checked against its published digest; a changed copy is refused:
 * the cache and this worker go, and the answer says why. Null when the file is not cached.
 * @param {string} url the file's URL without query
 * @param {string} digest
 * @returns {Promise<Response | null>}
 */
async function checkedCopy(url, digest) {
  const cached = await (await caches.open(CACHE)).match(url);
  if (!cached) return null;
  const body = await cached.arrayBuffer();
  if ((await sha256Hex(body)) === digest) return storable(cached, body);
  // Whoever wrote it can write it again: drop this copy whole, and the worker with it, so the
  // next load comes from the site and installs a fresh copy.
  await caches.delete(CACHE);
  await sw.registration.unregister();
  const file = url.slice(sw.registration.scope.length) || 'index.html';
  return new Response(TAMPERED(file), {
    status: 500,
    statusText: 'Changed on this computer',
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  const digest = DIGESTS.get(url.href);
  // Only this build's own files: requests to a relay (another origin) go to the network untouched,
  // and so do the host's other pages in scope (a blog beside the page at a domain root), which
  // must come from the host, not as this page, nor from whatever else this cache may hold.
  if (request.method !== 'GET' || digest === undefined) return;
  event.respondWith(checkedCopy(url.href, digest).then((response) => response ?? fetch(request)));
});
