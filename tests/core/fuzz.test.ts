// Property-based: whatever a user pastes, the importer and the path parser answer with a coded
// error or a result, never a TypeError, RangeError, DOMException or a hang. The request parser
// never throws at all.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyFormatError, RequestFormatError } from '../../src/core/errors';
import { importPrivateKeyPem } from '../../src/core/key-files';
import { canonicalPath, signingMessage } from '../../src/core/signing';
import { parseRequestText } from '../../src/core/parse-request';
import { nodeRsaKey } from '../helpers/keys';

let pkcs1Pem: string;
let pkcs8Pem: string;

beforeAll(() => {
  ({ pkcs1Pem, pkcs8Pem } = nodeRsaKey());
});

/** Runs the importer; anything other than success or a KeyFormatError fails the property. */
async function importOnlyFailsWithKeyFormatError(text: string): Promise<void> {
  try {
    const pair = await importPrivateKeyPem(text);
    expect(pair.privateKey.type).toBe('private');
  } catch (error) {
    if (!(error instanceof KeyFormatError)) {
      throw new Error(
        `importPrivateKeyPem threw ${String(error)} for ${JSON.stringify(text.slice(0, 200))}`,
        { cause: error },
      );
    }
  }
}

const LABELS = [
  'RSA PRIVATE KEY',
  'PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'PUBLIC KEY',
  'RSA PUBLIC KEY',
  'CERTIFICATE',
  'EC PRIVATE KEY',
  'DSA PRIVATE KEY',
  'OPENSSH PRIVATE KEY',
  '',
  'X',
];

type Mutation =
  | { kind: 'flip' | 'insert'; at: number; char: string }
  | { kind: 'delete' | 'truncate'; at: number }
  | { kind: 'label'; from: string; to: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('flip' as const, 'insert' as const),
    at: fc.nat(),
    char: fc.oneof(
      fc.constantFrom('-', '\n', '=', ':', '\\', ' ', 'A', '/', '+'),
      fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
    ),
  }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('label' as const),
    from: fc.constantFrom('RSA PRIVATE KEY', 'PRIVATE KEY'),
    to: fc.constantFrom(...LABELS),
  }),
);

function applyMutation(text: string, m: Mutation): string {
  if (m.kind === 'label') return text.split(m.from).join(m.to);
  const at = text.length === 0 ? 0 : m.at % text.length;
  switch (m.kind) {
    case 'flip':
      return text.slice(0, at) + m.char + text.slice(at + 1);
    case 'insert':
      return text.slice(0, at) + m.char + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + 1);
    case 'truncate':
      return text.slice(0, at);
  }
}

function armor(label: string, bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64');
}

describe('importPrivateKeyPem under fuzzing', () => {
  it('random text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.string({
            unit: fc.constantFrom(
              '-',
              'B',
              'E',
              'G',
              'I',
              'N',
              ' ',
              '\n',
              'K',
              'Y',
              'A',
              '=',
              'D',
              '\\',
              'n',
            ),
            maxLength: 200,
          }),
        ),
        importOnlyFailsWithKeyFormatError,
      ),
      { numRuns: 2000 },
    );
  });

  it('valid keys with characters flipped, deleted, inserted, truncated and labels swapped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (usePkcs1, mutations) => {
          const text = mutations.reduce(applyMutation, usePkcs1 ? pkcs1Pem : pkcs8Pem);
          await importOnlyFailsWithKeyFormatError(text);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('valid keys with DER bytes changed, then re-armored (exercises the DER reader, not base64)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.option(fc.nat(), { nil: undefined }),
        async (usePkcs1, edits, cut) => {
          const pem = usePkcs1 ? pkcs1Pem : pkcs8Pem;
          const der = derOf(pem);
          // Three edits in four land in the first 40 bytes, where the lengths and tags live.
          for (const { at, value } of edits) der[at % 4 === 0 ? at % der.length : at % 40] = value;
          const bytes = cut === undefined ? der : der.subarray(0, cut % der.length);
          await importOnlyFailsWithKeyFormatError(
            armor(usePkcs1 ? 'RSA PRIVATE KEY' : 'PRIVATE KEY', bytes),
          );
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('random base64 bodies, and random DER-looking bytes, under every label', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LABELS),
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc
            .uint8Array({ maxLength: 300 })
            .map((b) =>
              Uint8Array.from([0x30, 0x82, b.length >> 8, b.length & 255, 0x02, 0x01, 0x00, ...b]),
            ),
        ),
        async (label, bytes) => importOnlyFailsWithKeyFormatError(armor(label, bytes)),
      ),
      { numRuns: 1500 },
    );
  });

  it('inputs of a few MB return (no catastrophic scanning)', async () => {
    const junk = 'QUJDREVGR0g'.repeat(300_000); // ~3.3 MB of base64-looking text
    const cases: Array<[string, string]> = [
      ['no-pem-block', junk],
      ['unterminated-pem', '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(100_000)],
      ['unterminated-pem', '-----BEGIN '.repeat(300_000)],
      ['label-mismatch', '-----BEGIN A-----'.repeat(200_000) + '-----END B-----'],
      ['bad-base64', `-----BEGIN RSA PRIVATE KEY-----\n${junk}!\n-----END RSA PRIVATE KEY-----`],
      [
        'malformed-der',
        `-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(3_000_000)}\n-----END RSA PRIVATE KEY-----`,
      ],
    ];
    for (const [code, text] of cases) {
      await expect(importPrivateKeyPem(text)).rejects.toMatchObject({ code });
    }
    const pair = await importPrivateKeyPem(`${junk}\n${pkcs1Pem}\n${junk}`);
    expect(pair.publicKey.type).toBe('public');
    expect(canonicalPath(`/${'a/'.repeat(1_500_000)}?${'q'.repeat(1000)}`)).toHaveLength(3_000_001);
  });
});

describe('canonicalPath and signingMessage under fuzzing', () => {
  const pathPiece = fc.oneof(
    fc.constantFrom(
      '/',
      '?',
      '#',
      '%',
      '%2F',
      'https://',
      'wss://',
      'ftp://',
      ':',
      '//',
      '..',
      ' ',
      '\t',
      '\n',
      'trade-api',
      'v2',
      '[',
      ']',
      '@',
      'é',
    ),
    fc.string({ maxLength: 8 }),
  );
  const anyPath = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.array(pathPiece, { maxLength: 12 }).map((parts) => parts.join('')),
  );

  it('returns a path that starts with /, has no query or fragment, and is stable, or a RequestFormatError', () => {
    fc.assert(
      fc.property(anyPath, (input) => {
        let path: string;
        try {
          path = canonicalPath(input);
        } catch (error) {
          expect(error).toBeInstanceOf(RequestFormatError);
          return;
        }
        expect(path.startsWith('/')).toBe(true);
        expect(path).not.toMatch(/[?#]/);
        expect(canonicalPath(path)).toBe(path);
      }),
      { numRuns: 5000 },
    );
  });

  it('signingMessage only ever throws RequestFormatError for string and number inputs', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 20 }), fc.bigInt().map(String)),
        fc.oneof(
          fc.constantFrom('GET', 'post', 'DELETE'),
          fc.string({ unit: 'binary', maxLength: 12 }),
        ),
        anyPath,
        (timestamp, method, path) => {
          try {
            const message = signingMessage(timestamp, method, path);
            expect(message).toContain(method.toUpperCase());
          } catch (error) {
            expect(error).toBeInstanceOf(RequestFormatError);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('parseRequestText under fuzzing', () => {
  const piece = fc.oneof(
    fc.constantFrom(
      'curl ',
      '$ curl ',
      ' -H ',
      ' -X',
      ' --data ',
      ' -G ',
      ' -sSo ',
      ' --url ',
      "'",
      '"',
      "$'",
      '\\',
      '^',
      '`',
      '\n',
      '\r\n',
      ' | ',
      'GET /trade-api/v2/x HTTP/1.1\n',
      ':path: /a\n',
      'Host: h\n',
      'KALSHI-ACCESS-SIGNATURE: ',
      'kalshi-access-key=',
      'https://external-api.kalshi.com/trade-api/v2/x?y=1',
    ),
    fc.string({ maxLength: 8 }),
  );

  it('returns only string fields, whatever is pasted', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.array(piece, { maxLength: 16 }).map((parts) => parts.join('')),
        ),
        (text) => {
          for (const value of Object.values(parseRequestText(text)))
            expect(typeof value).toBe('string');
        },
      ),
      { numRuns: 5000 },
    );
  });
});
