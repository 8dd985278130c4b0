// The size budget: each build the user can load, HTML + JS + CSS, gzip. It reads dist/, which
// `npm test` builds before running Vitest.
// Issue 5 targets 20 KB per build (aim 12). The app is not there (about 28 KB after two size passes
// that took it from 38 KB: README "Performance" says where the bytes go), so CI enforces today's
// ceiling to stop any regression while that target stays open. Lower BUDGET_BYTES as the app
// shrinks; never raise it silently. Raised once, 29 -> 30 KB, for session 3's fixes of what real
// hosts, storage failures, key files and DevTools pastes did to users (+1.1 KB, README "Performance").
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hostedPageFiles } from '../bench/page-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const TARGET_BYTES = 20 * 1024;
const BUDGET_BYTES = 30 * 1024;

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

describe(`size budget (${BUDGET_BYTES / 1024} KB gzip per build; target ${TARGET_BYTES / 1024} KB)`, () => {
  it('the hosted page (index.html and every script and stylesheet it loads) stays within the budget', () => {
    requireBuild('index.html');
    const files = hostedPageFiles(dist);
    expect(
      files.some((f) => f.endsWith('.js')),
      'the hosted index.html should load a script',
    ).toBe(true);
    const sizes = files.map((f): [string, number] => [f, gzipSize(join(dist, f))]);
    const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
    expect(
      total,
      `the hosted build weighs ${total} B gzip, over the ${BUDGET_BYTES} B budget:\n${describeSizes(sizes)}`,
    ).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('dist/kalshi-keys.html (the single file) stays within the budget', () => {
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
      `dist/kalshi-keys.html weighs ${total} B gzip, over the ${BUDGET_BYTES} B budget`,
    ).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
