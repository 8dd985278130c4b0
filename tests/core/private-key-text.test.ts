// What the page refuses as private key text outside the import box (App's paste/drop guard, the
// Kalshi key ID field, key names): every RSA private key form, and nothing a user means to type.
import { afterAll, describe, expect, it } from 'vitest';
import { makeCertificate, makeTempDir } from '../helpers/openssl';
import { looksLikePrivateKey } from '../../src/core/private-key-text';
import { nodeRsaKey } from '../helpers/keys';

const dir = makeTempDir();
afterAll(() => dir.cleanup());
const body = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

describe('looksLikePrivateKey', () => {
  for (const bits of [2048, 3072, 4096]) {
    const { privateKey, publicKey } = nodeRsaKey(bits);
    for (const type of ['pkcs8', 'pkcs1'] as const) {
      const pem = privateKey.export({ type, format: 'pem' }) as string;
      it(`finds an RSA-${bits} ${type} key as PEM, on one line, and as a bare base64 body`, () => {
        expect(looksLikePrivateKey(pem)).toBe(true);
        expect(looksLikePrivateKey(pem.replace(/\n/g, ' '))).toBe(true);
        expect(looksLikePrivateKey(body(pem))).toBe(true);
        expect(looksLikePrivateKey(`{"note": "${body(pem)}"}`)).toBe(true);
      });
    }
    it(`lets an RSA-${bits} public key through, as PEM, body, or the upload JSON`, () => {
      for (const type of ['spki', 'pkcs1'] as const) {
        const pem = publicKey.export({ type, format: 'pem' }) as string;
        expect(looksLikePrivateKey(pem)).toBe(false);
        expect(looksLikePrivateKey(body(pem))).toBe(false);
        expect(looksLikePrivateKey(JSON.stringify({ name: 'bot', public_key: pem }))).toBe(false);
      }
    });
  }

  it('lets certificates, key IDs, names, paths and relay URLs through', () => {
    const { certPem } = makeCertificate(dir);
    for (const text of [
      certPem,
      body(certPem),
      '0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a',
      'Trading bot (demo) — private key kept offline',
      '/trade-api/v2/portfolio/orders?status=resting',
      'https://relay.example.com/kalshi',
      '{"ticker":"MIIBAKC","count":1}',
    ])
      expect(looksLikePrivateKey(text), text).toBe(false);
  });
});
