// The local Kalshi (tests/mock/kalshi-mock.ts) and the real relay in front of it, for the flows
// that reach Kalshi; the bash hand-off of a copied curl command.
import { execFile } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { promisify } from 'node:util';
import { startKalshiMock, type KalshiMock } from '../mock/kalshi-mock';
import { spawnRelay, type RunningRelay } from '../relay/spawn-relay';
import { nodeRsaKey } from '../helpers/keys';

/** Kalshi's hosts as the page's commands name them (demo and production). */
const KALSHI_ORIGIN = /https:\/\/[a-z0-9.-]+\.kalshi\.com?(?=\/)/g;

export interface Mock extends KalshiMock {
  /** PKCS#1 ("RSA PRIVATE KEY"), the format Kalshi hands out. */
  bootstrapPrivatePem: string;
}

/** The mock with a fresh bootstrap key whose private half a test can import. */
export async function startMock(): Promise<Mock> {
  const pair = nodeRsaKey();
  const mock = await startKalshiMock({
    bootstrapPublicKeyPem: pair.publicPem,
  });
  return Object.assign(mock, {
    bootstrapPrivatePem: pair.pkcs1Pem,
  });
}

/** Tells the mock about a key, as registering it on Kalshi's website would. */
export function registerOnMock(mock: KalshiMock, id: string, name: string, publicPem: string) {
  mock.registeredKeys.set(id, {
    api_key_id: id,
    name,
    scopes: ['read', 'write'],
    publicKeyPem: publicPem,
    publicKey: createPublicKey(publicPem),
  });
}

/** relay/kalshi-relay.mjs started as a user would, for the page at `origin`, to the mock. */
export function startRelay(mock: KalshiMock, origin: string): Promise<RunningRelay> {
  return spawnRelay(['--port', '0', '--origin', origin, '--upstream', mock.url]);
}

const run = promisify(execFile);

/**
 * Runs a command copied from the page in bash against the mock: the command names Kalshi's real
 * host over https, the mock is plain http on 127.0.0.1, so that prefix is rewritten (the only
 * change). Returns what it printed.
 */
export async function runAgainstMock(command: string, mock: KalshiMock): Promise<string> {
  const local = command.replace(KALSHI_ORIGIN, mock.url);
  if (local === command) throw new Error(`the command names no Kalshi host: ${command}`);
  const { stdout } = await run('bash', ['-c', local], { timeout: 15_000 });
  return stdout;
}
