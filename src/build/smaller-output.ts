// Two changes to what the bundler writes, for fewer bytes in both production builds.
import type { Plugin } from 'vite';

/**
 * Vite wraps each `import()` in a helper (~600 B gzip in the first-load script) that preloads the
 * chunk's own imports and CSS. Here that buys nothing: on-demand chunks share only Preact with the
 * entry, which is loaded already, there is one stylesheet, and the service worker precaches every
 * chunk. So the helper is only the import itself; a failed load still rejects to the caller.
 */
export function plainDynamicImport(): Plugin {
  const id = '\0vite/preload-helper.js';
  return {
    name: 'kalshi-keys:plain-dynamic-import',
    enforce: 'pre',
    apply: 'build',
    resolveId: (source) => (source === id ? id : undefined),
    load: (source) =>
      source === id ? 'export const __vitePreload = (load) => load();' : undefined,
  };
}

/**
 * The automatic JSX runtime writes `jsx('p', { class: 'hint', children: x })` for every element
 * (220 in the single file); the classic one `h('p', { class: 'hint' }, x)`: 0.3 KB gzip less.
 * Both are Preact's own. Both production builds (0.1 KB gzip less in the hosted first load too);
 * the dev server and the tests keep the preset's runtime.
 */
export function classicJsx(): Plugin {
  return {
    name: 'kalshi-keys:classic-jsx',
    // After @preact/preset-vite, whose config sets the automatic runtime.
    enforce: 'post',
    config: () => ({
      oxc: {
        jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' },
        jsxInject: "import { h, Fragment } from 'preact'",
      },
    }),
  };
}
