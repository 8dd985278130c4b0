// Keys, checked the way a user would: against keys openssl and node:crypto make, and with
// openssl/node:crypto reading back what we export.
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KeyFormatError, type KeyFormatErrorCode } from '../../src/core/errors';
import {
  describePublicKey,
  exportPublicKeyPem,
  generateKeyPair,
  isRsaEncryptionSpki,
  publicKeyFingerprint,
} from '../../src/core/keys';
import { exportPrivateKeyPem, importPrivateKeyPem } from '../../src/core/key-files';
import { signRequest } from '../../src/core/signing';
import {
  makeCertificate,
  makeKey,
  makeTempDir,
  nodeVerifyPss,
  openssl,
  opensslBytes,
  opensslPublicPem,
  type KeyKind,
  type TempDir,
} from '../helpers/openssl';
import { nodeRsaKey } from '../helpers/keys';

let dir: TempDir;
const keys = {} as Record<
  'pkcs8' | 'pkcs1' | 'pss' | 'nodePkcs8' | 'nodePkcs1' | 'big',
  { pem: string; path: string }
>;

beforeAll(() => {
  dir = makeTempDir();
  keys.pkcs8 = makeKey(dir, 'rsa-pkcs8');
  keys.pkcs1 = makeKey(dir, 'rsa-pkcs1');
  keys.pss = makeKey(dir, 'rsa-pss-pkcs8');
  keys.nodePkcs8 = makeKey(dir, 'node-pkcs8');
  keys.nodePkcs1 = makeKey(dir, 'node-pkcs1');
  keys.big = makeKey(dir, 'rsa-pkcs1', 4096);
}, 120_000);
afterAll(() => dir.cleanup());

/** Signs a request with our key and has node:crypto verify it with the openssl-derived public key. */
async function signsForOpenssl(privateKey: CryptoKey, publicPem: string): Promise<boolean> {
  const headers = await signRequest(privateKey, {
    keyId: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
    method: 'GET',
    path: '/trade-api/v2/portfolio/balance',
  });
  const message = `${headers['KALSHI-ACCESS-TIMESTAMP']}GET/trade-api/v2/portfolio/balance`;
  return nodeVerifyPss(publicPem, message, headers['KALSHI-ACCESS-SIGNATURE']);
}

function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64');
}
function pemOf(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END ${label}-----\n`;
}

describe('generateKeyPair', () => {
  it('makes RSA-PSS 2048-bit keys, e = 65537, SHA-256, private non-extractable by default', async () => {
    const { privateKey, publicKey } = await generateKeyPair();
    expect(privateKey.algorithm).toMatchObject({
      name: 'RSA-PSS',
      modulusLength: 2048,
      hash: { name: 'SHA-256' },
    });
    expect([...(privateKey.algorithm as RsaHashedKeyAlgorithm).publicExponent]).toEqual([1, 0, 1]);
    expect(privateKey.extractable).toBe(false);
    expect(publicKey.extractable).toBe(true);
    await expect(crypto.subtle.exportKey('pkcs8', privateKey)).rejects.toThrow();
  });

  it('is extractable only when asked', async () => {
    const { privateKey } = await generateKeyPair({ extractable: true });
    expect(privateKey.extractable).toBe(true);
    expect(await exportPrivateKeyPem(privateKey)).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('exports a public key openssl reads as a 2048-bit RSA key with exponent 65537', async () => {
    const pem = await exportPublicKeyPem((await generateKeyPair()).publicKey);
    const text = openssl(['pkey', '-pubin', '-noout', '-text'], pem);
    expect(text).toContain('Public-Key: (2048 bit)');
    expect(text).toContain('Exponent: 65537 (0x10001)');
    // openssl re-encodes it identically: the same bytes Kalshi's "RSA public key" field gets.
    expect(openssl(['pkey', '-pubin', '-pubout'], pem)).toBe(pem);
  });

  it('signs requests that node:crypto verifies with the exported public key', async () => {
    const pair = await generateKeyPair();
    expect(await signsForOpenssl(pair.privateKey, await exportPublicKeyPem(pair.publicKey))).toBe(
      true,
    );
  });

  it('exports rsaEncryption even where the engine writes the RSASSA-PSS OID (same modulus)', async () => {
    // No engine at hand writes it (Node, Chromium and Firefox write rsaEncryption), so exportKey
    // hands over what `generateKeyPairSync('rsa-pss')` exports: the path der.ts loads for.
    const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).publicKey;
    const engineSpki = pss.export({ type: 'spki', format: 'der' });
    expect(isRsaEncryptionSpki(engineSpki)).toBe(false);
    const exportKey = vi
      .spyOn(crypto.subtle, 'exportKey')
      .mockResolvedValue(
        engineSpki.buffer.slice(
          engineSpki.byteOffset,
          engineSpki.byteOffset + engineSpki.byteLength,
        ) as ArrayBuffer,
      );
    try {
      const pem = await exportPublicKeyPem({ type: 'public' } as CryptoKey);
      expect(openssl(['asn1parse'], pem)).toContain(':rsaEncryption');
      const modulus = (spkiPem: string) =>
        openssl(['rsa', '-pubin', '-modulus', '-noout'], spkiPem);
      expect(modulus(pem)).toBe(modulus(pss.export({ type: 'spki', format: 'pem' }) as string));
    } finally {
      exportKey.mockRestore();
    }
    const rsa = nodeRsaKey(4096).publicKey;
    expect(isRsaEncryptionSpki(rsa.export({ type: 'spki', format: 'der' }))).toBe(true);
  });

  it('describes a public key with the same PEM and fingerprint as the two exports', async () => {
    const { publicKey } = await generateKeyPair();
    expect(await describePublicKey(publicKey)).toEqual({
      publicKeyPem: await exportPublicKeyPem(publicKey),
      fingerprint: await publicKeyFingerprint(publicKey),
    });
  });

  it('refuses options that are not an object with a boolean', async () => {
    await expect(
      generateKeyPair({ extractable: 'yes' as unknown as boolean }),
    ).rejects.toBeInstanceOf(TypeError);
  });
});

describe('importPrivateKeyPem accepts keys made elsewhere', () => {
  const kinds: Array<[string, keyof typeof keys]> = [
    ['openssl genpkey (PKCS#8 PRIVATE KEY)', 'pkcs8'],
    ['openssl genrsa -traditional (PKCS#1 RSA PRIVATE KEY, as Kalshi downloads)', 'pkcs1'],
    ['node:crypto PKCS#8', 'nodePkcs8'],
    ['node:crypto PKCS#1', 'nodePkcs1'],
    ['a 4096-bit key', 'big'],
  ];

  it.each(kinds)(
    '%s: derived public PEM equals openssl pkey -pubout byte for byte',
    async (_name, which) => {
      const { privateKey, publicKey } = await importPrivateKeyPem(keys[which].pem);
      const expected = opensslPublicPem(keys[which].path);
      expect(await exportPublicKeyPem(publicKey)).toBe(expected);
      expect(privateKey.extractable).toBe(false);
      expect(privateKey.usages).toEqual(['sign']);
      expect(publicKey.usages).toEqual(['verify']);
      expect(await signsForOpenssl(privateKey, expected)).toBe(true);
    },
  );

  it('a 4096-bit key reports its size', async () => {
    const { privateKey } = await importPrivateKeyPem(keys.big.pem);
    expect((privateKey.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(4096);
  });

  it('an RSASSA-PSS-OID key (openssl genpkey -algorithm RSA-PSS), signing what node verifies', async () => {
    const { privateKey, publicKey } = await importPrivateKeyPem(keys.pss.pem);
    // Same modulus as openssl sees, whatever OID each side writes.
    const ours = openssl(
      ['rsa', '-pubin', '-modulus', '-noout'],
      await exportPublicKeyPem(publicKey),
    );
    expect(ours).toBe(openssl(['rsa', '-in', keys.pss.path, '-modulus', '-noout']));
    expect(await signsForOpenssl(privateKey, await exportPublicKeyPem(publicKey))).toBe(true);
  });

  const wrappings: Array<[string, (pem: string) => string]> = [
    [
      'inside a downloaded .txt with a key ID line',
      (p) => `Key ID: a952bcbe-ec3b-4b5b-b8f9-11dae589608c\nPrivate key:\n${p}\nKeep this safe.\n`,
    ],
    ['with CRLF line endings', (p) => p.replace(/\n/g, '\r\n')],
    [
      'indented, as pasted from an email or YAML',
      (p) =>
        p
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n'),
    ],
    ['with the body on one line', (p) => oneLineBody(p)],
    ['with every line break stripped', (p) => p.replace(/\n/g, '')],
    ['with line breaks turned into spaces', (p) => p.replace(/\n/g, ' ')],
    ['with literal \\n from an env var', (p) => `KALSHI_PRIVATE_KEY="${p.replace(/\n/g, '\\n')}"`],
    ['with literal \\r\\n from JSON', (p) => JSON.stringify({ key: p.replace(/\n/g, '\r\n') })],
    [
      'escaped twice (\\\\n), as JSON inside a JSON secret',
      (p) => JSON.stringify({ secret: JSON.stringify({ key: p }) }),
    ],
    [
      'with tabs and trailing spaces',
      (p) =>
        p
          .split('\n')
          .map((l) => `\t${l}  `)
          .join('\n'),
    ],
    [
      'quoted in an email reply, twice',
      (p) =>
        p
          .split('\n')
          .map((l) => `> > ${l}`)
          .join('\n'),
    ],
    [
      'with non-breaking spaces from a mail or web page, in the labels too',
      (p) => p.replace(/ /g, '\u00a0').replace(/\n/g, '\u00a0\n'),
    ],
    ['after a public key in the same file', (p) => opensslPublicPem(keys.pkcs1.path) + p],
    ['after a certificate in the same file', (p) => makeCertificate(dir).certPem + p],
  ];

  it.each(wrappings)('a PKCS#1 key %s', async (_name, wrap) => {
    const { publicKey } = await importPrivateKeyPem(wrap(keys.pkcs1.pem));
    expect(await exportPublicKeyPem(publicKey)).toBe(opensslPublicPem(keys.pkcs1.path));
  });

  it('is extractable only when asked', async () => {
    const { privateKey } = await importPrivateKeyPem(keys.pkcs8.pem, { extractable: true });
    expect(privateKey.extractable).toBe(true);
  });

  it('gives the fingerprint openssl computes over the SPKI DER', async () => {
    const der = opensslBytes(['pkey', '-in', keys.pkcs1.path, '-pubout', '-outform', 'DER']);
    const digest = opensslBytes(['dgst', '-sha256', '-binary'], der);
    const { publicKey } = await importPrivateKeyPem(keys.pkcs1.pem);
    expect(await publicKeyFingerprint(publicKey)).toBe(
      `SHA256:${digest.toString('base64').replace(/=+$/, '')}`,
    );
  });
});

function oneLineBody(pem: string): string {
  const lines = pem.trim().split('\n');
  return `${lines[0]}\n${lines.slice(1, -1).join('')}\n${lines[lines.length - 1]}\n`;
}

describe('exportPrivateKeyPem', () => {
  it('PKCS#8 output is what openssl pkey prints for the original key, and re-imports', async () => {
    const { privateKey, publicKey } = await importPrivateKeyPem(keys.pkcs1.pem, {
      extractable: true,
    });
    const pem = await exportPrivateKeyPem(privateKey, 'pkcs8');
    expect(pem.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
    expect(openssl(['pkey', '-in', dir.write('export.p8.pem', pem)])).toBe(
      openssl(['pkey', '-in', keys.pkcs1.path]),
    );
    const again = await importPrivateKeyPem(pem);
    expect(await exportPublicKeyPem(again.publicKey)).toBe(await exportPublicKeyPem(publicKey));
  });

  it('PKCS#1 output is what openssl rsa -traditional prints for the original key, and re-imports', async () => {
    const { privateKey } = await importPrivateKeyPem(keys.pkcs8.pem, { extractable: true });
    const pem = await exportPrivateKeyPem(privateKey, 'pkcs1');
    expect(pem.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    const path = dir.write('export.p1.pem', pem);
    expect(openssl(['rsa', '-in', path, '-traditional'])).toBe(
      openssl(['rsa', '-in', keys.pkcs8.path, '-traditional']),
    );
    expect(openssl(['rsa', '-in', path, '-check', '-noout'])).toContain('RSA key ok');
    const again = await importPrivateKeyPem(pem);
    expect(await exportPublicKeyPem(again.publicKey)).toBe(opensslPublicPem(keys.pkcs8.path));
  });

  it('defaults to PKCS#8, in 64 columns with a trailing newline', async () => {
    const { privateKey } = await generateKeyPair({ extractable: true });
    const pem = await exportPrivateKeyPem(privateKey);
    const body = pem.split('\n').slice(1, -2);
    expect(pem.endsWith('-----END PRIVATE KEY-----\n')).toBe(true);
    expect(body.slice(0, -1).every((line) => line.length === 64)).toBe(true);
    expect(createPrivateKey(pem).asymmetricKeyDetails).toMatchObject({
      modulusLength: 2048,
      publicExponent: 65537n,
    });
  });

  it('refuses a non-extractable key with a coded error that explains why', async () => {
    const { privateKey } = await importPrivateKeyPem(keys.pkcs1.pem);
    await expect(crypto.subtle.exportKey('pkcs8', privateKey)).rejects.toThrow();
    for (const format of ['pkcs8', 'pkcs1'] as const) {
      const error = await exportPrivateKeyPem(privateKey, format).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KeyFormatError);
      expect(error).toMatchObject({ code: 'not-extractable' });
      expect((error as Error).message).toContain('non-extractable');
    }
  });

  it('treats a public key or an unknown format as a programming error', async () => {
    const { privateKey, publicKey } = await generateKeyPair({ extractable: true });
    await expect(exportPrivateKeyPem(publicKey)).rejects.toBeInstanceOf(TypeError);
    await expect(exportPrivateKeyPem(privateKey, 'der' as 'pkcs8')).rejects.toBeInstanceOf(
      TypeError,
    );
    await expect(exportPublicKeyPem(privateKey)).rejects.toBeInstanceOf(TypeError);
  });
});

/** RSAPrivateKey DER from JWK numbers, written here with Buffer so no src/core code is involved. */
function rsaPrivateKeyDer(
  jwk: Record<string, string>,
  overrides: Record<string, Buffer> = {},
): Buffer {
  const len = (n: number) =>
    n < 128
      ? Buffer.from([n])
      : n < 256
        ? Buffer.from([0x81, n])
        : Buffer.from([0x82, n >> 8, n & 255]);
  const tlv = (tag: number, body: Buffer) =>
    Buffer.concat([Buffer.from([tag]), len(body.length), body]);
  const int = (b: Buffer) => tlv(2, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  const field = (name: string) => overrides[name] ?? Buffer.from(jwk[name], 'base64url');
  return tlv(
    0x30,
    Buffer.concat([
      int(Buffer.from([0])),
      ...['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'].map((f) => int(field(f))),
    ]),
  );
}

function flipLastBit(b: string): Buffer {
  const out = Buffer.from(b, 'base64url');
  out[out.length - 1] ^= 2;
  return out;
}

describe('importPrivateKeyPem refuses, each with its own code and advice', () => {
  let made: Record<string, string>;
  beforeAll(() => {
    const kind = (k: KeyKind, bits?: number) => makeKey(dir, k, bits).pem;
    const pkcs1 = keys.pkcs1.pem;
    const pkcs8 = keys.pkcs8.pem;
    const jwk = createPrivateKey(pkcs1).export({ format: 'jwk' }) as Record<string, string>;
    const lines = pkcs1.trim().split('\n');
    made = {
      ok: pemOf('RSA PRIVATE KEY', rsaPrivateKeyDer(jwk)),
      labelMismatch: pkcs1.replace('-----END RSA PRIVATE KEY-----', '-----END PRIVATE KEY-----'),
      unterminated: lines.slice(0, -3).join('\n'),
      badBase64: [
        lines[0],
        lines[1].slice(0, 10) + '!' + lines[1].slice(11),
        ...lines.slice(2),
      ].join('\n'),
      truncatedDer: [...lines.slice(0, 4), lines[lines.length - 1]].join('\n'),
      trailing: pemOf('RSA PRIVATE KEY', Buffer.concat([derOf(pkcs1), Buffer.from([0, 0, 0])])),
      encryptedPkcs8: kind('rsa-encrypted-pkcs8'),
      encryptedPkcs1: kind('rsa-encrypted-pkcs1'),
      ecSec1: kind('ec-sec1'),
      ecPkcs8: kind('ec-pkcs8'),
      ed25519: kind('ed25519'),
      x25519: kind('x25519'),
      dsaPkcs8: kind('dsa-pkcs8'),
      dsaTraditional: kind('dsa-traditional'),
      openssh: kind('rsa-openssh'),
      unknownLabel: pkcs1.replace(/RSA PRIVATE KEY/g, 'PGP PRIVATE KEY BLOCK'),
      spki: opensslPublicPem(keys.pkcs1.path),
      rsaPublic: openssl(['rsa', '-in', keys.pkcs1.path, '-RSAPublicKey_out']),
      spkiUnderPrivateLabel: opensslPublicPem(keys.pkcs1.path).replace(
        /PUBLIC KEY/g,
        'PRIVATE KEY',
      ),
      certificate: makeCertificate(dir).certPem,
      pkcs1UnderPkcs8: pkcs1.replace(/RSA PRIVATE KEY/g, 'PRIVATE KEY'),
      pkcs8UnderPkcs1: pkcs8.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY'),
      small1024: kind('rsa-pkcs1', 1024),
      small1024Pkcs8: kind('rsa-pkcs8', 1024),
      evenExponent: pemOf('RSA PRIVATE KEY', rsaPrivateKeyDer(jwk, { e: Buffer.from([1, 0, 0]) })),
      damagedPrivateNumbers: pemOf(
        'RSA PRIVATE KEY',
        rsaPrivateKeyDer(jwk, {
          d: flipLastBit(jwk.d),
          dp: flipLastBit(jwk.dp),
          dq: flipLastBit(jwk.dq),
        }),
      ),
    };
  }, 120_000);

  it('(the hand-built DER used below is itself a valid key)', async () => {
    expect(openssl(['rsa', '-check', '-noout'], made.ok)).toContain('RSA key ok');
    await expect(importPrivateKeyPem(made.ok)).resolves.toBeTruthy();
  });

  const cases: Array<[string, string, KeyFormatErrorCode, string]> = [
    ['empty input', '', 'empty-input', 'Nothing was pasted'],
    ['whitespace only', ' \n\t ', 'empty-input', 'Nothing was pasted'],
    ['text with no PEM block', 'my key is 12345', 'no-pem-block', 'from -----BEGIN to -----END'],
    [
      'BEGIN and END labels that differ',
      'labelMismatch',
      'label-mismatch',
      'ends with "END PRIVATE KEY"',
    ],
    ['a key cut off before END', 'unterminated', 'unterminated-pem', 'no -----END line'],
    ['a body that is not base64', 'badBase64', 'bad-base64', 'not valid base64'],
    ['a body with lines missing (truncated DER)', 'truncatedDer', 'malformed-der', 'damaged'],
    ['bytes after the DER', 'trailing', 'trailing-data', '3 extra bytes'],
    [
      'ENCRYPTED PRIVATE KEY (PKCS#8) without a passphrase',
      'encryptedPkcs8',
      'passphrase-required',
      'encrypted: enter its passphrase',
    ],
    [
      'PKCS#1 with Proc-Type: 4,ENCRYPTED',
      'encryptedPkcs1',
      'unsupported-encryption',
      'openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-aes.pem',
    ],
    [
      'an EC PRIVATE KEY (openssl ecparam -genkey)',
      'ecSec1',
      'ec-key',
      'This page works with RSA keys',
    ],
    ['an EC key in PKCS#8', 'ecPkcs8', 'ec-key', 'elliptic-curve'],
    [
      'an Ed25519 key (Kalshi takes them now, but this page signs with RSA)',
      'ed25519',
      'ed25519-key',
      'This page works with RSA keys: generate one here, or have Kalshi make an RSA key (choose RSA, key_type: rsa).',
    ],
    ['an X25519 key', 'x25519', 'ed25519-key', 'Ed25519/X25519 key'],
    ['a DSA key in PKCS#8', 'dsaPkcs8', 'dsa-key', 'DSA'],
    ['a DSA PRIVATE KEY', 'dsaTraditional', 'dsa-key', 'DSA'],
    ['an OpenSSH private key', 'openssh', 'unsupported-key-type', 'ssh-keygen -p -m PEM'],
    ['an unknown label', 'unknownLabel', 'unsupported-key-type', 'PGP PRIVATE KEY BLOCK'],
    ['a PUBLIC KEY', 'spki', 'public-key', 'This is a public key'],
    ['an RSA PUBLIC KEY', 'rsaPublic', 'public-key', 'This is a public key'],
    [
      'a public key body under a PRIVATE KEY label',
      'spkiUnderPrivateLabel',
      'public-key',
      'public key',
    ],
    ['a certificate', 'certificate', 'certificate', 'certificate'],
    [
      'a PKCS#1 body under BEGIN PRIVATE KEY',
      'pkcs1UnderPkcs8',
      'pkcs1-under-pkcs8-label',
      '-----BEGIN RSA PRIVATE KEY-----',
    ],
    [
      'a PKCS#8 body under BEGIN RSA PRIVATE KEY',
      'pkcs8UnderPkcs1',
      'pkcs8-under-pkcs1-label',
      '-----BEGIN PRIVATE KEY-----',
    ],
    ['a 1024-bit RSA key (PKCS#1)', 'small1024', 'key-too-small', 'only 1024 bits'],
    ['a 1024-bit RSA key (PKCS#8)', 'small1024Pkcs8', 'key-too-small', 'only 1024 bits'],
    ['an RSA key with an even public exponent', 'evenExponent', 'invalid-rsa-key', 'damaged'],
    [
      'an RSA key whose private numbers were damaged',
      'damagedPrivateNumbers',
      'invalid-rsa-key',
      'damaged',
    ],
  ];

  it.each(cases)('%s', async (_name, input, code, fragment) => {
    const text = made[input] ?? input;
    const error = await importPrivateKeyPem(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyFormatError);
    expect(error).toMatchObject({ code, name: 'KeyFormatError' });
    expect((error as Error).message).toContain(fragment);
  });

  it('treats a non-string as a programming error', async () => {
    await expect(importPrivateKeyPem(42 as unknown as string)).rejects.toBeInstanceOf(TypeError);
  });
});
