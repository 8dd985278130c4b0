// The core's code loaded on demand, in one place: passphrase encryption (pbes2.ts) and the DER
// reader an engine without rsaEncryption SPKI needs (der.ts) are chunks of their own in the hosted
// build. The single file has no chunks: `vite build --mode single` swaps in lazy-single.ts, the
// same exports with static imports (src/build/single-file.ts says why).

/** Of a module loaded on demand, the exports its callers use (all the single file's version has). */
type Loaded<Module, Name extends keyof Module> = Promise<Pick<Module, Name>>;

export const loadPbes2 = (): Loaded<
  typeof import('./pbes2'),
  'decryptPrivateKeyInfo' | 'encryptPrivateKeyInfo' | 'unsupportedEncryption'
> => import('./pbes2');

export const loadDer = (): Loaded<
  typeof import('./der'),
  'readKeyInfo' | 'readRsaPublicKey' | 'rsaSpkiFromNumbers'
> =>
  import('./der').then(({ readKeyInfo, readRsaPublicKey, rsaSpkiFromNumbers }) => ({
    readKeyInfo,
    readRsaPublicKey,
    rsaSpkiFromNumbers,
  }));
