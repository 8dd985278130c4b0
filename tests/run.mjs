#!/usr/bin/env node
// `npm test`: the one command that sets up and runs every test on a fresh machine.
// 1. installs dependencies (npm ci) when node_modules is missing,
// 2. installs Debian's Chromium from apt when /usr/bin/chromium is missing (browser tests never skip),
// 3. type-checks, lints and checks formatting, builds both flavours (the size-budget test reads dist/), runs the unit and component tests
//    (Vitest), then the browser tests (Playwright) against the production build.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CHROMIUM_PATH as CHROMIUM } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd) => {
  console.log(`\n$ ${cmd}`);
  execSync(cmd, { cwd: root, stdio: 'inherit', env: process.env });
};

if (!existsSync(join(root, 'node_modules', '.bin', 'vitest'))) run('npm ci');

if (!existsSync(CHROMIUM)) {
  const sudo = process.getuid && process.getuid() === 0 ? '' : 'sudo ';
  console.log(`Chromium not found at ${CHROMIUM}: installing Debian's chromium package.`);
  run(`${sudo}apt-get update -qq`);
  run(`DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq chromium`);
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium is still missing at ${CHROMIUM}; browser tests cannot run.`);
    process.exit(1);
  }
}

try {
  run('npm run typecheck');
  run('npm run lint');
  run('npm run format:check');
  run('npm run build');
  run('npx vitest run');
  run('npx playwright test -c tests/e2e/playwright.config.ts');
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
