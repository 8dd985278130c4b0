// Which files the hosted page loads: index.html, then every script, stylesheet and worker it
// references, followed transitively through the JS (static imports, dynamic imports, `new URL()`
// workers), but not kalshi-relay.mjs, a download for the user. Shared by the size-budget test and `npm run bench`, so both weigh the same files.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

const HTML_REFS = /<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g;
// `import"./a.js"`, `from"./a.js"`, `import("./a.js")`, `new URL("a.js",import.meta.url)` and
// CSS `url(...)`: Vite writes relative specifiers, so anything quoted that ends in .js/.css counts.
const ASSET_REFS = /["'`(]((?:\.{0,2}\/)?[\w./-]+\.(?:js|mjs|css))["'`)]/g;

// Static imports only (`import"./a.js"`, `from"./a.js"`): what the browser must fetch before the
// entry script runs. `import("./a.js")` (a quote after a parenthesis) and Vite's preload map load later.
const STATIC_REFS = /\b(?:import|from)\s*["'`]((?:\.{0,2}\/)?[\w./-]+\.(?:js|mjs|css))["'`]/g;

/**
 * Lists the files (relative to dist) the hosted index.html can load, index.html first.
 * Only HTML, JS and CSS: icons and the service worker are not part of the page weight.
 * @param {string} dist the build directory
 * @param {{ firstLoad?: boolean }} [options] firstLoad: only what a first visit downloads before the
 *   page works (HTML, its scripts and styles, their static imports), not the chunks loaded on demand
 * @returns {string[]}
 */
export function hostedPageFiles(dist, { firstLoad = false } = {}) {
  const seen = new Set(['index.html']);
  const queue = ['index.html'];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    const text = readFileSync(join(dist, file), 'utf8');
    const refs = file.endsWith('.html')
      ? [...text.matchAll(HTML_REFS)]
      : [...text.matchAll(firstLoad ? STATIC_REFS : ASSET_REFS)];
    for (const match of refs) {
      const url = match[1];
      if (!/\.(?:js|css)$/.test(url) || /^[a-z]+:/i.test(url)) continue;
      // Relative URLs resolve against the referencing file (Vite's base is './').
      // Vite's preload list names files from the base instead, hence the second candidate.
      const candidates = url.startsWith('/')
        ? [url.slice(1)]
        : [posix.normalize(posix.join(posix.dirname(file), url)), posix.normalize(url)];
      const target = candidates.find((c) => !c.startsWith('..') && existsSync(join(dist, c)));
      if (target === undefined || target === 'sw.js' || seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return [...seen];
}
