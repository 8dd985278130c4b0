#!/usr/bin/env node
// `npm test`: the one command that sets up and runs every test on a fresh machine.
// 1. installs dependencies (npm ci) when node_modules is missing,
// 2. installs Debian's Chromium and zbar-tools from apt when missing (browser tests never skip),
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

// Debian packages the browser tests need: Chromium, and ZBar's zbarimg, the independent decoder
// of the public key's QR code (tests/e2e/public-key.spec.ts).
const ZBARIMG = process.env.ZBARIMG_PATH || '/usr/bin/zbarimg';
const missing = [
  [CHROMIUM, 'chromium'],
  [ZBARIMG, 'zbar-tools'],
].filter(([path]) => !existsSync(path));
if (missing.length) {
  const sudo = process.getuid && process.getuid() === 0 ? '' : 'sudo ';
  const packages = missing.map(([, name]) => name).join(' ');
  console.log(
    `Not found: ${missing.map(([path]) => path).join(', ')}: installing Debian's ${packages}.`,
  );
  run(`${sudo}apt-get update -qq`);
  run(`DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq ${packages}`);
  for (const [path] of missing) {
    if (!existsSync(path)) {
      console.error(`${path} is still missing; browser tests cannot run.`);
      process.exit(1);
    }
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
