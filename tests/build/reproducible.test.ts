// The single file is published with its SHA-256 so users can check their download: two builds of
// the same source must give the same bytes, or the published checksum means nothing.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SINGLE_FILE_NAME = 'kalshi-keys.html';
const outDirs: string[] = [];

/** One `vite build --mode single` of the repository, written to a fresh temporary directory. */
async function buildSingleFile(): Promise<Buffer> {
  const outDir = mkdtempSync(join(tmpdir(), 'kalshi-keys-repro-'));
  outDirs.push(outDir);
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    mode: 'single',
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  return readFileSync(join(outDir, SINGLE_FILE_NAME));
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

describe('reproducible single-file build', () => {
  it('two builds of the same source give a byte-identical kalshi-keys.html', async () => {
    const first = await buildSingleFile();
    const second = await buildSingleFile();
    expect(first.length).toBeGreaterThan(0);
    // Compare digests first: a failure then prints two short hashes instead of two 40 KB dumps.
    expect(sha256(second), 'the second build differs from the first').toBe(sha256(first));
    expect(second.equals(first)).toBe(true);
  }, 120_000);
});
