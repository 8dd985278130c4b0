// The hosted build (`vite build`): relative URLs (any sub-path), the CSP meta, the relay beside the
// page, a service worker that precaches every file, and a first load in one script.
import { existsSync, readFileSync } from 'node:fs';
import type { ChunkingContext } from 'rolldown';
import type { Plugin } from 'vite';
import { HOSTED_CSP, insertCsp } from './csp.ts';
import {
  RELAY_FILE_NAME,
  relayPath,
  root,
  sha256,
  SINGLE_FILE_NAME,
  singleFilePath,
} from './files.ts';

/** The CSP meta, the relay, and a service worker whose precache list and version come from the bundle. */
export function hostedBuild(): Plugin {
  return {
    name: 'kalshi-keys:hosted',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: (html) => insertCsp(html, HOSTED_CSP) },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        // The relay users download from the page ("Download relay (kalshi-relay.mjs)"), precached
        // with the rest so the download works offline too.
        const relay = readFileSync(relayPath);
        this.emitFile({ type: 'asset', fileName: RELAY_FILE_NAME, source: relay });
        // Each file with its SHA-256: the worker stores and serves only bodies that match, so a
        // page at another path of the same origin cannot swap its own HTML into the cache.
        const digests = new Map<string, string>();
        for (const name of Object.keys(bundle).sort()) {
          if (name === RELAY_FILE_NAME) continue;
          const item = bundle[name]!;
          digests.set(`./${name}`, sha256(item.type === 'chunk' ? item.code : item.source, 'hex'));
        }
        digests.set(`./${RELAY_FILE_NAME}`, sha256(relay, 'hex'));
        if (existsSync(singleFilePath))
          digests.set(`./${SINGLE_FILE_NAME}`, sha256(readFileSync(singleFilePath), 'hex'));
        const index = digests.get('./index.html');
        if (!index) throw new Error('the hosted build produced no index.html');
        // The folder itself serves index.html (the address users bookmark).
        const precache = { './': index, ...Object.fromEntries(digests) };
        const version = sha256(JSON.stringify(precache), 'hex').slice(0, 16);
        const template = readFileSync(`${root}src/service-worker.js`, 'utf8');
        this.emitFile({
          type: 'asset',
          fileName: 'sw.js',
          source: template
            .replace("'__VERSION__'", JSON.stringify(version))
            .replace("'__PRECACHE__'", JSON.stringify(precache)),
        });
      },
    },
  };
}

/**
 * Keeps every module the page imports statically in the entry chunk. Left to itself the bundler
 * makes one shared chunk per set of on-demand panels that use a module (Field, der, use-action…),
 * and each extra file compresses worse and adds a modulepreload: +1.6 KB gzip on the first load
 * with four on-demand chunks. On-demand chunks import what they share from the entry instead.
 */
export function firstLoadInOneChunk(): (id: string, ctx: ChunkingContext) => string | null {
  const firstLoad = new WeakMap<ChunkingContext, Set<string>>();
  return (id, ctx) => {
    let reachable = firstLoad.get(ctx);
    if (!reachable) {
      reachable = new Set([`${root}src/main.tsx`]);
      for (const m of reachable)
        for (const next of ctx.getModuleInfo(m)?.importedIds ?? []) reachable.add(next);
      firstLoad.set(ctx, reachable);
    }
    return reachable.has(id) ? 'index' : null;
  };
}
