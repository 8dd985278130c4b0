// The bench's static server: folders mounted under URL prefixes of one loopback origin (so pages
// under different prefixes share one IndexedDB), every answer uncached.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
};

/**
 * Serves each folder under its prefix on 127.0.0.1, on a free port; a path that leaves its folder
 * or names no file gets 404.
 * @param {[prefix: string, dir: string][]} mounts prefixes like '/app/', folders to serve there
 * @returns {Promise<{ server: import('node:http').Server, origin: string }>}
 */
export function serveMounts(mounts) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const mount = mounts.find(([prefix]) => path.startsWith(prefix));
    let rel = mount ? path.slice(mount[0].length) : '';
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = mount && normalize(join(mount[1], rel));
    if (!file || !file.startsWith(normalize(mount[1]) + sep) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    }),
  );
}
