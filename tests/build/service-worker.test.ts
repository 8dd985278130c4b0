// dist/sw.js carries the SHA-256 of every file it precaches, computed at build time: the worker
// installs and serves only bodies that match (tests/e2e/cache-integrity.spec.ts runs the attack).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { precacheOf } from '../e2e/worker-digests';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [relative(dist, path)];
  });
}

const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(dist, file)))
    .digest('hex');

describe('dist/sw.js', () => {
  it('lists every file of the build, the folder itself as index.html, each with its SHA-256', () => {
    if (!existsSync(join(dist, 'sw.js')))
      throw new Error('dist/sw.js is missing: run `npm run build` first.');
    const table = precacheOf(readFileSync(join(dist, 'sw.js'), 'utf8'));
    // Everything but the worker itself and the host's header file (public/_headers).
    const built = files(dist)
      .filter((f) => f !== 'sw.js' && f !== '_headers')
      .sort();
    expect(Object.keys(table).sort()).toEqual(['./', ...built.map((f) => `./${f}`)].sort());
    expect(table['./']).toBe(sha256('index.html'));
    for (const file of built) expect(table[`./${file}`], file).toBe(sha256(file));
  });

  it('is type-checked: // @ts-check, and `npm run typecheck` runs its tsconfig', () => {
    const source = readFileSync(join(root, 'src', 'service-worker.js'), 'utf8');
    expect(source.split('\n')[0]).toBe('// @ts-check');
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.typecheck).toContain('tsc --noEmit -p src/service-worker.tsconfig.json');
  });
});
