// The SHA-256 digests dist/sw.js carries for every precached file (vite.config.ts writes them).
// Tests that make a "new deploy" by editing a copy of dist/ re-compute them, as a rebuild would:
// the worker installs only files whose bodies match.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const PRECACHE = /\(\{"\.\/":[^}]*\}\)/;

/** The worker's table: path relative to it (`./`, `./assets/x.js`) -> hex SHA-256. */
export function precacheOf(sw: string): Record<string, string> {
  const found = PRECACHE.exec(sw);
  if (!found) throw new Error('sw.js carries no precache table');
  return JSON.parse(found[0].slice(1, -1)) as Record<string, string>;
}

/** Re-computes every digest of `dir`/sw.js from the files now in `dir`. */
export async function rehashWorker(dir: string): Promise<void> {
  const path = join(dir, 'sw.js');
  const sw = await readFile(path, 'utf8');
  const table: Record<string, string> = {};
  for (const file of Object.keys(precacheOf(sw))) {
    const body = await readFile(join(dir, file === './' ? 'index.html' : file));
    table[file] = createHash('sha256').update(body).digest('hex');
  }
  await writeFile(path, sw.replace(PRECACHE, `(${JSON.stringify(table)})`));
}
