// The bot programs of "Use this key in your bot" run as rendered: python3 and node, each against
// the local Kalshi mock (which verifies the signature with node:crypto), with the backup file
// beside them and the passphrase in the environment.
import { execFile } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type RequestListener,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_URL_VARIABLE,
  PASSPHRASE_VARIABLE,
  renderBotSnippets,
} from '../../src/core/bot-snippets';
import { startKalshiMock, type KalshiMock } from '../mock/kalshi-mock';
import { makeTempDir, type TempDir } from '../helpers/openssl';
import { nodeRsaKey } from '../helpers/keys';

// Asynchronous: the mock answers from this same process.
const run = promisify(execFile);

let dir: TempDir;
let mock: KalshiMock;
const PASSPHRASE = 'Grüße, bot 🔑';
const { privateKey, publicKey, publicPem } = nodeRsaKey();

beforeAll(async () => {
  dir = makeTempDir();
  mock = await startKalshiMock({
    bootstrapPublicKeyPem: publicPem,
  });
  // Encrypted by node:crypto (PBES2, AES-256-CBC), and in clear.
  dir.write(
    'bot-private-pkcs8.pem',
    privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: PASSPHRASE,
    }),
  );
  dir.write('bot-plain.pem', privateKey.export({ type: 'pkcs8', format: 'pem' }));
});
afterAll(async () => {
  await mock.close();
  dir.cleanup();
});

const snippets = (backupFileName: string, keyId = mock.bootstrapKeyId) =>
  renderBotSnippets({ keyId, environment: 'demo', backupFileName });

/** Runs a program saved as `file` in the backup's folder with these extra variables. */
async function runProgram(language: 'python' | 'node', text: string, env: Record<string, string>) {
  const file = dir.write(language === 'python' ? 'kalshi_balance.py' : 'kalshi-balance.js', text);
  return run(language === 'python' ? 'python3' : process.execPath, [file], {
    cwd: dir.path,
    env: { ...process.env, [BASE_URL_VARIABLE]: mock.url, ...env },
  });
}

describe('renderBotSnippets', () => {
  it('fills in the key ID, the backup file and the environment host, and never a passphrase', () => {
    const { python, node } = renderBotSnippets({
      keyId: ' a952bcbe-ec3b-4b5b-b8f9-11dae589608c ',
      environment: 'production',
      backupFileName: 'my-bot-private-pkcs8.pem',
    });
    for (const text of [python, node]) {
      expect(text).toContain('"a952bcbe-ec3b-4b5b-b8f9-11dae589608c"');
      expect(text).toContain('"my-bot-private-pkcs8.pem"');
      expect(text).toContain('"https://external-api.kalshi.com"');
      expect(text).toContain('"/trade-api/v2/portfolio/balance"');
      expect(text).toContain(PASSPHRASE_VARIABLE);
      expect(text).toMatch(/KALSHI_API_BASE overrides the base URL/);
      expect(text).not.toMatch(/origin/i);
    }
    expect(
      renderBotSnippets({ keyId: '', environment: 'demo', backupFileName: 'k.pem' }).node,
    ).toContain('"https://external-api.demo.kalshi.co"');
  });

  it('writes a placeholder until the Kalshi key ID is known', () => {
    const { python } = renderBotSnippets({
      keyId: '',
      environment: 'demo',
      backupFileName: 'k.pem',
    });
    expect(python).toContain('KEY_ID = "PASTE-YOUR-KALSHI-KEY-ID"');
  });

  it.each(['python', 'node'] as const)(
    'the %s program signs with an encrypted backup and prints the balance (200), sending no Origin',
    async (language) => {
      const before = mock.requests.length;
      const { stdout } = await runProgram(language, snippets('bot-private-pkcs8.pem')[language], {
        [PASSPHRASE_VARIABLE]: PASSPHRASE,
      });
      expect(JSON.parse(stdout)).toMatchObject({ balance: 123456 });
      const [request] = mock.requests.slice(before);
      expect(request).toMatchObject({
        method: 'GET',
        path: '/trade-api/v2/portfolio/balance',
        status: 200,
      });
      expect(request!.headers.origin).toBeUndefined();
    },
  );

  it.each(['python', 'node'] as const)(
    'the %s program reads an unencrypted backup too',
    async (language) => {
      const { stdout } = await runProgram(language, snippets('bot-plain.pem')[language], {});
      expect(JSON.parse(stdout)).toMatchObject({ balance: 123456 });
    },
  );

  it.each(['python', 'node'] as const)(
    'the %s program fails loudly without the passphrase, or with a key Kalshi does not know',
    async (language) => {
      const missing = runProgram(language, snippets('bot-private-pkcs8.pem')[language], {});
      await expect(missing).rejects.toMatchObject({ stderr: expect.stringMatching(/passphrase/i) });
      const unknown = runProgram(
        language,
        snippets('bot-plain.pem', '00000000-0000-4000-8000-000000000000')[language],
        {},
      );
      await expect(unknown).rejects.toMatchObject({ stderr: expect.stringMatching(/401/) });
    },
  );
});

describe('a redirect', () => {
  // A server that sends every request on to another, which counts what reaches it.
  let elsewhere: { server: Server; hits: IncomingHttpHeaders[] };
  let redirecting: Server;
  beforeAll(async () => {
    const hits: IncomingHttpHeaders[] = [];
    elsewhere = {
      server: await listen((req, res) => (hits.push(req.headers), res.end('{}'))),
      hits,
    };
    const target = `http://127.0.0.1:${(elsewhere.server.address() as AddressInfo).port}`;
    redirecting = await listen((req, res) =>
      res.writeHead(302, { Location: target + req.url }).end(),
    );
  });
  afterAll(() => {
    elsewhere.server.close();
    redirecting.close();
  });

  it.each(['python', 'node'] as const)(
    'the %s program reports it and does not send the signed headers where it points',
    async (language) => {
      const text = snippets('bot-plain.pem')[language];
      const file = dir.write(language === 'python' ? 'redirected.py' : 'redirected.js', text);
      const port = (redirecting.address() as AddressInfo).port;
      const ran = run(language === 'python' ? 'python3' : process.execPath, [file], {
        cwd: dir.path,
        env: { ...process.env, [BASE_URL_VARIABLE]: `http://127.0.0.1:${port}` },
      });
      await expect(ran).rejects.toMatchObject({ stderr: expect.stringMatching(/^302\b/m) });
      expect(elsewhere.hits).toEqual([]);
    },
  );
});

function listen(handler: RequestListener): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The backup and the mock agree on the key (guards the fixture itself).
it('(the encrypted fixture is the mock key)', () => {
  const key = createPrivateKey({ key: dir.read('bot-private-pkcs8.pem'), passphrase: PASSPHRASE });
  expect(createPublicKey(key).export({ format: 'jwk' })).toEqual(
    publicKey.export({ format: 'jwk' }),
  );
});
