// The kalshi-keys command, installed from the tarball as a user's `npx kalshi-keys` runs it:
// every subcommand against openssl, node:crypto and the mock Kalshi.
import { execFileSync, spawn } from 'node:child_process';
import { constants, createHash, createPublicKey, sign as nodeSign, verify } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKalshiMock, type KalshiMock } from '../mock/kalshi-mock';
import { makeKey, makeTempDir, openssl, opensslBytes, TEST_PASSPHRASE } from '../helpers/openssl';
import { installScratch, run } from './packed';

const tmp = makeTempDir('kalshi-keys-cli-');
let bin: string;
let mock: KalshiMock;
let pkcs1: { pem: string; path: string };

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  run(bin, args, { env: { ...process.env, ...env } });

/** A bad-input failure: exit 2 and one line on stderr, nothing on stdout. */
function expectOneLineRefusal(result: Awaited<ReturnType<typeof cli>>, words: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^kalshi-keys: [^\n]+\n$/);
  expect(result.stderr).toMatch(words);
}

const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };

beforeAll(async () => {
  bin = join(installScratch('cli'), 'node_modules', '.bin', 'kalshi-keys');
  pkcs1 = makeKey(tmp, 'rsa-pkcs1');
  mock = await startKalshiMock({
    bootstrapPublicKeyPem: openssl(['pkey', '-in', pkcs1.path, '-pubout']),
  });
}, 60_000);
afterAll(async () => {
  await mock?.close();
  tmp.cleanup();
});

describe('kalshi-keys --help', () => {
  it.each(['sign', 'check', 'keygen', 'inspect'])('explains %s', async (command) => {
    const { code, stdout } = await cli([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: kalshi-keys ${command}`));
  });

  it('lists the commands', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/sign <METHOD> <PATH>[\s\S]*check[\s\S]*keygen[\s\S]*inspect FILE/);
  });
});

describe('kalshi-keys sign', () => {
  it('prints three headers that node:crypto verifies over timestamp + GET + path, query unsigned', async () => {
    const { code, stdout } = await cli([
      'sign',
      'GET',
      '/trade-api/v2/markets?status=open',
      '--key',
      pkcs1.path,
      '--key-id',
      'my-key-id',
    ]);
    expect(code).toBe(0);
    const headers = Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split(': ')),
    );
    expect(headers['KALSHI-ACCESS-KEY']).toBe('my-key-id');
    const message = `${headers['KALSHI-ACCESS-TIMESTAMP']}GET/trade-api/v2/markets`;
    const signature = Buffer.from(headers['KALSHI-ACCESS-SIGNATURE'], 'base64');
    const key = createPublicKey(pkcs1.pem);
    expect(verify('sha256', Buffer.from(message), { key, ...pss }, signature)).toBe(true);
  });

  it('--curl prints a command that gets 200 from Kalshi (the mock) when run in bash', async () => {
    const { code, stdout } = await cli([
      'sign',
      'GET',
      '/trade-api/v2/portfolio/balance',
      '--key',
      pkcs1.path,
      '--key-id',
      mock.bootstrapKeyId,
      '--base-url',
      mock.url,
      '--curl',
    ]);
    expect(code).toBe(0);
    const curl = await run('bash', ['-c', `${stdout.trim()} -sS -w '\\n%{http_code}'`]);
    expect(curl.stdout.trim().split('\n').at(-1)).toBe('200');
    expect(JSON.parse(curl.stdout.trim().split('\n')[0]!)).toMatchObject({ balance: 123456 });
  });

  it('--curl with --data POSTs a body, signed with an encrypted key read via --passphrase-env', async () => {
    const encrypted = makeKey(tmp, 'rsa-encrypted-pkcs8');
    const registered = await cli([
      'sign',
      'POST',
      '/trade-api/v2/api_keys',
      '--key',
      pkcs1.path,
      '--key-id',
      mock.bootstrapKeyId,
      '--base-url',
      mock.url,
      '--curl',
      '--data',
      JSON.stringify({
        name: 'cli',
        public_key: openssl([
          'pkey',
          '-in',
          encrypted.path,
          '-passin',
          `pass:${TEST_PASSPHRASE}`,
          '-pubout',
        ]),
      }),
    ]);
    const post = await run('bash', ['-c', `${registered.stdout.trim()} -sS`]);
    const { api_key_id: newId } = JSON.parse(post.stdout) as { api_key_id: string };
    expect(mock.registeredKeys.has(newId)).toBe(true);

    const signed = await cli(
      [
        'sign',
        'GET',
        '/trade-api/v2/portfolio/balance',
        '--key',
        encrypted.path,
        '--key-id',
        newId,
        '--base-url',
        mock.url,
        '--curl',
        '--passphrase-env',
        'MY_KEY_PASS',
      ],
      { MY_KEY_PASS: TEST_PASSPHRASE },
    );
    const curl = await run('bash', [
      '-c',
      `${signed.stdout.trim()} -sS -o /dev/null -w '%{http_code}'`,
    ]);
    expect(curl.stdout).toBe('200');
  });

  it('refuses bad input with one line and exit 2', async () => {
    expectOneLineRefusal(
      await cli(['sign', 'GET', '/trade-api/v2/x', '--key', tmp.file('none.pem'), '--key-id', 'k']),
      /none\.pem: no such file/,
    );
    expectOneLineRefusal(
      await cli(['sign', 'FETCH', '/trade-api/v2/x', '--key', pkcs1.path, '--key-id', 'k']),
      /FETCH is not GET, POST, PUT or DELETE/,
    );
    expectOneLineRefusal(
      await cli(['sign', 'GET', '/trade-api/v2/x', '--key', pkcs1.path]),
      /--key-id is missing/,
    );
    expectOneLineRefusal(
      await cli(['sign', 'GET', '/x', '--key', pkcs1.path, '--key-id', 'k', '--env', 'prod']),
      /--env prod is not an environment: use demo or production/,
    );
    expectOneLineRefusal(
      await cli(['sign', 'GET', '/x', '--passphrase', 'secret']),
      /Unknown option '--passphrase'/,
    );
    const encrypted = makeKey(tmp, 'rsa-encrypted-pkcs8');
    expectOneLineRefusal(
      await cli(['sign', 'GET', '/trade-api/v2/x', '--key', encrypted.path, '--key-id', 'k']),
      /no terminal to ask in: .*--passphrase-env/,
    );
  });

  it('names a wrong passphrase', async () => {
    const encrypted = makeKey(tmp, 'rsa-encrypted-pkcs8');
    const result = await cli(
      [
        'sign',
        'GET',
        '/trade-api/v2/x',
        '--key',
        encrypted.path,
        '--key-id',
        'k',
        '--passphrase-env',
        'P',
      ],
      { P: 'not the passphrase' },
    );
    expectOneLineRefusal(result, /passphrase/i);
  });
});

describe('kalshi-keys check', () => {
  const path = '/trade-api/v2/portfolio/balance';
  const signWith = (saltLength: number, timestamp = String(Date.now())) =>
    nodeSign('sha256', Buffer.from(`${timestamp}GET${path}`), {
      key: pkcs1.pem,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength,
    }).toString('base64');
  let publicKeyFile: string;
  beforeAll(() => {
    publicKeyFile = tmp.write('public.pem', openssl(['pkey', '-in', pkcs1.path, '-pubout']));
  });

  it('exits 0 with the words for a signature Kalshi accepts', async () => {
    const timestamp = String(Date.now());
    const result = await cli([
      'check',
      '--public-key',
      publicKeyFile,
      '--timestamp',
      timestamp,
      '--signature',
      signWith(32, timestamp),
      '--method',
      'GET',
      '--path',
      path,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Kalshi would accept this signature\./);
  });

  it('exits 1 with the words for a wrong salt length (node:crypto signing with salt 222)', async () => {
    const timestamp = String(Date.now());
    const result = await cli([
      'check',
      '--key',
      pkcs1.path,
      '--timestamp',
      timestamp,
      '--signature',
      signWith(222, timestamp),
      '--method',
      'GET',
      '--path',
      path,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Kalshi would reject this: .*salt/);
    expect(result.stdout).toMatch(/salt length 32/);
  });

  it('refuses a missing key or signature with one line and exit 2', async () => {
    expectOneLineRefusal(
      await cli([
        'check',
        '--timestamp',
        '1',
        '--signature',
        'x',
        '--method',
        'GET',
        '--path',
        path,
      ]),
      /Give one key/,
    );
    expectOneLineRefusal(
      await cli([
        'check',
        '--public-key',
        publicKeyFile,
        '--timestamp',
        '1',
        '--method',
        'GET',
        '--path',
        path,
      ]),
      /--signature is missing/,
    );
    expectOneLineRefusal(
      await cli([
        'check',
        '--public-key',
        pkcs1.path,
        '--timestamp',
        String(Date.now()),
        '--signature',
        'abc',
        '--method',
        'GET',
        '--path',
        path,
      ]),
      /private key/i,
    );
  });
});

describe('kalshi-keys keygen', () => {
  it('writes an encrypted PKCS#8 key that openssl opens with -passin, and prints its public key', async () => {
    const out = tmp.file('new-encrypted.pem');
    const result = await cli(['keygen', '--passphrase-env', 'NEW_KEY_PASS', '--out', out], {
      NEW_KEY_PASS: TEST_PASSPHRASE,
    });
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const fromOpenssl = execFileSync(
      'openssl',
      ['pkey', '-in', out, '-passin', 'env:NEW_KEY_PASS', '-pubout'],
      {
        env: { ...process.env, NEW_KEY_PASS: TEST_PASSPHRASE },
        encoding: 'utf8',
      },
    );
    expect(result.stdout).toBe(fromOpenssl);
    expect(
      openssl(['pkey', '-in', out, '-passin', `pass:${TEST_PASSPHRASE}`, '-noout', '-text']),
    ).toMatch(/Private-Key: \(2048 bit, 2 primes\)/);
  });

  it('writes a plain PKCS#8 key without a passphrase, and never over an existing file', async () => {
    const out = tmp.file('new-plain.pem');
    expect((await cli(['keygen', '--out', out])).code).toBe(0);
    expect(openssl(['pkey', '-in', out, '-noout', '-text'])).toMatch(/Private-Key: \(2048 bit/);
    const before = readFileSync(out, 'utf8');
    expectOneLineRefusal(
      await cli(['keygen', '--out', out]),
      /exists: choose another file, or pass --force/,
    );
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('asks for the passphrase twice at a terminal, without echo (util-linux script gives the terminal)', async () => {
    const out = tmp.file('asked.pem');
    const typed = 'typed at the prompt 42';
    const child = spawn('script', [
      '-qc',
      `${bin} keygen --ask-passphrase --out ${out}`,
      '/dev/null',
    ]);
    let seen = '';
    let answered = 0;
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      // Each answer only once its question is on screen, as a person types.
      const asked = (seen.match(/Passphrase: |The same passphrase again: /g) ?? []).length;
      if (asked > answered) {
        answered++;
        child.stdin.write(`${typed}\r`);
      }
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(seen).toContain('The same passphrase again: ');
    expect(seen).not.toContain(typed);
    expect(openssl(['pkey', '-in', out, '-passin', `pass:${typed}`, '-noout', '-text'])).toMatch(
      /Private-Key: \(2048 bit/,
    );
  });

  it('refuses a short passphrase and a missing variable', async () => {
    expectOneLineRefusal(
      await cli(['keygen', '--out', tmp.file('short.pem'), '--passphrase-env', 'P'], {
        P: 'short',
      }),
      /shorter than 12 characters/,
    );
    expectOneLineRefusal(
      await cli(['keygen', '--out', tmp.file('unset.pem'), '--passphrase-env', 'NOT_SET_ANYWHERE']),
      /NOT_SET_ANYWHERE .* not set/,
    );
  });
});

describe('kalshi-keys inspect', () => {
  const fingerprint = (pem: string, passin: string[] = []) =>
    `SHA256:${createHash('sha256')
      .update(opensslBytes(['pkey', ...passin, '-pubout', '-outform', 'DER'], pem))
      .digest('base64')
      .replace(/=+$/, '')}`;

  it("names Kalshi's PKCS#1 download, its size and the fingerprint openssl computes", async () => {
    const result = await cli(['inspect', pkcs1.path]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Format:      PKCS#1 RSA private key, as Kalshi downloads it (PEM)',
    );
    expect(result.stdout).toContain('Size:        RSA 2048 bits');
    expect(result.stdout).toContain(`Fingerprint: ${fingerprint(pkcs1.pem)}`);
    expect(result.stdout).toContain('Kalshi:      can use it');
  });

  it('reads a DER key, an encrypted key and a public key', async () => {
    const der = tmp.write(
      'key.der',
      opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-in', pkcs1.path, '-outform', 'DER']),
    );
    expect((await cli(['inspect', der])).stdout).toContain('PKCS#8 private key (DER)');
    const encrypted = makeKey(tmp, 'rsa-encrypted-pkcs8');
    const result = await cli(['inspect', encrypted.path, '--passphrase-env', 'P'], {
      P: TEST_PASSPHRASE,
    });
    expect(result.stdout).toContain('PKCS#8 private key, encrypted with a passphrase (PEM)');
    expect(result.stdout).toContain(
      `Fingerprint: ${fingerprint(encrypted.pem, ['-passin', `pass:${TEST_PASSPHRASE}`])}`,
    );
    const pub = tmp.write('pub.pem', openssl(['pkey', '-in', pkcs1.path, '-pubout']));
    expect((await cli(['inspect', pub])).stdout).toContain(
      `Fingerprint: ${fingerprint(pkcs1.pem)}`,
    );
  });

  it('exits 1 for keys Kalshi cannot use, 2 for files that are not keys', async () => {
    const ec = await cli(['inspect', makeKey(tmp, 'ec-pkcs8').path]);
    expect(ec.code).toBe(1);
    expect(ec.stdout).toMatch(/Kalshi: +cannot use it\./);
    const small = await cli(['inspect', makeKey(tmp, 'rsa-pkcs1', 1024).path]);
    expect(small.code).toBe(1);
    expect(small.stdout).toMatch(/cannot use it\..*2048/);
    writeFileSync(tmp.file('notes.txt'), 'my kalshi key id is 1234\n');
    expectOneLineRefusal(await cli(['inspect', tmp.file('notes.txt')]), /./);
  });
});
