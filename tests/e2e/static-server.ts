// A tiny static host for the browser tests: serves a directory under a sub-path (as GitHub Pages
// serves https://example.github.io/some/repo/) on 127.0.0.1 and a random port. It logs every request
// and can be switched "down", so a test can prove that a page loaded from the service worker's
// cache and not from the network.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  /** The page's address, e.g. http://127.0.0.1:40123/some/repo/ */
  url: string;
  origin: string;
  /** Paths requested so far, in order. */
  requests: string[];
  /** While down, every request's connection is dropped unanswered, like a host that is gone. */
  down: boolean;
  /** Serve another directory from now on (a new deploy). */
  root: string;
  /**
   * Runs before the file lookup, with the path under the mount (`sw.js`, `assets/x.js`, `` for
   * the mount itself); returns true once it has answered (a redirect, an error, another file).
   */
  override?: (relative: string, res: ServerResponse) => boolean | Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Serves `root` at `mount` (a path like /some/repo/) on 127.0.0.1 and a random free port, adding
 * `headers` to every file it serves.
 */
export async function serveStatic(
  root: string,
  mount = '/some/repo/',
  headers: Record<string, string> = {},
): Promise<StaticServer> {
  const state: Pick<StaticServer, 'down' | 'root' | 'override'> = { down: false, root };
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push(path);
    if (state.down) {
      req.socket.destroy();
      return;
    }
    void (async () => {
      if (path === mount.replace(/\/$/, '')) {
        res.writeHead(301, { Location: mount }).end();
        return;
      }
      if (!path.startsWith(mount)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      if (await state.override?.(path.slice(mount.length), res)) return;
      const relative = path.slice(mount.length) || 'index.html';
      const file = normalize(
        join(state.root, relative.endsWith('/') ? `${relative}index.html` : relative),
      );
      if (!file.startsWith(resolve(state.root) + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if (!(await stat(file)).isFile()) throw new Error('not a file');
        const body = await readFile(file);
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          // What a static host sends for HTML and sw.js: revalidate, so a new deploy is seen.
          'Cache-Control': 'no-cache',
          ...headers,
        });
        res.end(body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + mount,
    origin,
    requests,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    get root() {
      return state.root;
    },
    set root(value: string) {
      state.root = value;
    },
    get override() {
      return state.override;
    },
    set override(value) {
      state.override = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
