// ESLint flat config. It lives in .ci/ because the repository's top level is fixed
// (package.json runs it with `eslint -c .ci/eslint.config.js .`; patterns are relative to the cwd).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-package/**', 'node_modules/**', 'tests/bench/results.json', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The UI and storage import core modules by file: through the barrel (src/core/index.ts) every
    // core module is reachable from the entry, so the bundler keeps on-demand code (the doctor's
    // diagnose.ts, the lifecycle, passphrase import) in the first load.
    files: ['src/ui/**', 'src/storage/**', 'src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '/core$', message: "Import the core module by file (../core/keys), not the barrel: it would pull every core module into the first load." }] },
      ],
    },
  },
  {
    // The one-way boundary of design.md: core knows neither the UI nor storage.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['preact', 'preact/*', 'idb-keyval'], message: 'src/core is framework-free.' },
            { group: ['../ui/*', '../storage/*', '../ui', '../storage'], message: 'src/core must not import ui/ or storage/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'indexedDB', 'localStorage'],
    },
  },
);
