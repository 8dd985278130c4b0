// The size budget, gzip at zlib's default level. It reads dist/, which `npm test` builds first.
// - The hosted page's first load (index.html, the JS and CSS it loads at start, their static
//   imports): what a first visit downloads before "Create a key" works: the home, the "Main"
//   navigation and the Create form. Capped at 20 KB (the target, 16 KB, is reported by
//   `npm run bench`): every other view loads on demand (src/ui/shell/on-demand.tsx).
// - Everything the hosted build can load, first load plus on-demand chunks: reported, not capped.
// - The single file carries every view inlined. The product's budget for it is 46 KB; with the
//   key manager's views (a page per key, the doctor's verdicts and fixes, the relay and scope
//   safeguards) it is 49.2 KB after the cuts in docs/performance.md (the last: lean-qr's nano
//   build, 1.8 KB), which also says what each view weighs there. Meeting 46 KB needs a view's
//   worth of bytes to go or a rewording pass over every view: a product decision, left open.
//   CI holds 50 KB to stop regressions meanwhile. Lower it as the file shrinks; never raise it
//   silently.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hostedPageFiles } from '../bench/page-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const FIRST_LOAD_CAP = 20 * 1024;
const SINGLE_FILE_CAP = 50 * 1024;

/** gzip at zlib's default level, the level static servers and CDNs typically serve. */
const gzipSize = (path: string) => gzipSync(readFileSync(path)).length;

function requireBuild(file: string): string {
  const path = join(dist, file);
  if (!existsSync(path)) {
    throw new Error(
      `dist/${file} is missing: the size budget reads the production build. Run \`npm run build\` first (\`npm test\` does it for you).`,
    );
  }
  return path;
}

function describeSizes(sizes: Array<[string, number]>): string {
  return sizes.map(([file, bytes]) => `  ${file}: ${bytes} B gzip`).join('\n');
}

describe('size budget (gzip)', () => {
  it(`the hosted first load (index.html, its scripts and styles) stays within ${FIRST_LOAD_CAP / 1024} KB`, () => {
    requireBuild('index.html');
    const files = hostedPageFiles(dist, { firstLoad: true });
    expect(
      files.some((f) => f.endsWith('.js')),
      'the hosted index.html should load a script',
    ).toBe(true);
    const sizes = files.map((f): [string, number] => [f, gzipSize(join(dist, f))]);
    const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
    const later = hostedPageFiles(dist)
      .filter((f) => !files.includes(f))
      .map((f): [string, number] => [f, gzipSize(join(dist, f))]);
    console.log(
      `hosted first load ${total} B gzip:\n${describeSizes(sizes)}\non demand:\n${describeSizes(later)}`,
    );
    expect(
      total,
      `the hosted first load weighs ${total} B gzip, over the ${FIRST_LOAD_CAP} B cap:\n${describeSizes(sizes)}`,
    ).toBeLessThanOrEqual(FIRST_LOAD_CAP);
  });

  it(`dist/kalshi-keys.html (the single file, every panel inlined) stays within ${SINGLE_FILE_CAP / 1024} KB`, () => {
    const path = requireBuild('kalshi-keys.html');
    const html = readFileSync(path, 'utf8');
    // The single file must be self-contained, or its gzip size would not be the whole story.
    const external = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((url) => !url.startsWith('data:'));
    expect(external, 'the single file should load no other file').toEqual([]);
    const total = gzipSize(path);
    expect(
      total,
      `dist/kalshi-keys.html weighs ${total} B gzip, over the ${SINGLE_FILE_CAP} B cap`,
    ).toBeLessThanOrEqual(SINGLE_FILE_CAP);
  });
});
