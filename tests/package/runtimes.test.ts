// The packed package in each runtime a bot or dashboard runs in: one script (fixture/checks.mjs)
// imports kalshi-keys installed from the tarball, loads a PKCS#1 and an encrypted PKCS#8 key, signs
// a GET and a POST that the mock Kalshi verifies with node:crypto, gets KalshiAnswerError from a
// 401, signs a WebSocket handshake and diagnoses a seconds timestamp. A runtime that is missing
// fails the test: Deno, Bun and workerd are devDependencies, Chromium is Debian's.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run } from './packed';
import { checkRuntime, expectChecksPassed, type Checked } from './runtime-checks';
import { runInChromium, runInWorkerd } from './runtime-hosts';

const bin = (name: string) => {
  const path = join(ROOT, 'node_modules', '.bin', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm ci (it is a devDependency).`);
  return path;
};

/** Node, Deno and Bun run fixture/main.mjs with the input file and print the results. */
const commandLine = (command: string, args: string[]) => async (dir: string, inputFile: string) => {
  const { code, stdout, stderr } = await run(command, [...args, 'main.mjs', inputFile], {
    cwd: dir,
  });
  if (code !== 0) throw new Error(`${command} exited ${code}: ${stderr}`);
  return stdout;
};

const RUNTIMES: [
  name: string,
  version: RegExp,
  launch: () => Parameters<typeof checkRuntime>[0],
][] = [
  ['Node', /^Node 20\./, () => commandLine(process.execPath, [])],
  ['Deno', /^Deno 2\./, () => commandLine(bin('deno'), ['run', '--allow-read', '--allow-net'])],
  ['Bun', /^Bun 1\./, () => commandLine(bin('bun'), ['run'])],
  ['workerd', /^workerd \(Cloudflare-Workers\)$/, () => runInWorkerd(bin('workerd'))],
  ['Chromium', /^Chromium \d+/, () => runInChromium],
];

describe.each(RUNTIMES)('the packed kalshi-keys in %s', (name, version, launch) => {
  let checked: Checked;
  beforeAll(async () => {
    checked = await checkRuntime(launch(), name);
  }, 180_000);
  afterAll(() => checked?.mock.close());

  it(`runs in ${name}`, () => {
    expect(checked.results.runtime).toMatch(version);
  });

  it('signs GET and POST that Kalshi accepts, throws KalshiAnswerError on 401, diagnoses seconds', () => {
    expectChecksPassed(checked);
  });
});
