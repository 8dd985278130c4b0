import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { downloadDigests, SINGLE_FILE_NAME } from './src/build/files.ts';
import { firstLoadInOneChunk, hostedBuild } from './src/build/hosted.ts';
import { singleFileCspMeta, staticLazyModules } from './src/build/single-file.ts';
import { classicJsx, plainDynamicImport } from './src/build/smaller-output.ts';

// Two production flavours from one source (`npm run build` makes both, single first):
//  - `vite build --mode single`: dist/kalshi-keys.html, everything inlined, runs from file://,
//    CSP with the hashes of its one script and one style, connect-src 'none'.
//  - `vite build`: the hosted build (relative URLs, any sub-path), a service worker that
//    precaches it, CSP with script-src 'self' and the connect-src a relay needs.
// The plugins are in src/build/, one module per build and one for the CSP.

export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  const digests = downloadDigests(mode);
  return {
    base: './',
    plugins: [
      plainDynamicImport(),
      preact(),
      ...(single
        ? [
            staticLazyModules(),
            classicJsx(),
            viteSingleFile({ outputFileName: SINGLE_FILE_NAME, removeViteModuleLoader: true }),
            singleFileCspMeta(),
          ]
        : [...(mode === 'production' ? [classicJsx()] : []), hostedBuild()]),
    ],
    define: {
      __BUILD_FLAVOR__: JSON.stringify(single ? 'single' : 'hosted'),
      __SINGLE_FILE_NAME__: JSON.stringify(SINGLE_FILE_NAME),
      __SINGLE_FILE_SHA256__: JSON.stringify(digests.singleFile),
      __RELAY_FILE_SHA256__: JSON.stringify(digests.relay),
    },
    build: {
      target: 'es2022',
      outDir: 'dist',
      // The single-file build runs first and starts from a clean dist/; the hosted build adds to it.
      emptyOutDir: single,
      modulePreload: false,
      reportCompressedSize: false,
      rolldownOptions: single
        ? {}
        : { output: { codeSplitting: { groups: [{ name: firstLoadInOneChunk() }] } } },
    },
    preview: { host: '127.0.0.1', port: 4173, strictPort: true },
    test: {
      include: ['tests/**/*.test.{ts,tsx}'],
      exclude: ['tests/e2e/**', 'node_modules/**'],
      environment: 'node',
      setupFiles: ['tests/setup.ts'],
    },
  };
});
