// Key files as they sit on users' disks, read as bytes the way the file picker and a drop read
// them: every variant is made by openssl (or Node's own encoders), and what imports must sign
// what node:crypto verifies with the openssl-derived public key.
import { describe, expect, it } from 'vitest';
import { KeyFormatError, type KeyFormatErrorCode } from '../../src/core/errors';
import { exportPublicKeyPem } from '../../src/core/keys';
import { importPrivateKeyPem, keyFileText } from '../../src/core/key-files';
import { signRequest } from '../../src/core/signing';
import { nodeVerifyPss, openssl, opensslBytes, TEST_PASSPHRASE } from '../helpers/openssl';
import { opensslKeyForFile } from '../helpers/openssl-key';

const key = opensslKeyForFile('rsa-pkcs1');

const bom = (...b: number[]) => Buffer.from(b);
const swap16 = (buf: Buffer) => Buffer.from(buf).swap16();

const files: Array<[string, () => Buffer]> = [
  ['UTF-8', () => Buffer.from(key.pem)],
  [
    'UTF-8 with a BOM (Notepad "UTF-8 with BOM")',
    () => Buffer.concat([bom(0xef, 0xbb, 0xbf), Buffer.from(key.pem)]),
  ],
  [
    'UTF-16 LE with a BOM and CRLF (Notepad "Unicode", PowerShell 5 `>`)',
    () => Buffer.concat([bom(0xff, 0xfe), Buffer.from(key.pem.replace(/\n/g, '\r\n'), 'utf16le')]),
  ],
  [
    'UTF-16 BE with a BOM (Notepad "Unicode big endian")',
    () => swap16(Buffer.concat([bom(0xff, 0xfe), Buffer.from(key.pem, 'utf16le')])),
  ],
  [
    'binary PKCS#1 DER (openssl rsa -outform DER)',
    () => opensslBytes(['rsa', '-in', key.path, '-outform', 'DER', '-traditional']),
  ],
  [
    'binary PKCS#8 DER (openssl pkey -outform DER)',
    () => opensslBytes(['pkey', '-in', key.path, '-outform', 'DER']),
  ],
];

describe('keyFileText reads key files as users have them', () => {
  it.each(files)('%s imports and signs what node:crypto verifies', async (_name, bytes) => {
    const { privateKey, publicKey } = await importPrivateKeyPem(keyFileText(bytes(), 'k.key'));
    expect(await exportPublicKeyPem(publicKey)).toBe(key.publicPem);
    const headers = await signRequest(privateKey, {
      keyId: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
      method: 'GET',
      path: '/trade-api/v2/portfolio/balance',
    });
    const message = `${headers['KALSHI-ACCESS-TIMESTAMP']}GET/trade-api/v2/portfolio/balance`;
    expect(nodeVerifyPss(key.publicPem, message, headers['KALSHI-ACCESS-SIGNATURE'])).toBe(true);
  });
});

/** The coded error a file earns, from reading it or from importing what was read. */
async function refusal(bytes: Buffer, name: string): Promise<KeyFormatError> {
  try {
    await importPrivateKeyPem(keyFileText(bytes, name));
  } catch (error) {
    expect(error).toBeInstanceOf(KeyFormatError);
    return error as KeyFormatError;
  }
  throw new Error('expected a refusal');
}

describe('keyFileText names binary files that are not a usable key', () => {
  const cases: Array<[string, () => Buffer, string, KeyFormatErrorCode, RegExp]> = [
    [
      'a PKCS#12 bundle (openssl pkcs12 -export)',
      () => {
        const cert = key.dir.file('cert.pem');
        openssl([
          'req',
          '-new',
          '-x509',
          '-key',
          key.path,
          '-subj',
          '/CN=bot',
          '-days',
          '1',
          '-out',
          cert,
        ]);
        return opensslBytes([
          'pkcs12',
          '-export',
          '-inkey',
          key.path,
          '-in',
          cert,
          '-passout',
          'pass:x',
        ]);
      },
      'my bot.pfx',
      'pkcs12',
      /PKCS#12.*openssl pkcs12 -in "my bot\.pfx" -nocerts -nodes -out key\.pem/,
    ],
    [
      'an encrypted PKCS#8 DER key',
      () =>
        opensslBytes([
          'pkcs8',
          '-topk8',
          '-in',
          key.path,
          '-outform',
          'DER',
          '-passout',
          `pass:${TEST_PASSPHRASE}`,
        ]),
      'k.der',
      'passphrase-required',
      /encrypted: enter its passphrase/,
    ],
    [
      'a public key in DER',
      () => opensslBytes(['pkey', '-in', key.path, '-pubout', '-outform', 'DER']),
      'k.der',
      'public-key',
      /public key/,
    ],
    [
      'a certificate in DER',
      () => opensslBytes(['x509', '-in', key.dir.file('cert.pem'), '-outform', 'DER']),
      'cert.der',
      'certificate',
      /certificate/,
    ],
  ];
  it.each(cases)('%s', async (_name, bytes, name, code, message) => {
    const error = await refusal(bytes(), name);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});
