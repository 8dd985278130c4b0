#!/usr/bin/env node
// `npm test`: the one command that sets up and runs every test on a fresh machine.
// 1. installs dependencies (npm ci) when node_modules is missing,
// 2. installs Debian's Chromium, zbar-tools, Firefox ESR, WebKitGTK's WebDriver and Xvfb from apt
//    when missing (browser tests never skip),
// 3. type-checks, lints and checks formatting, builds both flavours (the size-budget test reads dist/), runs the unit and component tests
//    (Vitest), then the browser tests (Playwright) against the production build, then the
//    cross-engine suite (tests/engines) in Chromium, Firefox ESR and WebKitGTK.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CHROMIUM_PATH as CHROMIUM } from './chromium.mjs';

// The cross-engine suite's browsers (tests/engines/firefox.ts and webkit.ts read the same paths).
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const MINIBROWSER =
  process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd) => {
  console.log(`\n$ ${cmd}`);
  execSync(cmd, { cwd: root, stdio: 'inherit', env: process.env });
};

if (!existsSync(join(root, 'node_modules', '.bin', 'vitest'))) run('npm ci');

// Debian packages the browser tests need: Chromium, ZBar's zbarimg, the independent decoder of
// the public key's QR code (tests/e2e/public-key.spec.ts), and for the cross-engine suite Firefox
// ESR, WebKitGTK's WebDriver (with its MiniBrowser) and Xvfb (MiniBrowser needs a display).
const ZBARIMG = process.env.ZBARIMG_PATH || '/usr/bin/zbarimg';
const missing = [
  [CHROMIUM, 'chromium'],
  [ZBARIMG, 'zbar-tools'],
  [FIREFOX, 'firefox-esr'],
  [WEBKIT_DRIVER, 'webkit2gtk-driver'],
  [MINIBROWSER, 'webkit2gtk-driver'],
  ['/usr/bin/xvfb-run', 'xvfb'],
].filter(([path]) => !existsSync(path));
if (missing.length) {
  const sudo = process.getuid && process.getuid() === 0 ? '' : 'sudo ';
  const packages = [...new Set(missing.map(([, name]) => name))].join(' ');
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
  run('npm run build:package');
  run('npx vitest run');
  run('npx playwright test -c tests/e2e/playwright.config.ts');
  run('node tests/engines/run.mjs');
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
