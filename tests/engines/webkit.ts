// WebKitGTK (Safari's engine) through plain W3C WebDriver over fetch: Debian's WebKitWebDriver
// starts MiniBrowser in automation mode. MiniBrowser needs a display: run under `xvfb-run -a`
// (tests/engines/run.mjs does). One WebDriver session is one profile; its windows are the tabs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Engine, EnginePage, EngineProfile } from './driver';
import { VIEWPORT } from './viewport';

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH =
  process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Longer than any script or page load should take here, shorter than a test's timeout. */
const COMMAND_TIMEOUT = 40_000;

/** The key under which W3C WebDriver returns an element reference. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

class WebDriverError extends Error {
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(`WebDriver ${error}: ${message}`);
  }
}

function driverClient(base: string) {
  return async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const started = Date.now();
    const response = await fetch(base + path, {
      method,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A command that never returns would otherwise only show as the test's own timeout.
      signal: AbortSignal.timeout(COMMAND_TIMEOUT),
    }).catch((error: Error) => {
      throw new Error(
        `WebKitWebDriver did not answer ${method} ${path.replace(/^\/session\/[^/]+/, '')} ` +
          `within ${Date.now() - started} ms: ${error.message}`,
        { cause: error },
      );
    });
    const { value } = (await response.json()) as {
      value: unknown & { error?: string; message?: string };
    };
    if (!response.ok || (value && typeof value === 'object' && 'error' in value && value.error))
      throw new WebDriverError(value.error ?? String(response.status), value.message ?? '');
    return value;
  };
}

type Client = ReturnType<typeof driverClient>;

/** POST /session took too long: MiniBrowser did not connect back to WebKitWebDriver. */
class SessionHang extends Error {}

/** A new WebDriver session: a new MiniBrowser with its own, empty storage. */
async function newSession(
  client: Client,
): Promise<{ sessionId: string; capabilities: { browserVersion: string } }> {
  const request = client('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] },
        // The page asks before a reload drops keys kept only in memory: say yes, as a user would.
        unhandledPromptBehavior: 'accept',
      },
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SessionHang('MiniBrowser did not start within 20 s')),
      20_000,
    );
  });
  request.catch(() => undefined);
  try {
    return (await Promise.race([request, hang])) as {
      sessionId: string;
      capabilities: { browserVersion: string };
    };
  } finally {
    clearTimeout(timer);
  }
}

async function openProfile(client: Client): Promise<EngineProfile> {
  const { sessionId } = await newSession(client);
  const s = `/session/${sessionId}`;
  await client('POST', `${s}/timeouts`, { script: 120_000, pageLoad: 60_000 });
  let current = (await client('GET', `${s}/window`)) as string;
  let firstTabUsed = false;

  // Tabs take turns: WebDriver drives one window at a time.
  const command = async (handle: string, method: string, path: string, body?: unknown) => {
    if (current !== handle) {
      await client('POST', `${s}/window`, { handle });
      current = handle;
    }
    try {
      return await client(method, `${s}${path}`, body);
    } catch (error) {
      // A prompt (beforeunload) left open by a navigation: accept it and go on.
      if (error instanceof WebDriverError && error.error === 'unexpected alert open') {
        await client('POST', `${s}/alert/accept`).catch(() => undefined);
        return client(method, `${s}${path}`, body);
      }
      throw error;
    }
  };

  const newTab = async (): Promise<EnginePage> => {
    let handle = current;
    if (firstTabUsed) {
      ({ handle } = (await client('POST', `${s}/window/new`, { type: 'tab' })) as {
        handle: string;
      });
    } else {
      await client('POST', `${s}/window/rect`, VIEWPORT);
      // The window manager applies the size a moment later; a page laid out for the old size
      // while WebKitWebDriver computes a click position for the new one gets clicks elsewhere.
      let last = '';
      for (let i = 0; i < 50; i++) {
        const size = JSON.stringify(
          await client('POST', `${s}/execute/sync`, {
            script: 'return [innerWidth, innerHeight];',
            args: [],
          }),
        );
        if (size === last && JSON.parse(size)[0] === VIEWPORT.width) {
          if (process.env.KK_DEBUG) console.log('window size settled after', i, size);
          break;
        }
        last = size;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    firstTabUsed = true;
    const run = (method: string, path: string, body?: unknown) =>
      command(handle, method, path, body);
    const element = async (expression: string) => {
      const found = (await run('POST', '/execute/sync', {
        script: `return (${expression});`,
        args: [],
      })) as Record<string, string> | null;
      if (!found?.[ELEMENT])
        throw new Error(`not an element (${JSON.stringify(found)}): ${expression.slice(-80)}`);
      return found[ELEMENT];
    };
    return {
      goto: async (url) => void (await run('POST', '/url', { url })),
      reload: async () => void (await run('POST', '/refresh', {})),
      async evaluate(expression) {
        const result = (await run('POST', '/execute/async', {
          script: `const done = arguments[arguments.length - 1];
            Promise.resolve().then(() => (${expression})).then(
              (value) => done({ ok: value === undefined ? null : value }),
              (error) => done({ error: String((error && error.stack) || error) }));`,
          args: [],
        })) as { ok?: unknown; error?: string };
        if (result.error !== undefined) throw new Error(result.error);
        return result.ok;
      },
      runScript: async (source) =>
        void (await run('POST', '/execute/sync', { script: source, args: [] })),
      clickElement: async (expression) =>
        void (await run('POST', `/element/${await element(expression)}/click`, {})),
      // WebKitWebDriver's element screenshot is cut at the wrong offset (the QR code's top-left
      // finder pattern is missing), so this is the window as the screen shows it, element in view.
      screenshotElement: async (expression) => {
        await element(expression);
        return Buffer.from((await run('GET', '/screenshot')) as string, 'base64');
      },
      close: async () => void (await run('DELETE', '/window')),
    };
  };

  return {
    newTab,
    close: async () => void (await client('DELETE', s).catch(() => undefined)),
  };
}

/** WebKitWebDriver on a free port, answering. */
async function startDriver(): Promise<{ client: Client; stop: () => Promise<void> }> {
  const port = await freePort();
  // Its own process group: stopping it also stops the MiniBrowser processes it started.
  const driver: ChildProcess = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const stderr: string[] = [];
  driver.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise((resolve) => driver.once('exit', resolve));
  const stop = async () => {
    if (driver.exitCode === null && driver.signalCode === null) {
      try {
        process.kill(-driver.pid!, 'SIGKILL');
      } catch {
        driver.kill('SIGKILL');
      }
    }
    await exited;
  };
  const client = driverClient(`http://127.0.0.1:${port}`);
  const started = Date.now();
  for (;;) {
    try {
      await client('GET', '/status');
      return { client, stop };
    } catch (error) {
      if (driver.exitCode !== null || Date.now() - started > 10_000) {
        await stop();
        throw new Error(`WebKitWebDriver did not start: ${stderr.join('')}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function launchWebKit(): Promise<Engine> {
  for (const path of [WEBKIT_DRIVER_PATH, MINIBROWSER_PATH])
    if (!existsSync(path))
      throw new Error(
        `${path} not found: install Debian's webkit2gtk-driver (npm test does it) or set WEBKIT_DRIVER_PATH and MINIBROWSER_PATH.`,
      );
  if (!process.env.DISPLAY)
    throw new Error(
      'MiniBrowser needs a display: run under `xvfb-run -a` (npm run test:engines does).',
    );
  let driver = await startDriver();
  // On a busy machine MiniBrowser now and then never connects back, and WebKitWebDriver then
  // waits for it forever (seen 3 times in 16 sessions at load 7-9 on 2 cores): after 20 s
  // the driver and its browsers are stopped and a new one is started, twice at most.
  const withFreshDriverOnHang = async <T>(open: (client: Client) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await open(driver.client);
      } catch (error) {
        if (!(error instanceof SessionHang) || attempt === 3) throw error;
        console.warn(
          `WebKit: ${error.message}; restarting WebKitWebDriver (attempt ${attempt + 1})`,
        );
        await driver.stop();
        driver = await startDriver();
      }
    }
  };
  // The version is what a session reports: open one to read it.
  const version = await withFreshDriverOnHang(async (client) => {
    const { sessionId, capabilities } = await newSession(client);
    await client('DELETE', `/session/${sessionId}`);
    return capabilities.browserVersion;
  });
  return {
    name: 'webkit',
    version: `WebKitGTK ${version}`,
    newProfile: () => withFreshDriverOnHang(openProfile),
    close: () => driver.stop(),
  };
}
