// How the two runtimes that are not a command line run the checks: workerd serves them as a
// Worker (bundled with kalshi-keys by rolldown, as wrangler would), and Chromium imports them
// in a page on loopback that resolves the package's files through an import map.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { rolldown } from 'rolldown';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';

const listen = (server: Server) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

/** A free loopback port: listened on once, then released for workerd to take. */
async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Bundles fixture/worker.mjs with the installed kalshi-keys, starts workerd, POSTs the input. */
export const runInWorkerd = (workerd: string) => async (dir: string, inputFile: string) => {
  const bundle = await rolldown({ input: join(dir, 'worker.mjs'), platform: 'browser' });
  await bundle.write({
    file: join(dir, 'worker.bundle.mjs'),
    format: 'esm',
    // One file: workerd's config lists each module; the core's lazy import() is inlined.
    codeSplitting: false,
  });
  await bundle.close();
  const port = await freePort();
  const template = readFileSync(join(dir, 'workerd.capnp.template'), 'utf8');
  writeFileSync(join(dir, 'workerd.capnp'), template.replace('PORT', String(port)));
  const child = spawn(workerd, ['serve', 'workerd.capnp'], { cwd: dir, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    for (let tries = 0; ; tries++) {
      if (child.exitCode !== null) throw new Error(`workerd exited ${child.exitCode}: ${output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          body: readFileSync(inputFile),
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${text}`);
        return text;
      } catch (error) {
        // Until workerd listens, the connection is refused; anything else is the answer.
        const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
        if (!refused || tries > 100) throw new Error(`${String(error)}\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    child.kill();
  }
};

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.map': 'application/json',
};

/**
 * Serves the scratch folder, and forwards /trade-api/ to the mock without the browser's Origin
 * (Kalshi refuses it): a dashboard's own backend in front of Kalshi, as the relay is for the page.
 */
function serve(dir: string, kalshi: string): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/trade-api/')) {
      const headers = { ...req.headers };
      for (const name of ['origin', 'referer', 'host', 'cookie']) delete headers[name];
      const upstream = httpRequest(
        `${kalshi}${url.pathname}${url.search}`,
        { method: req.method, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, {
            'Content-Type': answer.headers['content-type'] ?? 'text/plain',
          });
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
      return;
    }
    const file = normalize(join(dir, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}

/** Opens the page on loopback in Debian's Chromium and runs the checks there. */
export async function runInChromium(dir: string, inputFile: string): Promise<string> {
  const input = JSON.parse(readFileSync(inputFile, 'utf8')) as { baseUrl: string };
  const server = serve(dir, input.baseUrl);
  const origin = `http://127.0.0.1:${await listen(server)}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${origin}/`);
    // A string, not a function: Vitest rewrites import() inside functions it compiles.
    const results: unknown = await page.evaluate(
      `import('/checks.mjs').then((m) => m.runChecks(${JSON.stringify({ ...input, baseUrl: origin })}))`,
    );
    if (errors.length) throw new Error(errors.join('\n'));
    return JSON.stringify(results);
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}
