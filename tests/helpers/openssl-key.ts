// The set-up the core tests share when they check src/core against the openssl CLI: a temporary
// directory, one private key made by openssl, and the public key openssl derives from it. Vitest
// only (it registers hooks); Playwright specs call ./openssl.ts directly.
import { afterAll, beforeAll } from 'vitest';
import { makeKey, makeTempDir, opensslPublicPem, type KeyKind, type TempDir } from './openssl';

export interface OpensslKey {
  /** The test file's temporary directory, deleted after its last test. */
  dir: TempDir;
  /** The private key as openssl wrote it. */
  pem: string;
  /** Its file in `dir`. */
  path: string;
  /** `openssl pkey -pubout` of it: the SPKI PEM to compare against. */
  publicPem: string;
}

/**
 * One openssl key (PKCS#1 unless `kind` says) for the whole test file: made in beforeAll, its
 * directory removed in afterAll. Call it at the top level, before hooks that use the key; the
 * fields are filled in when the tests and later hooks run.
 */
export function opensslKeyForFile(kind: KeyKind = 'rsa-pkcs1'): OpensslKey {
  const key = {} as OpensslKey;
  beforeAll(() => {
    const dir = makeTempDir();
    const made = makeKey(dir, kind);
    Object.assign(key, { dir, ...made, publicPem: opensslPublicPem(made.path) });
  });
  afterAll(() => key.dir?.cleanup());
  return key;
}
