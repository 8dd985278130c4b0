// Passphrase-protected keys (issue 14 items 1 and 2), checked against independent implementations:
// backups we encrypt are opened by the openssl CLI and by Python's cryptography; keys openssl,
// Python and node:crypto encrypt are opened by us. Only a few tests pay for 600,000 iterations
// (about 0.5 s each in Node); the variant tables use low counts, which import must accept.
import { execFileSync } from 'node:child_process';
import {
  createCipheriv,
  createPrivateKey,
  createPublicKey,
  pbkdf2Sync,
  randomBytes,
} from 'node:crypto';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyFormatError, type KeyFormatErrorCode } from '../../src/core/errors';
import { exportPublicKeyPem, generateKeyPair } from '../../src/core/keys';
import { exportPrivateKeyPem, importPrivateKeyPem } from '../../src/core/key-files';
import { makeKey, openssl } from '../helpers/openssl';
import { opensslKeyForFile } from '../helpers/openssl-key';

const CONVERT = 'openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-aes.pem';

const plain = opensslKeyForFile('rsa-pkcs8');

/** `openssl pkcs8 -topk8` of the test key with these options; returns the encrypted PEM. */
function opensslEncrypt(passphrase: string, ...options: string[]): string {
  const out = plain.dir.file(`enc-${Math.random().toString(36).slice(2)}.pem`);
  openssl([
    'pkcs8',
    '-topk8',
    ...options,
    '-in',
    plain.path,
    '-passout',
    `pass:${passphrase}`,
    '-out',
    out,
  ]);
  return plain.dir.read(out.slice(plain.dir.path.length + 1));
}

/** What importPrivateKeyPem throws for `pem` with these options. */
async function refusal(pem: string, passphrase?: string): Promise<KeyFormatError> {
  const error = await importPrivateKeyPem(pem, { passphrase }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KeyFormatError);
  return error as KeyFormatError;
}

/** Python `cryptography` (the given interpreter) opens `path` and prints its SPKI PEM. */
function pythonPublicPem(python: string, path: string, passphrase: string): string {
  return execFileSync(
    python,
    [
      '-c',
      `import os, sys
from cryptography.hazmat.primitives import serialization as s
key = s.load_pem_private_key(open(sys.argv[1], 'rb').read(), password=os.environ['PASS'].encode())
sys.stdout.write(key.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode())`,
      path,
    ],
    { env: { ...process.env, PASS: passphrase } },
  ).toString();
}

/** Python's default encryption (BestAvailableEncryption) of the test key. */
function pythonEncrypt(python: string, passphrase: string): string {
  return execFileSync(
    python,
    [
      '-c',
      `import os, sys
from cryptography.hazmat.primitives import serialization as s
key = s.load_pem_private_key(open(sys.argv[1], 'rb').read(), password=None)
sys.stdout.write(key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.BestAvailableEncryption(os.environ['PASS'].encode())).decode())`,
      plain.path,
    ],
    { env: { ...process.env, PASS: passphrase } },
  ).toString();
}

// pyenv's Python (cryptography 48) and Debian's python3-cryptography (38), where installed.
const PYTHONS = ['python3', '/usr/bin/python3'].filter((p) => p === 'python3' || existsSync(p));

describe('exportPrivateKeyPem with a passphrase', () => {
  const passphrases = ['correct horse battery staple', 'Grüße, 密码 🔑'];
  let backups: { passphrase: string; pem: string; path: string }[];
  let ourPublic: string;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair({ extractable: true });
    ourPublic = await exportPublicKeyPem(publicKey);
    backups = [];
    for (const [i, passphrase] of passphrases.entries()) {
      const pem = await exportPrivateKeyPem(privateKey, 'pkcs8', { passphrase });
      backups.push({ passphrase, pem, path: plain.dir.write(`backup-${i}.pem`, pem) });
    }
  });

  it('writes ENCRYPTED PRIVATE KEY that openssl pkey opens (-passin) to the same key', () => {
    for (const { pem, path, passphrase } of backups) {
      expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      expect(openssl(['pkey', '-in', path, '-passin', `pass:${passphrase}`, '-pubout'])).toBe(
        ourPublic,
      );
    }
  });

  it.each(PYTHONS)('which Python cryptography (%s) opens to the same key', (python) => {
    for (const { path, passphrase } of backups) {
      expect(pythonPublicPem(python, path, passphrase)).toBe(ourPublic);
    }
  });

  it('is PBES2, PBKDF2 with hmacWithSHA256 and 600,000 iterations, a 16-byte salt, AES-256-CBC with a 16-byte IV: fresh each time', () => {
    const parsed = backups.map(({ path }) => openssl(['asn1parse', '-in', path]));
    for (const text of parsed) {
      expect(text).toMatch(/OBJECT\s+:PBES2/);
      expect(text).toMatch(/OBJECT\s+:PBKDF2/);
      expect(text).toMatch(/OBJECT\s+:hmacWithSHA256/);
      expect(text).toMatch(/OBJECT\s+:aes-256-cbc/);
      // 600,000 = 0x0927C0
      expect(text).toMatch(/INTEGER\s+:0927C0/);
      expect(text.match(/l=\s*16 prim: OCTET STRING/g)).toHaveLength(2);
    }
    const octets = (text: string) => text.match(/OCTET STRING\s+\[HEX DUMP\]:\w+/g);
    expect(octets(parsed[0]!)).not.toEqual(octets(parsed[1]!));
  });

  it('imports back with its passphrase (here, in Node) as the same key', async () => {
    const { passphrase, pem } = backups[1]!;
    const { publicKey, privateKey } = await importPrivateKeyPem(pem, { passphrase });
    expect(await exportPublicKeyPem(publicKey)).toBe(ourPublic);
    expect(privateKey.extractable).toBe(false);
  });

  it('refuses a passphrase for PKCS#1, and a non-extractable key, as before', async () => {
    const { privateKey } = await generateKeyPair({ extractable: true });
    await expect(exportPrivateKeyPem(privateKey, 'pkcs1', { passphrase: 'x' })).rejects.toThrow(
      TypeError,
    );
    const locked = await generateKeyPair();
    await expect(
      exportPrivateKeyPem(locked.privateKey, 'pkcs8', { passphrase: 'x' }),
    ).rejects.toMatchObject({ code: 'not-extractable' });
  });
});

describe('importPrivateKeyPem with a passphrase', () => {
  const CIPHERS = ['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc'];
  const PRFS = ['hmacWithSHA1', 'hmacWithSHA256', 'hmacWithSHA384', 'hmacWithSHA512'];
  const variants = CIPHERS.flatMap((cipher) => PRFS.map((prf) => [cipher, prf]));

  it.each(variants)('opens openssl -v2 %s -v2prf %s (low -iter)', async (cipher, prf) => {
    const pem = opensslEncrypt('pass phrase', '-v2', cipher, '-v2prf', prf, '-iter', '1000');
    // openssl leaves out the PRF for its default, hmacWithSHA1: the absent field is read as SHA-1.
    expect(/OBJECT\s+:hmacWith/.test(openssl(['asn1parse'], pem))).toBe(prf !== 'hmacWithSHA1');
    const { publicKey } = await importPrivateKeyPem(pem, { passphrase: 'pass phrase' });
    expect(await exportPublicKeyPem(publicKey)).toBe(plain.publicPem);
  });

  it.each([
    [
      'openssl pkcs8 -topk8 defaults (2048 iterations, AES-256-CBC, HMAC-SHA256)',
      () => opensslEncrypt('secret'),
    ],
    [
      'openssl genpkey -aes256',
      () => {
        const out = plain.dir.file('genpkey-aes.pem');
        openssl(['genpkey', '-algorithm', 'RSA', '-aes256', '-pass', 'pass:secret', '-out', out]);
        return plain.dir.read('genpkey-aes.pem');
      },
    ],
    ...PYTHONS.map((python): [string, () => string] => [
      `Python ${python} BestAvailableEncryption`,
      () => pythonEncrypt(python, 'secret'),
    ]),
    [
      'node:crypto export with cipher aes-256-cbc',
      () =>
        createPrivateKey(plain.pem).export({
          type: 'pkcs8',
          format: 'pem',
          cipher: 'aes-256-cbc',
          passphrase: 'secret',
        }) as string,
    ],
  ])('opens what %s writes', async (_name, make) => {
    const pem = make();
    expect(pem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    const { publicKey } = await importPrivateKeyPem(pem, { passphrase: 'secret' });
    // The same key openssl reads out of the file.
    const expected = openssl(['pkey', '-passin', 'pass:secret', '-pubout'], pem);
    expect(await exportPublicKeyPem(publicKey)).toBe(expected);
  });

  it('opens an empty passphrase (openssl writes such files), which is not "no passphrase"', async () => {
    const pem = opensslEncrypt('', '-iter', '1000');
    expect((await refusal(pem)).code).toBe('passphrase-required');
    const { publicKey } = await importPrivateKeyPem(pem, { passphrase: '' });
    expect(await exportPublicKeyPem(publicKey)).toBe(plain.publicPem);
  });

  it('reads non-ASCII passphrases as UTF-8, as openssl does, and retries once NFC-normalised', async () => {
    const composed = 'café Ωμέγα 密码 🔑';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const fromComposed = opensslEncrypt(composed, '-iter', '1000');
    const fromDecomposed = opensslEncrypt(decomposed, '-iter', '1000');
    // Typed as encrypted, and typed decomposed for a key made with the composed form (a keyboard
    // that types e + U+0301 for é).
    for (const [pem, typed] of [
      [fromComposed, composed],
      [fromDecomposed, decomposed],
      [fromComposed, decomposed],
    ]) {
      const { publicKey } = await importPrivateKeyPem(pem!, { passphrase: typed });
      expect(await exportPublicKeyPem(publicKey)).toBe(plain.publicPem);
    }
    // Another spelling is another passphrase.
    expect((await refusal(fromComposed, composed.toUpperCase())).code).toBe('wrong-passphrase');
  });

  it('asks for a passphrase when none is given, and refuses a wrong one with wrong-passphrase', async () => {
    const pem = opensslEncrypt('right', '-iter', '1000');
    const missing = await refusal(pem);
    expect(missing.code).toBe('passphrase-required');
    expect(missing.message).toMatch(/encrypted: enter its passphrase/);
    for (const wrong of ['wrong', 'Right', 'right ', '']) {
      const error = await refusal(pem, wrong);
      expect(error.code).toBe('wrong-passphrase');
      expect(error.message).toMatch(/passphrase does not open this key/);
    }
  });

  it('also reads a binary DER encrypted key (keyFileText armors it)', async () => {
    const der = execFileSync('openssl', [
      'pkcs8',
      '-topk8',
      '-in',
      plain.path,
      '-outform',
      'DER',
      '-iter',
      '1000',
      '-passout',
      'pass:x',
    ]);
    const { keyFileText } = await import('../../src/core/key-files');
    const { publicKey } = await importPrivateKeyPem(keyFileText(der, 'k.der'), { passphrase: 'x' });
    expect(await exportPublicKeyPem(publicKey)).toBe(plain.publicPem);
  });
});

describe('importPrivateKeyPem refuses what browsers cannot decrypt, with the command that converts it', () => {
  const traditional = () => {
    const pkcs1 = makeKey(plain.dir, 'rsa-pkcs1');
    const out = plain.dir.file('traditional.pem');
    openssl([
      'rsa',
      '-in',
      pkcs1.path,
      '-aes256',
      '-traditional',
      '-passout',
      'pass:x',
      '-out',
      out,
    ]);
    return plain.dir.read('traditional.pem');
  };
  const legacy = ['-provider', 'legacy', '-provider', 'default'];
  const cases: [string, () => string, RegExp, boolean][] = [
    ['scrypt (-scrypt)', () => opensslEncrypt('x', '-scrypt', '-scrypt_N', '1024'), /scrypt/, true],
    [
      'PKCS#12 PBE (-v1 PBE-SHA1-3DES)',
      () => opensslEncrypt('x', '-v1', 'PBE-SHA1-3DES'),
      /PKCS#12/,
      true,
    ],
    [
      'PBES1 (-v1 PBE-MD5-DES, legacy provider)',
      () => opensslEncrypt('x', ...legacy, '-v1', 'PBE-MD5-DES'),
      /PBES1/,
      false,
    ],
    ['3DES in PBES2 (-v2 des3)', () => opensslEncrypt('x', '-v2', 'des3'), /3DES/, true],
    [
      'RC2 in PBES2 (-v2 rc2-cbc, legacy provider)',
      () => opensslEncrypt('x', ...legacy, '-v2', 'rc2-cbc'),
      /RC2/,
      false,
    ],
    [
      'hmacWithSHA224',
      () => opensslEncrypt('x', '-v2prf', 'hmacWithSHA224', '-iter', '1000'),
      /HMAC-SHA-224/,
      true,
    ],
    [
      'the traditional Proc-Type: 4,ENCRYPTED form (openssl rsa -aes256 -traditional)',
      traditional,
      /Proc-Type: 4,ENCRYPTED/,
      true,
    ],
  ];

  it.each(cases)('%s', async (_name, make, named, convertible) => {
    const pem = make();
    // Refused before any passphrase is asked for, and with the right one too.
    for (const passphrase of [undefined, 'x']) {
      const error = await refusal(pem, passphrase);
      expect(error.code).toBe('unsupported-encryption');
      expect(error.message).toMatch(named);
      expect(error.message).toContain(CONVERT);
    }
    if (!convertible) return;
    // The command does what the message says: its output imports with the new passphrase.
    const input = plain.dir.write('key.pem', pem);
    const output = plain.dir.file('key-aes.pem');
    openssl([
      ...CONVERT.split(' ')
        .slice(1)
        .map((a) => (a === 'key.pem' ? input : a === 'key-aes.pem' ? output : a)),
      '-passin',
      'pass:x',
      '-passout',
      'pass:new',
    ]);
    const { publicKey } = await importPrivateKeyPem(plain.dir.read('key-aes.pem'), {
      passphrase: 'new',
    });
    expect(createPublicKey(await exportPublicKeyPem(publicKey)).export({ format: 'jwk' })).toEqual(
      createPublicKey(createPrivateKey({ key: pem, passphrase: 'x' })).export({ format: 'jwk' }),
    );
  });

  it('refuses AES-192 with unsupported-encryption where WebCrypto lacks it (Chromium)', async () => {
    const pem = opensslEncrypt('x', '-v2', 'aes-192-cbc', '-iter', '1000');
    const { importKey } = crypto.subtle;
    const subtle = crypto.subtle as { importKey: typeof importKey };
    // Chromium's answer to a 192-bit AES key, played here by Node's WebCrypto.
    subtle.importKey = function (this: SubtleCrypto, ...args: Parameters<typeof importKey>) {
      const [format, key, algorithm] = args;
      if (format === 'raw' && algorithm === 'AES-CBC' && (key as Uint8Array).length === 24)
        return Promise.reject(
          new DOMException('192-bit AES keys are not supported', 'OperationError'),
        );
      return importKey.apply(this, args);
    } as typeof importKey;
    try {
      const error = await refusal(pem, 'x');
      expect(error.code).toBe('unsupported-encryption');
      expect(error.message).toMatch(/AES-192-CBC in this browser/);
    } finally {
      subtle.importKey = importKey;
    }
  });
});

// ---- hand-built files: fields openssl never writes, and hostile ones ----

/** A DER element (tag, length, content). */
function tlv(tag: number, ...parts: Uint8Array[]): Buffer {
  const content = Buffer.concat(parts);
  const n = content.length;
  const length = n < 128 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), content]);
}
const oid = (hex: string) => tlv(6, Buffer.from(hex, 'hex'));
const int = (n: number) => {
  const bytes: number[] = [];
  for (let v = n; v; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  if (!bytes.length || bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(2, Buffer.from(bytes));
};

/**
 * EncryptedPrivateKeyInfo made with node:crypto's PBKDF2 and AES-256-CBC, with the optional
 * keyLength field and a PRF without NULL parameters (both allowed by RFC 8018, written by neither
 * openssl nor Python), or with `iterations` beyond the limit (not derived: refused first).
 */
function handBuilt(passphrase: string, iterations: number, body: Buffer): string {
  const salt = randomBytes(8);
  const iv = randomBytes(16);
  const derived =
    iterations > 100_000 || iterations < 1
      ? randomBytes(32)
      : pbkdf2Sync(passphrase, salt, iterations, 32, 'sha512');
  const cipher = createCipheriv('aes-256-cbc', derived, iv);
  const data = Buffer.concat([cipher.update(body), cipher.final()]);
  const der = tlv(
    0x30,
    tlv(
      0x30,
      oid('2a864886f70d01050d'), // PBES2
      tlv(
        0x30,
        tlv(
          0x30,
          oid('2a864886f70d01050c'), // PBKDF2
          tlv(0x30, tlv(4, salt), int(iterations), int(32), tlv(0x30, oid('2a864886f70d020b'))),
        ),
        tlv(0x30, oid('60864801650304012a'), tlv(4, iv)),
      ),
    ),
    tlv(4, data),
  );
  return `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${der.toString('base64')}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
}

describe('hand-built encrypted keys', () => {
  const pkcs8 = () => createPrivateKey(plain.pem).export({ type: 'pkcs8', format: 'der' });

  it('reads an optional keyLength and a PRF without parameters', async () => {
    const { publicKey } = await importPrivateKeyPem(handBuilt('pw', 1000, pkcs8()), {
      passphrase: 'pw',
    });
    expect(await exportPublicKeyPem(publicKey)).toBe(plain.publicPem);
  });

  it('takes a body that decrypts with valid padding but is no key for a wrong passphrase', async () => {
    // What about 1 in 256 wrong passphrases produce: padding that checks, then noise.
    const error = await refusal(handBuilt('pw', 1000, randomBytes(1200)), 'pw');
    expect(error.code).toBe('wrong-passphrase');
  });

  it.each<[string, number, KeyFormatErrorCode]>([
    ['10,000,001 iterations', 10_000_001, 'iterations-too-high'],
    ['2^31 iterations', 2 ** 31, 'iterations-too-high'],
    ['a 9-byte iteration count', 2 ** 64, 'iterations-too-high'],
    ['zero iterations', 0, 'malformed-der'],
  ])('refuses %s at once, before any key derivation', async (_name, iterations, code) => {
    const started = performance.now();
    const error = await refusal(handBuilt('pw', iterations, pkcs8()), 'pw');
    expect(error.code).toBe(code);
    expect(performance.now() - started).toBeLessThan(500);
    if (code === 'iterations-too-high') expect(error.message).toContain(CONVERT);
  });

  it('refuses a truncated encrypted key as damaged', async () => {
    const pem = opensslEncrypt('x', '-iter', '1000');
    const lines = pem.trim().split('\n');
    const cut = [...lines.slice(0, 5), lines.at(-1)].join('\n');
    expect((await refusal(cut, 'x')).code).toBe('malformed-der');
  });
});
