// Debian's Chromium, as every browser-driving script here launches it (Playwright config, bench,
// tests/run.mjs). Never a downloaded browser: none can be downloaded on these machines.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Quiet on a closed network: nothing phones home, so request logs hold only the page's own.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
