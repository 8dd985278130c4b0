// `npm run bench`, the npm package's part: the tarball's size, what a bot's bundle carries for
// kalshiFetch + loadKey (rolldown, minified, tree-shaken as any bundler would with
// sideEffects: false), and signing throughput through kalshiFetch against node:crypto in the
// same run. Prints its own table; targets missed are reported, not enforced.
import { execFileSync } from 'node:child_process';
import { constants, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';

const root = fileURLToPath(new URL('../..', import.meta.url));
const packageDir = join(root, 'dist-package');
const TARBALL_TARGET = 150 * 1024;
const BUNDLE_TARGET = 8 * 1024;
const THROUGHPUT_TARGET = 0.8;
const SIGNATURES = 1000;
const ROUNDS = 5; // configurations alternate over rounds and the median is kept: the cores are shared

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (ok) => (ok ? 'met' : '**missed**');

/** The tarball from `npm pack`, installed into a scratch folder as a user's project has it. */
function packAndInstall(dir) {
  execFileSync(process.execPath, [join(root, 'src', 'package', 'build.mjs')], { stdio: 'ignore' });
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', packageDir, '--json', '--pack-destination', dir], {
      encoding: 'utf8',
    }),
  );
  const tarball = join(dir, filename);
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', tarball], {
    cwd: dir,
    stdio: 'ignore',
  });
  return statSync(tarball).size;
}

/** A bot's bundle of kalshiFetch + loadKey: the chunks rolldown writes, minified, and their gzip. */
async function botBundle(dir) {
  writeFileSync(join(dir, 'bot.mjs'), "export { kalshiFetch, loadKey } from 'kalshi-keys';\n");
  const out = join(dir, 'out');
  const bundle = await rolldown({ input: join(dir, 'bot.mjs'), platform: 'neutral' });
  const { output } = await bundle.write({ dir: out, format: 'esm', minify: true });
  await bundle.close();
  const chunks = output.map((chunk) => ({
    file: chunk.fileName,
    imports: chunk.imports ?? [],
    gzip: gzipSync(readFileSync(join(out, chunk.fileName)), { level: 9 }).length,
  }));
  // What loads when the bot starts: the entry chunk and what it imports statically. The rest
  // (PBES2, for encrypted keys) loads on first use.
  const loaded = new Set(['bot.js']);
  for (const chunk of chunks)
    if (loaded.has(chunk.file)) chunk.imports.forEach((f) => loaded.add(f));
  const sum = (list) => list.reduce((total, c) => total + c.gzip, 0);
  return {
    chunks,
    atStart: sum(chunks.filter((c) => loaded.has(c.file))),
    onDemand: chunks.filter((c) => !loaded.has(c.file)),
    gzip: sum(chunks),
  };
}

/** Signatures per second: kalshiFetch with a transport that answers at once, and node:crypto. */
async function throughput(dir) {
  const { kalshiFetch, loadKey } = await import(
    pathToFileURL(join(dir, 'node_modules', 'kalshi-keys', 'package', 'index.js')).href
  );
  const { privateKey: pem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = await loadKey(pem);
  // One answer for every call: kalshiFetch reads no body of a 2xx, and a transport's own cost
  // (a Response made per call, the network) is not the client's.
  const ok = new Response('{}');
  const answer = async () => ok;
  const kalshi = kalshiFetch({
    keyId: 'bench',
    privateKey: key,
    environment: 'demo',
    fetch: answer,
  });
  const message = Buffer.from(`${Date.now()}GET/trade-api/v2/portfolio/balance`);
  // A KeyObject made once, as a bot keeps it: a PEM string would be parsed on every call.
  const pss = {
    key: createPrivateKey(pem),
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  };
  const perSecond = async (fn) => {
    const start = performance.now();
    await fn();
    return SIGNATURES / ((performance.now() - start) / 1000);
  };
  const runs = { kalshiFetch: [], kalshiFetch4: [], node: [], subtle: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.node.push(
      await perSecond(() => {
        for (let i = 0; i < SIGNATURES; i++) sign('sha256', message, pss);
      }),
    );
    // WebCrypto alone, the floor under kalshiFetch: what the client adds is the difference.
    runs.subtle.push(
      await perSecond(async () => {
        const algorithm = { name: 'RSA-PSS', saltLength: 32 };
        for (let i = 0; i < SIGNATURES; i++) await crypto.subtle.sign(algorithm, key, message);
      }),
    );
    runs.kalshiFetch.push(
      await perSecond(async () => {
        for (let i = 0; i < SIGNATURES; i++) await kalshi('/trade-api/v2/portfolio/balance');
      }),
    );
    // A bot with a few requests in flight, as an order loop has.
    runs.kalshiFetch4.push(
      await perSecond(async () => {
        let next = 0;
        const lane = async () => {
          while (next++ < SIGNATURES) await kalshi('/trade-api/v2/portfolio/balance');
        };
        await Promise.all([lane(), lane(), lane(), lane()]);
      }),
    );
  }
  return Object.fromEntries(Object.entries(runs).map(([name, xs]) => [name, median(xs)]));
}

export async function packageFigures({ log }) {
  const dir = mkdtempSync(join(tmpdir(), 'kalshi-keys-bench-package-'));
  try {
    log('  npm pack and install the package');
    const tarball = packAndInstall(dir);
    log('  bundle kalshiFetch + loadKey');
    const bundle = await botBundle(dir);
    log(`  sign ${SIGNATURES} x ${ROUNDS} through kalshiFetch and node:crypto`);
    const speed = await throughput(dir);
    const ratio = speed.kalshiFetch / speed.node;
    const ratio4 = speed.kalshiFetch4 / speed.node;
    const rows = [
      ['tarball (npm pack)', kb(tarball), '< 150 KB', tarball < TARBALL_TARGET],
      [
        'kalshiFetch + loadKey bundled, minified, gzip: loaded at start',
        `${kb(bundle.atStart)} (+ on first use: ${bundle.onDemand.map((c) => `${c.file.replace(/-[\w-]+\.js$/, '')} ${kb(c.gzip)}`).join(', ') || 'nothing'}; all ${kb(bundle.gzip)})`,
        '< 8 KB',
        bundle.atStart < BUNDLE_TARGET,
      ],
      [
        'signing through kalshiFetch, one at a time / node:crypto sign',
        `${speed.kalshiFetch.toFixed(0)}/s / ${speed.node.toFixed(0)}/s = ${ratio.toFixed(2)}x`,
        '>= 0.8x',
        ratio >= THROUGHPUT_TARGET,
      ],
      [
        '  crypto.subtle.sign alone, one at a time (the floor under kalshiFetch)',
        `${speed.subtle.toFixed(0)}/s = ${(speed.subtle / speed.node).toFixed(2)}x`,
        '',
        undefined,
      ],
      [
        'signing through kalshiFetch, 4 in flight / node:crypto sign',
        `${speed.kalshiFetch4.toFixed(0)}/s = ${ratio4.toFixed(2)}x`,
        '',
        undefined,
      ],
    ];
    const table = [
      '| kalshi-keys package | Result | Target | |',
      '|---|---|---|---|',
      ...rows.map(
        ([what, result, target, ok]) =>
          `| ${what} | ${result} | ${target} | ${ok === undefined ? '' : verdict(ok)} |`,
      ),
    ].join('\n');
    return { tarball, bundle, speed, ratio, ratio4, table };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await packageFigures({ log: (...args) => console.error(...args) });
  console.log(figures.table);
}
