// Starts relay/kalshi-relay.mjs as a user would (`node kalshi-relay.mjs --port 0 …`) and reads the
// address it prints, for the Node tests and the Playwright fixture.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const RELAY_FILE = fileURLToPath(new URL('../../relay/kalshi-relay.mjs', import.meta.url));

export interface RunningRelay {
  /** What to paste into "Relay URL", e.g. http://127.0.0.1:40123 */
  url: string;
  /** Every line the relay printed on stdout so far (start-up lines, then one per request). */
  lines: string[];
  /** What it printed on stderr. */
  stderr: string[];
  child: ChildProcess;
  /** Stops the relay and waits for it to exit. */
  stop(): Promise<void>;
}

/** Spawns the relay with `args` and resolves once it prints "Relay URL: …". */
export function spawnRelay(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningRelay> {
  const child = spawn(process.execPath, [RELAY_FILE, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const onLines = (into: string[]) => {
      let pending = '';
      return (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const parts = pending.split('\n');
        pending = parts.pop()!;
        into.push(...parts);
        const url = /^Relay URL: (\S+)$/m.exec(lines.join('\n'))?.[1];
        if (url) {
          resolve({
            url,
            lines,
            stderr,
            child,
            stop: () => {
              if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
              return exited;
            },
          });
        }
      };
    };
    child.stdout!.on('data', onLines(lines));
    child.stderr!.on('data', onLines(stderr));
    child.once('exit', (code) =>
      reject(new Error(`the relay exited (${code}) before listening: ${stderr.join('\n')}`)),
    );
  });
}
