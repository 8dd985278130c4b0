// WebCrypto's key types for TypeScript projects whose lib has neither DOM nor WebWorker: Node
// with @types/node 20, which declares no global CryptoKey. Every member is declared as the DOM
// library declares it, so where that library is present these merge with it unchanged.
interface KeyAlgorithm {
  name: string;
}
interface CryptoKey {
  readonly algorithm: KeyAlgorithm;
  readonly extractable: boolean;
  readonly type: 'private' | 'public' | 'secret';
}
interface CryptoKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}
