// Which stored key signs a call to Kalshi's api_keys endpoints. Kalshi accepts such a call only
// from a key it knows (a key ID it issued, not deleted since) of the same environment, and a call
// that makes or deletes keys only from a key with the `write` scope.
import { scopesManageKeys } from './scopes';

/** What the choice reads of a stored key. */
export interface SignerCandidate {
  id: string;
  kalshiKeyId: string;
  environment: string;
  retired?: boolean | undefined;
  /** The scopes Kalshi has for the key, when known. */
  kalshiScopes?: string[] | undefined;
  /** Kalshi answered 401 NOT_FOUND the last time this key signed. */
  kalshiNotFound?: boolean | undefined;
}

export interface SignerChoice<K> {
  key: K;
  /** Why this key may fail, in words for the option's label: '' when nothing is known against it. */
  note: string;
}

/** Kalshi can verify a signature of this key: it has a key ID and was not deleted there. */
export const knownToKalshi = (key: SignerCandidate): boolean =>
  !!key.kalshiKeyId.trim() && !key.retired;

/**
 * The keys that may sign a call for `environment`, best first: for a call that makes or deletes
 * keys (`managesKeys`), keys whose scopes allow it, then keys of unknown scopes, then the others;
 * keys Kalshi last did not find come last. `exclude` leaves out a key (the one being registered).
 */
export function signerChoices<K extends SignerCandidate>(
  keys: readonly K[],
  {
    environment,
    managesKeys,
    exclude,
  }: { environment: string; managesKeys: boolean; exclude?: string },
): SignerChoice<K>[] {
  const rank = (key: K) =>
    (key.kalshiNotFound ? 4 : 0) +
    (!managesKeys || !key.kalshiScopes
      ? managesKeys
        ? 1
        : 0
      : scopesManageKeys(key.kalshiScopes)
        ? 0
        : 2);
  return keys
    .filter((key) => key.id !== exclude && key.environment === environment && knownToKalshi(key))
    .map((key, index) => ({ key, index, rank: rank(key) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ key }) => ({ key, note: signerNote(key, managesKeys) }));
}

/** "(read only)", "(cannot manage API keys)" or "(Kalshi did not find it)", or ''. */
export function signerNote(key: SignerCandidate, managesKeys: boolean): string {
  if (key.kalshiNotFound) return '(Kalshi did not find it)';
  const scopes = key.kalshiScopes;
  if (!scopes || !managesKeys || scopesManageKeys(scopes)) return '';
  return scopes.some((scope) => scope.startsWith('write'))
    ? '(cannot manage API keys)'
    : '(read only)';
}
