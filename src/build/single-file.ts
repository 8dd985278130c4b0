// The single-file build (`vite build --mode single`): dist/kalshi-keys.html, everything inlined
// (vite-plugin-singlefile), runs from file://, its one script and style pinned by CSP hashes.
import type { Plugin } from 'vite';
import { insertCsp, singleFileCsp } from './csp.ts';
import { root, SINGLE_FILE_NAME } from './files.ts';

/**
 * The modules that hold the page's lazy boundaries (every `import()` of src/ is in one of them),
 * each with a `-single` twin of the same exports that imports statically.
 */
const LAZY_MODULES = [`${root}src/ui/shell/lazy.ts`, `${root}src/core/lazy.ts`];

/**
 * Swaps each lazy module for its `-single` twin. The single file inlines everything, and Rolldown
 * keeps an `import()` lazy there by wrapping every module it reaches in an init function and
 * keeping a namespace object of each (all exports, used or not): +0.7 KB gzip for two core imports,
 * +3 KB for all of them. In one file that buys nothing: every byte is parsed anyway, and these
 * modules run no code when loaded. Without the waits, every component is there from the start.
 */
export function staticLazyModules(): Plugin {
  return {
    name: 'kalshi-keys:static-lazy-modules',
    enforce: 'pre',
    apply: 'build',
    async resolveId(source, importer, options) {
      if (!source.endsWith('/lazy')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !LAZY_MODULES.includes(resolved.id)) return resolved;
      return resolved.id.replace(/\.ts$/, '-single.ts');
    },
  };
}

/** After vite-plugin-singlefile has inlined JS and CSS, pins them with CSP hashes. */
export function singleFileCspMeta(): Plugin {
  return {
    name: 'kalshi-keys:single-csp',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const asset = bundle[SINGLE_FILE_NAME];
        if (!asset || asset.type !== 'asset')
          throw new Error(`${SINGLE_FILE_NAME} was not produced`);
        const html = String(asset.source);
        asset.source = insertCsp(html, singleFileCsp(html));
      },
    },
  };
}
