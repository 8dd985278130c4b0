// "Keys on Kalshi": what Kalshi lists for the account, matched against the keys stored here, the
// stored keys it no longer lists, and deleting a key there.
import { useState } from 'preact/hooks';
import type { KeyStore } from '../../storage/key-store';
import type { KeyRecord } from '../../storage/types';
import { View } from '../common/Field';
import { KeysOnKalshi, type Listing } from './KeysOnKalshi';
import { SignerSelect, signersFor, useSignerPick } from './SignerSelect';
import { useKalshiStep, type KalshiStepOptions } from './use-kalshi-step';

export function KalshiView({
  store,
  keys,
  fetch,
}: {
  store: KeyStore;
  keys: KeyRecord[];
  fetch?: KalshiStepOptions['fetch'];
}) {
  const [listing, setListing] = useState<Listing>();
  const step = useKalshiStep({ store, fetch });
  // Listing is a read: any key Kalshi knows may sign it, of either environment.
  const pick = useSignerPick(
    [...signersFor(keys, 'demo', false), ...signersFor(keys, 'production', false)].sort(
      (a, b) => keys.indexOf(a.key) - keys.indexOf(b.key),
    ),
  );
  const { signer } = pick;
  const unlisted = keys.filter(
    (key) =>
      !key.retired &&
      key.kalshiKeyId &&
      (key.kalshiListed === false || key.kalshiNotFound) &&
      (!listing || key.environment === listing.environment),
  );

  return (
    <View
      id="kalshi-heading"
      title="Keys on Kalshi"
      intro="Ask Kalshi which keys your account has, and delete the ones you no longer use."
    >
      <SignerSelect id="lifecycle-signer" pick={pick} describedBy="lifecycle-signer-hint" />
      <p class="hint" id="lifecycle-signer-hint">
        {signer
          ? `The key that asks: Kalshi lists the keys of its environment (${signer.environment}).`
          : 'Kalshi answers only a key it knows: register a key on its page, or paste its Kalshi key ID there, first.'}
      </p>
      <KeysOnKalshi
        store={store}
        keys={keys}
        signer={signer}
        step={step}
        listing={listing}
        onListing={setListing}
      />
      {unlisted.length > 0 && (
        <>
          <h2>Stored here, not listed by Kalshi</h2>
          <p class="hint">
            Deleted on Kalshi, or registered in the other environment: they cannot sign for Kalshi.
          </p>
          <ul>
            {unlisted.map((key) => (
              <li>
                <a href={`#/key/${encodeURIComponent(key.id)}`}>{key.name}</a> ({key.environment},{' '}
                {key.kalshiKeyId})
              </li>
            ))}
          </ul>
        </>
      )}
    </View>
  );
}
