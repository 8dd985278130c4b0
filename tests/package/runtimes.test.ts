// The packed package in each runtime a bot or dashboard runs in: one script (fixture/checks.mjs)
// imports kalshi-keys installed from the tarball, loads a PKCS#1 and an encrypted PKCS#8 key, signs
// a GET and a POST that the mock Kalshi verifies with node:crypto, gets KalshiAnswerError from a
// 401, signs a WebSocket handshake and diagnoses a seconds timestamp.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './packed';
import { checkRuntime, expectChecksPassed } from './runtime-checks';

describe('the packed kalshi-keys in Node', () => {
  let checked: Awaited<ReturnType<typeof checkRuntime>>;
  beforeAll(async () => {
    checked = await checkRuntime(async (dir, inputFile) => {
      const { code, stdout, stderr } = await run(process.execPath, ['main.mjs', inputFile], {
        cwd: dir,
      });
      if (code !== 0) throw new Error(`node exited ${code}: ${stderr}`);
      return stdout;
    }, `Node ${process.versions.node}`);
  }, 120_000);
  afterAll(() => checked?.mock.close());

  it('runs in Node 20', () => {
    expect(process.versions.node).toMatch(/^20\./);
    expect(checked.results.runtime).toBe(`Node ${process.versions.node}`);
  });

  it('signs GET and POST that Kalshi accepts, throws KalshiAnswerError on 401, diagnoses seconds', () => {
    expectChecksPassed(checked);
  });
});
