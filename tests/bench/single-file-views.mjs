// What each view and part costs the single file: builds kalshi-keys.html once as it is, then once per
// component of lazy-single.ts with that component replaced by one that renders nothing, and prints
// the gzip bytes each saves. The figures a decision about the single file's budget needs (which part
// it could leave out); dist/ is left alone. `node tests/bench/single-file-views.mjs`
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lazySingle = join(root, 'src/ui/shell/lazy-single.ts');
const source = readFileSync(lazySingle, 'utf8');
const components = [...source.matchAll(/^export \{ (\w+) \} from/gm)].map((m) => m[1]);
const out = mkdtempSync(join(tmpdir(), 'kalshi-keys-views-'));

/** Builds the single file with `left` (a component's name) rendering nothing; its gzip bytes. */
async function singleFileBytes(left) {
  const outDir = join(out, left ?? 'all');
  await build({
    configFile: join(root, 'vite.config.ts'),
    root,
    mode: 'single',
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
    plugins: [
      {
        name: 'leave-one-out',
        enforce: 'pre',
        load: (id) =>
          left && id === lazySingle
            ? source.replace(
                new RegExp(`^export \\{ ${left} \\} from .*$`, 'm'),
                `export const ${left} = () => null;`,
              )
            : null,
      },
    ],
  });
  return gzipSync(readFileSync(join(outDir, 'kalshi-keys.html'))).length;
}

try {
  const whole = await singleFileBytes();
  console.log(`single file: ${whole} B gzip (${(whole / 1024).toFixed(1)} KB)`);
  const rows = [];
  for (const name of components) rows.push([name, whole - (await singleFileBytes(name))]);
  rows.sort((a, b) => b[1] - a[1]);
  console.log('without     saves (B gzip)');
  for (const [name, saved] of rows) console.log(`${name.padEnd(20)} ${String(saved).padStart(6)}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
