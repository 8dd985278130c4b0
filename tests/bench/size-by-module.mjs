// Where the bytes go: builds both flavours into a temporary folder (dist/ is left alone) and
// prints each build's gzip total, then each source module's share of the hosted script.
// `node tests/bench/size-by-module.mjs`. A module's "alone" figure is its minified code
// gzipped by itself: it over-counts text shared across modules, so compare it with itself
// before and after a change, not with the whole-bundle total.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = mkdtempSync(join(tmpdir(), 'kalshi-keys-size-'));
const vite = (args) =>
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', ...args], {
    cwd: root,
    stdio: 'ignore',
  });
const gz = (data) => gzipSync(data).length;

try {
  vite(['--mode', 'single', '--outDir', join(out, 'single'), '--emptyOutDir']);
  vite(['--sourcemap', '--outDir', join(out, 'hosted'), '--emptyOutDir']);
  const single = gz(readFileSync(join(out, 'single', 'kalshi-keys.html')));
  const assets = readdirSync(join(out, 'hosted', 'assets'));
  const js = assets.filter((f) => f.endsWith('.js'));
  const css = assets.filter((f) => f.endsWith('.css'));
  const hostedFiles = [
    'index.html',
    ...js.map((f) => `assets/${f}`),
    ...css.map((f) => `assets/${f}`),
  ];
  const hosted = hostedFiles.reduce((sum, f) => sum + gz(readFileSync(join(out, 'hosted', f))), 0);
  console.log(`single file ${single} B gzip; hosted ${hosted} B gzip (${hostedFiles.join(', ')})`);
  for (const f of css)
    console.log(`  css ${f}: ${gz(readFileSync(join(out, 'hosted', 'assets', f)))} B gzip`);

  for (const file of js) {
    const code = readFileSync(join(out, 'hosted', 'assets', file), 'utf8');
    const consumer = new SourceMapConsumer(
      JSON.parse(readFileSync(join(out, 'hosted', 'assets', `${file}.map`), 'utf8')),
    );
    const lines = code.split('\n');
    const mappings = [];
    consumer.eachMapping((m) => mappings.push(m));
    mappings.sort(
      (a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn,
    );
    const text = new Map();
    mappings.forEach((m, i) => {
      const next = mappings[i + 1];
      const line = lines[m.generatedLine - 1] ?? '';
      const end =
        next && next.generatedLine === m.generatedLine ? next.generatedColumn : line.length;
      const source = (m.source ?? '?')
        .replace(/.*node_modules\//, 'node_modules/')
        .replace(/.*?\/src\//, 'src/');
      text.set(source, (text.get(source) ?? '') + line.slice(m.generatedColumn, end));
    });
    console.log(`\n${file}: ${code.length} B minified, ${gz(code)} B gzip`);
    console.log('  minified  alone-gzip  module');
    [...text]
      .map(([source, t]) => [source, t.length, gz(t)])
      .sort((a, b) => b[2] - a[2])
      .forEach(([source, bytes, g]) =>
        console.log(`  ${String(bytes).padStart(8)}  ${String(g).padStart(10)}  ${source}`),
      );
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
