// The page's "Use this key in your bot" offers a Node program that uses the package: run as a
// user would (kalshi-keys installed from the tarball, the key's backup beside it), it gets the
// balance from the mock Kalshi, and says Kalshi's reason when the key ID is wrong.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPackageSnippet } from '../../src/ui/keys/package-snippet';
import { startKalshiMock, type KalshiMock } from '../mock/kalshi-mock';
import { installScratch, run } from './packed';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const passphrase = `pass-${randomUUID()}`;
let mock: KalshiMock;
let dir: string;

beforeAll(async () => {
  mock = await startKalshiMock({
    bootstrapPublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  });
  dir = installScratch('bot-snippet');
  // The page's backups: encrypted PKCS#8, or plain PKCS#8.
  writeFileSync(
    join(dir, 'bot-encrypted.pem'),
    privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }),
  );
  writeFileSync(join(dir, 'bot-plain.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
}, 60_000);
afterAll(() => mock?.close());

async function runSnippet(keyId: string, backupFileName: string, env: Record<string, string>) {
  const program = renderPackageSnippet({ keyId, environment: 'demo', backupFileName });
  writeFileSync(join(dir, 'kalshi-balance.mjs'), program);
  return run(process.execPath, ['kalshi-balance.mjs'], {
    cwd: dir,
    env: { ...process.env, KALSHI_API_BASE: mock.url, ...env },
  });
}

describe('the kalshi-keys program of "Use this key in your bot"', () => {
  it('gets the balance with an encrypted backup and its passphrase from the environment', async () => {
    const result = await runSnippet(mock.bootstrapKeyId, 'bot-encrypted.pem', {
      KALSHI_KEY_PASSPHRASE: passphrase,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^200 \{"balance":123456/);
  });

  it('gets the balance with a plain backup', async () => {
    const result = await runSnippet(mock.bootstrapKeyId, 'bot-plain.pem', {});
    expect(result.stdout).toMatch(/^200 /);
  });

  it("prints Kalshi's reason and exits 1 when Kalshi does not know the key ID", async () => {
    const result = await runSnippet(randomUUID(), 'bot-plain.pem', {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/HTTP 401.*Kalshi does not know this key ID here/);
  });

  it('says where the key ID goes when it is missing', () => {
    expect(
      renderPackageSnippet({ keyId: '', environment: 'production', backupFileName: 'k.pem' }),
    ).toMatch(/keyId: "PASTE-YOUR-KALSHI-KEY-ID",\n {2}privateKey,\n {2}environment: "production"/);
  });
});
