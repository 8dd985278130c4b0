#!/usr/bin/env node
// `npm run test:engines [chromium|firefox|webkit ...]`: the cross-engine browser suite
// (tests/engines/*.engine.ts) against the built site in dist/, one engine after the other (two
// cores: the engines' own processes need them), WebKitGTK under xvfb-run. Prints each engine's
// time; fails when any engine fails, or is missing. Without arguments, all three engines.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENGINES = ['chromium', 'firefox', 'webkit'];
const wanted = process.argv.slice(2).length
  ? process.argv.slice(2)
  : (process.env.ENGINES?.split(/[\s,]+/).filter(Boolean) ?? ENGINES);
const unknown = wanted.filter((name) => !ENGINES.includes(name));
if (unknown.length) {
  console.error(`Unknown engine ${unknown.join(', ')}: use ${ENGINES.join(', ')}.`);
  process.exit(2);
}
if (
  !existsSync(join(root, 'dist', 'index.html')) ||
  !existsSync(join(root, 'dist', 'kalshi-keys.html'))
) {
  console.error('dist/ is not built: run `npm run build` first (npm test does).');
  process.exit(1);
}

const results = [];
for (const engine of wanted) {
  const vitest = [
    join(root, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '-c',
    'tests/engines/vitest.config.ts',
  ];
  // MiniBrowser needs a display: a virtual one unless there is a real one.
  const [command, args] =
    engine === 'webkit' && !process.env.DISPLAY
      ? ['xvfb-run', ['-a', process.execPath, ...vitest]]
      : [process.execPath, vitest];
  console.log(`\n== ${engine}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const run = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ENGINE: engine },
  });
  const seconds = (Date.now() - started) / 1000;
  const ok = run.status === 0;
  if (run.error) console.error(`${engine}: could not start ${command}: ${run.error.message}`);
  results.push({ engine, ok, seconds });
}

console.log('\nCross-engine suite:');
for (const { engine, ok, seconds } of results)
  console.log(`  ${engine.padEnd(9)} ${ok ? 'passed' : 'FAILED'}  ${seconds.toFixed(1)} s`);
const total = results.reduce((sum, r) => sum + r.seconds, 0);
console.log(`  total     ${total.toFixed(1)} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
