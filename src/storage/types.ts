// The shape of a stored key, shared by storage/ and ui/. The CryptoKeys themselves are stored
// (structured clone keeps non-extractability); a private key is never stored as text.
import type { KalshiEnvironmentId } from '../core/kalshi';

export interface KeyRecord {
  /** Local identifier (crypto.randomUUID()), not Kalshi's key ID. */
  id: string;
  name: string;
  /** ms since epoch */
  createdAt: number;
  environment: KalshiEnvironmentId;
  /** The key ID Kalshi returned for this public key ('' until the user pastes it). */
  kalshiKeyId: string;
  /** publicKeyFingerprint(): 'SHA256:…' */
  fingerprint: string;
  /** File name of the one-time private key backup saved at minting, for the bot snippets; never the key. */
  backupFile?: string;
  /** SPKI PEM, as exportPublicKeyPem() prints it. */
  publicKeyPem: string;
  /** RSA-PSS private key, non-extractable. */
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  // Optional, so records stored before keys had a life on Kalshi here stay valid.
  /** Its Kalshi key ID was deleted on Kalshi: it can no longer sign for Kalshi. */
  retired?: boolean;
  /** The scopes Kalshi has for it, as registered or as last listed. */
  kalshiScopes?: string[];
  /** The subaccount it is bound to on Kalshi (null: none), as registered or as last listed. */
  kalshiSubaccount?: number | null;
  /** When it was marked retired (ms since epoch); absent on keys retired before it was kept. */
  retiredAt?: number;
  /** The scopes chosen when the key was made here, preselected when it is registered. */
  plannedScopes?: string[];
  /** In the last "Check with Kalshi" of its environment: listed (true) or not (false). */
  kalshiListed?: boolean;
  /** Kalshi answered 401 NOT_FOUND the last time this key signed: its key ID is unknown there. */
  kalshiNotFound?: boolean;
}

/** What the list shows: a record without its CryptoKeys. */
export type KeyInfo = Omit<KeyRecord, 'privateKey' | 'publicKey'>;
