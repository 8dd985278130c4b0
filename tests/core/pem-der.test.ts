// The pure text <-> bytes layer: base64, PEM finding and armoring, DER reading, checked against
// Node's Buffer and the openssl CLI.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../src/core/base64';
import {
  bitLength,
  isRsaOid,
  pkcs8FromPkcs1,
  readKeyInfo,
  readRsaPrivateKey,
  readSequence,
  readTlv,
  rsaSpkiFromNumbers,
} from '../../src/core/der';
import { KeyFormatError } from '../../src/core/errors';
import { armorPem } from '../../src/core/base64';
import { decodePemBody, extractPemText, findPemBlocks, normalizePemText } from '../../src/core/pem';
import { openssl, opensslBytes, opensslPublicPem } from '../helpers/openssl';
import { opensslKeyForFile } from '../helpers/openssl-key';

const pkcs1 = opensslKeyForFile('rsa-pkcs1');

describe('base64', () => {
  it('encodes exactly as Buffer does, with and without padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const expected = Buffer.from(bytes).toString('base64');
        expect(bytesToBase64(bytes)).toBe(expected);
        expect(bytesToBase64(bytes, false)).toBe(expected.replace(/=+$/, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes what Buffer encodes, in both alphabets, padded or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(base64ToBytes(text)).toEqual(new Uint8Array(bytes));
        expect(base64ToBytes(Buffer.from(bytes).toString('base64url'))).toEqual(
          new Uint8Array(bytes),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it.each([['A'], ['AB=C'], ['AAAA='], ['AB!C'], ['AB==='], ['AR=='], ['AAF='], ['é']])(
    'rejects %j',
    (text) => {
      expect(base64ToBytes(text)).toBeNull();
    },
  );
});

describe('findPemBlocks', () => {
  const body = 'QUJD';
  it.each([
    ['plain', `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`],
    ['CRLF', `-----BEGIN PUBLIC KEY-----\r\n${body}\r\n-----END PUBLIC KEY-----\r\n`],
    ['old Mac CR', `-----BEGIN PUBLIC KEY-----\r${body}\r-----END PUBLIC KEY-----\r`],
    ['one line', `-----BEGIN PUBLIC KEY-----${body}-----END PUBLIC KEY-----`],
    ['literal \\n', `-----BEGIN PUBLIC KEY-----\\n${body}\\n-----END PUBLIC KEY-----\\n`],
    ['lower-case label', `-----BEGIN public key-----\n${body}\n-----END PUBLIC KEY-----`],
    ['a lost dash', `-----BEGIN PUBLIC KEY----\n${body}\n-----END PUBLIC KEY-----`],
    [
      'text around it',
      `key:\n  -----BEGIN PUBLIC KEY-----\n  ${body}\n  -----END PUBLIC KEY-----\n  ok`,
    ],
    [
      'a truncated block before it',
      `-----BEGIN PUBLIC KEY-----\nQU\n-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`,
    ],
  ])('finds the block: %s', (_name, text) => {
    const [block] = findPemBlocks(text);
    expect(block.label).toBe('PUBLIC KEY');
    expect(block.body).toBe(body);
    expect(decodePemBody(block)).toEqual(new Uint8Array([0x41, 0x42, 0x43]));
  });

  it('reads RFC 1421 headers apart from the body, and sees Proc-Type: 4,ENCRYPTED', () => {
    const [block] = findPemBlocks(
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00FF\n\nQUJD\n-----END RSA PRIVATE KEY-----',
    );
    expect(block.encrypted).toBe(true);
    expect(block.body).toBe('QUJD');
  });

  it('finds every block of a bundle, in order', () => {
    const text = `${armorPem('CERTIFICATE', new Uint8Array([1]))}junk\n${armorPem('PRIVATE KEY', new Uint8Array([2]))}`;
    expect(findPemBlocks(text).map((b) => b.label)).toEqual(['CERTIFICATE', 'PRIVATE KEY']);
  });

  it('turns literal \\n and \\r\\n into line breaks', () => {
    expect(normalizePemText('a\\nb\\r\\nc\r\nd\re')).toBe('a\nb\nc\nd\ne');
  });

  it.each([
    ['', 'empty-input'],
    ['\n \t', 'empty-input'],
    ['no key here', 'no-pem-block'],
    ['-----BEGIN PUBLIC KEY-----\nQUJD', 'unterminated-pem'],
    ['-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PRIVATE KEY-----', 'label-mismatch'],
  ])('refuses %j with %s', (text, code) => {
    expect(() => findPemBlocks(text)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    ['an empty body', '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----'],
    ['a character outside base64', '-----BEGIN PUBLIC KEY-----\nQU*D\n-----END PUBLIC KEY-----'],
  ])('decodePemBody refuses %s with bad-base64', (_name, text) => {
    expect(() => decodePemBody(findPemBlocks(text)[0])).toThrow(
      expect.objectContaining({ code: 'bad-base64' }),
    );
  });
});

describe('armorPem', () => {
  it('prints what openssl prints: 64 columns and a trailing newline', () => {
    const der = opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-in', pkcs1.path, '-outform', 'DER']);
    expect(armorPem('PRIVATE KEY', der)).toBe(
      openssl(['pkcs8', '-topk8', '-nocrypt', '-in', pkcs1.path]),
    );
  });
});

describe('DER', () => {
  it('wraps PKCS#1 into the PKCS#8 openssl writes for the same key', () => {
    const p1 = opensslBytes(['rsa', '-in', pkcs1.path, '-traditional', '-outform', 'DER']);
    const p8 = opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-in', pkcs1.path, '-outform', 'DER']);
    expect(Buffer.from(pkcs8FromPkcs1(p1))).toEqual(p8);
    expect(Buffer.from(readKeyInfo(p8)[1])).toEqual(p1);
    expect(readKeyInfo(p8)[0]).toBe('2a864886f70d010101');
  });

  it('builds from n and e the SPKI openssl derives', () => {
    const p1 = opensslBytes(['rsa', '-in', pkcs1.path, '-traditional', '-outform', 'DER']);
    const spki = opensslBytes([
      'pkey',
      '-in',
      pkcs1.dir.write('spki.pem', opensslPublicPem(pkcs1.path)),
      '-pubin',
      '-outform',
      'DER',
    ]);
    expect(Buffer.from(rsaSpkiFromNumbers(readRsaPrivateKey(p1)))).toEqual(spki);
    expect(readKeyInfo(spki, true)[0]).toBe('2a864886f70d010101');
    expect(bitLength(readRsaPrivateKey(p1).n)).toBe(2048);
  });

  it.each([
    ['2a864886f70d010101', true], // rsaEncryption
    ['2a864886f70d01010a', true], // RSASSA-PSS
    ['2a864886f70d01010b', false], // sha256WithRSAEncryption: a signature, not a key
    ['2a8648ce3d0201', false], // id-ecPublicKey
    ['2b6570', false], // Ed25519
  ])('isRsaOid(%s) is %s', (oid, expected) => {
    expect(isRsaOid(oid)).toBe(expected);
  });

  it.each([
    ['a length past the end', '3005020100'],
    ['an indefinite length', '3080020100'],
    ['a 5-byte length', '3085000000000100'],
    ['a header cut off', '30'],
    ['a multi-byte tag', '1f8100'],
  ])('refuses %s with malformed-der', (_name, hex) => {
    const bytes = Buffer.from(hex, 'hex');
    expect(() => readTlv(bytes, 0, bytes.length)).toThrow(
      expect.objectContaining({ code: 'malformed-der' }),
    );
  });

  it('refuses bytes after the outer SEQUENCE with trailing-data', () => {
    expect(() => readSequence(Buffer.from('3006020100020100ff', 'hex'))).toThrow(
      expect.objectContaining({ code: 'trailing-data' }),
    );
  });

  it('never throws anything but KeyFormatError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        for (const read of [
          readSequence,
          (b: Uint8Array) => readKeyInfo(b),
          (b: Uint8Array) => readKeyInfo(b, true),
          readRsaPrivateKey,
        ]) {
          try {
            read(bytes);
          } catch (error) {
            expect(error).toBeInstanceOf(KeyFormatError);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('extractPemText (the page keeps only the key block of a huge paste)', () => {
  const block = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----';
  it.each([
    ['a block alone', block, block],
    ['a block inside a downloaded .txt', `Key ID: abc\n${block}\ntrailing words`, block],
    ['the first of two blocks', `${block}\n${block.replace(/RSA /g, '')}`, block],
    ['no BEGIN', 'just words', null],
    ['BEGIN without END', '-----BEGIN RSA PRIVATE KEY-----\nMIIB', null],
    ['END line cut before its dashes', '-----BEGIN X-----\nMIIB\n-----END X', null],
  ])('%s', (_name, text, expected) => {
    expect(extractPemText(text)).toBe(expected);
  });
});
