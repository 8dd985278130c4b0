// The files both builds name, and their SHA-256: the page publishes the single file's and the
// relay's digests ("Check your download"), and the service worker pins every file it precaches.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SINGLE_FILE_NAME = 'kalshi-keys.html';
/** The relay users run, copied beside the hosted page for "Download relay (kalshi-relay.mjs)". */
export const RELAY_FILE_NAME = 'kalshi-relay.mjs';
/** The repository, with a trailing slash. */
export const root = fileURLToPath(new URL('../../', import.meta.url));
export const relayPath = `${root}relay/${RELAY_FILE_NAME}`;
/** Where the single-file build writes, and where the hosted build (run second) finds it. */
export const singleFilePath = `${root}dist/${SINGLE_FILE_NAME}`;

export const sha256 = (data: string | Uint8Array, encoding: 'hex' | 'base64') =>
  createHash('sha256').update(data).digest(encoding);

/**
 * The digests the hosted page shows for its two downloads. The single file is built first, so the
 * hosted build finds it in dist/; the single file itself and the dev server show none.
 */
export function downloadDigests(mode: string): { singleFile: string; relay: string } {
  if (mode !== 'production') return { singleFile: '', relay: '' };
  return {
    singleFile: existsSync(singleFilePath) ? sha256(readFileSync(singleFilePath), 'hex') : '',
    relay: sha256(readFileSync(relayPath), 'hex'),
  };
}
