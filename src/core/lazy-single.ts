// lazy.ts for the single file: the same exports with static imports (src/build/single-file.ts).
import { decryptPrivateKeyInfo, encryptPrivateKeyInfo, unsupportedEncryption } from './pbes2';
import { readKeyInfo, readRsaPublicKey, rsaSpkiFromNumbers } from './der';

export const loadPbes2 = () =>
  Promise.resolve({ decryptPrivateKeyInfo, encryptPrivateKeyInfo, unsupportedEncryption });

export const loadDer = () => Promise.resolve({ readKeyInfo, readRsaPublicKey, rsaSpkiFromNumbers });
