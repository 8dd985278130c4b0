// The cross-engine browser suite (tests/engines/*.engine.ts), one engine per run: ENGINE=chromium,
// firefox or webkit. `npm run test:engines` (tests/engines/run.mjs) runs all three in turn.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/engines/**/*.engine.ts'],
    environment: 'node',
    // One browser at a time: two cores, and the engines' own processes.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['verbose'],
  },
});
