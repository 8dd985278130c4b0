// importPublicKeyPem: the key a signature doctor checks signatures against.
import { describe, expect, it } from 'vitest';
import { KeyFormatError, type KeyFormatErrorCode } from '../../src/core/errors';
import { exportPublicKeyPem, publicKeyFingerprint } from '../../src/core/keys';
import { importPublicKeyPem } from '../../src/core/key-files';
import { verifySignature } from '../../src/core/signing';
import {
  makeCertificate,
  makeKey,
  openssl,
  opensslBytes,
  opensslPublicPem,
  opensslSignPss,
} from '../helpers/openssl';
import { opensslKeyForFile } from '../helpers/openssl-key';

const rsa = opensslKeyForFile('rsa-pkcs1');

describe('importPublicKeyPem accepts', () => {
  it('SPKI PUBLIC KEY from openssl pkey -pubout, and exports it back byte for byte', async () => {
    const key = await importPublicKeyPem(rsa.publicPem);
    expect(key.type).toBe('public');
    expect(key.extractable).toBe(true);
    expect(key.usages).toEqual(['verify']);
    expect(key.algorithm).toMatchObject({ name: 'RSA-PSS', hash: { name: 'SHA-256' } });
    expect(await exportPublicKeyPem(key)).toBe(rsa.publicPem);
  });

  it('PKCS#1 RSA PUBLIC KEY (openssl rsa -RSAPublicKey_out), wrapped into the same SPKI', async () => {
    const pkcs1Pem = openssl(['rsa', '-in', rsa.path, '-RSAPublicKey_out']);
    expect(pkcs1Pem).toContain('-----BEGIN RSA PUBLIC KEY-----');
    expect(await exportPublicKeyPem(await importPublicKeyPem(pkcs1Pem))).toBe(rsa.publicPem);
  });

  it('a public key inside pasted text, with CRLF and indentation', async () => {
    const pasted = `Kalshi public key for bot #2:\r\n\r\n${rsa.publicPem
      .trimEnd()
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\r\n')}\r\nthanks`;
    expect(await exportPublicKeyPem(await importPublicKeyPem(pasted))).toBe(rsa.publicPem);
  });

  it('the public key next to a certificate', async () => {
    const { certPem } = makeCertificate(rsa.dir);
    expect(await exportPublicKeyPem(await importPublicKeyPem(certPem + rsa.publicPem))).toBe(
      rsa.publicPem,
    );
  });

  it('a key that verifies a signature openssl made', async () => {
    const key = await importPublicKeyPem(rsa.publicPem);
    const message = '1703123456789GET/trade-api/v2/portfolio/balance';
    const signature = opensslSignPss(rsa.dir, rsa.path, message);
    expect(await verifySignature(key, message, signature)).toBe(true);
    expect(await verifySignature(key, message + 'x', signature)).toBe(false);
  });

  it('gives the fingerprint ssh-keygen-style tools compute over the SPKI DER', async () => {
    const der = opensslBytes([
      'pkey',
      '-pubin',
      '-in',
      rsa.dir.write('fp.pub', rsa.publicPem),
      '-outform',
      'DER',
    ]);
    const digest = opensslBytes(['dgst', '-sha256', '-binary'], der);
    const expected = 'SHA256:' + digest.toString('base64').replace(/=+$/, '');
    expect(await publicKeyFingerprint(await importPublicKeyPem(rsa.publicPem))).toBe(expected);
  });
});

describe('importPublicKeyPem refuses', () => {
  const cases: Array<[string, () => string, KeyFormatErrorCode, string]> = [
    [
      'a PKCS#8 private key',
      () => makeKey(rsa.dir, 'rsa-pkcs8').pem,
      'private-key',
      'openssl pkey',
    ],
    ['a PKCS#1 private key', () => rsa.pem, 'private-key', 'Paste the public key'],
    ['a certificate', () => makeCertificate(rsa.dir).certPem, 'certificate', 'certificate'],
    ['an EC public key', () => opensslPublicPem(makeKey(rsa.dir, 'ec-pkcs8').path), 'ec-key', 'EC'],
    [
      'an Ed25519 public key',
      () => opensslPublicPem(makeKey(rsa.dir, 'ed25519').path),
      'ed25519-key',
      'Ed25519',
    ],
    [
      'a DSA public key',
      () => opensslPublicPem(makeKey(rsa.dir, 'dsa-pkcs8').path),
      'dsa-key',
      'DSA',
    ],
    [
      'a 1024-bit RSA public key',
      () => opensslPublicPem(makeKey(rsa.dir, 'rsa-pkcs8', 1024).path),
      'key-too-small',
      '1024 bits',
    ],
    ['empty text', () => '  \n', 'empty-input', 'Nothing was pasted'],
    ['text with no PEM block', () => 'ssh-rsa AAAAB3Nza user@host', 'no-pem-block', 'BEGIN'],
  ];
  it.each(cases)('%s', async (_name, make, code, fragment) => {
    const error = await importPublicKeyPem(make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyFormatError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toContain(fragment);
  });
});
