// "Check with Kalshi": Kalshi's list of the account's keys as a table,
// matched against the keys stored here, and "Delete on Kalshi" per row, after a dialog.
import { useState } from 'preact/hooks';
import { deleteApiKeyRequest, listApiKeysRequest } from '../../core/api-keys';
import {
  parseDeleteApiKeyAnswer,
  parseListApiKeysAnswer,
  type ListedApiKey,
} from '../../core/kalshi-answers';
import { sameScopes } from '../../core/scopes';
import type { KeyStore } from '../../storage/key-store';
import type { KalshiEnvironmentId } from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { KalshiStep } from './KalshiStep';
import type { KalshiStepState } from './use-kalshi-step';

/** Kalshi's last answer to GET /api_keys, for one environment. */
export interface Listing {
  environment: KalshiEnvironmentId;
  keys: ListedApiKey[];
  regionExpirationTs?: number | undefined;
}

export function KeysOnKalshi({
  store,
  keys,
  signer,
  step,
  listing,
  onListing,
}: {
  store: KeyStore;
  keys: KeyRecord[];
  /** The key that signs (chosen in "Sign with"); its environment is the one listed. */
  signer: KeyRecord | undefined;
  step: KalshiStepState;
  listing: Listing | undefined;
  onListing: (listing: Listing | undefined) => void;
}) {
  const [deleting, setDeleting] = useState<ListedApiKey | null>(null);
  const [retired, setRetired] = useState<KeyRecord[]>([]);
  const storedWith = (id: string, environment: KalshiEnvironmentId) =>
    keys.filter((key) => key.kalshiKeyId === id && key.environment === environment);

  const check = () =>
    signer &&
    void step.run({
      request: listApiKeysRequest(),
      signer,
      environment: signer.environment,
      onAnswer: async (answer) => {
        const { keys: listed, regionExpirationTs } = parseListApiKeysAnswer(answer);
        const environment = signer.environment;
        onListing({ environment, keys: listed, regionExpirationTs });
        // Kalshi's scopes and sub-account become the stored keys' own: rotation copies them.
        for (const key of listed) {
          for (const record of storedWith(key.apiKeyId, environment)) {
            if (
              !sameScopes(record.kalshiScopes ?? [], key.scopes) ||
              record.kalshiSubaccount !== key.subaccount
            )
              await store.setKalshiInfo(record.id, {
                scopes: key.scopes,
                subaccount: key.subaccount,
              });
          }
        }
        // Each stored key of the environment: listed or not, for its status on the home.
        const ids = new Set(listed.map((key) => key.apiKeyId));
        for (const record of keys)
          if (record.environment === environment && record.kalshiKeyId && !record.retired) {
            const found = ids.has(record.kalshiKeyId);
            if (record.kalshiListed !== found)
              await store.setKalshiInfo(record.id, { listed: found });
          }
        return `Kalshi lists ${listed.length} key${listed.length === 1 ? '' : 's'} (${environment}).`;
      },
    });

  const remove = (listed: ListedApiKey) => {
    setDeleting(null);
    if (!signer || !listing) return;
    const { environment } = listing;
    void step.run({
      request: deleteApiKeyRequest(listed.apiKeyId),
      signer,
      environment,
      onAnswer: async (answer) => {
        parseDeleteApiKeyAnswer(answer);
        const stored = storedWith(listed.apiKeyId, environment);
        for (const record of stored) await store.markRetired(record.id);
        setRetired(stored);
        onListing({ ...listing, keys: listing.keys.filter((k) => k !== listed) });
        return (
          `Deleted “${listed.name}” on Kalshi.` +
          stored.map((r) => ` “${r.name}” here is Retired.`).join('')
        );
      },
    });
  };

  return (
    <>
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={!signer || step.busy}
          aria-busy={step.busy}
          onClick={check}
        >
          Check with Kalshi
        </button>
      </div>
      <KalshiStep id="check" step={step} />
      {retired.map((record) => (
        <button type="button" class="danger" onClick={() => void store.remove(record.id)}>
          Delete “{record.name}” from this browser
        </button>
      ))}
      {listing && (
        <div class="scroll">
          <table>
            <caption>Keys on Kalshi</caption>
            <thead>
              <tr>
                {['Name', 'Key ID', 'Scopes', 'Subaccount', 'Stored here', 'Action'].map(
                  (title) => (
                    <th scope="col">{title}</th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {listing.keys.map((key) => {
                const here = storedWith(key.apiKeyId, listing.environment);
                return (
                  <tr>
                    <th scope="row">{key.name}</th>
                    <td class="mono">{key.apiKeyId}</td>
                    <td>{key.scopes.join(', ')}</td>
                    <td>{key.subaccount ?? 'all'}</td>
                    <td>{here.length ? here.map((r) => `“${r.name}”`).join(', ') : 'no'}</td>
                    <td>
                      <button type="button" class="danger" onClick={() => setDeleting(key)}>
                        Delete on Kalshi
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {listing.regionExpirationTs !== undefined && (
            <p class="hint">
              Location check for API trading valid until{' '}
              {new Date(listing.regionExpirationTs * 1000).toISOString().slice(0, 10)}.
            </p>
          )}
        </div>
      )}
      <ConfirmDialog
        id="kalshi-delete-heading"
        open={!!deleting}
        heading={`Delete “${deleting?.name}” on Kalshi?`}
        confirm="Yes, delete it on Kalshi"
        onCancel={() => setDeleting(null)}
        onConfirm={() => remove(deleting!)}
      >
        Key ID <code>{deleting?.apiKeyId}</code> stops working at once, for every program using it.
        This cannot be undone.
        {deleting &&
          storedWith(deleting.apiKeyId, listing!.environment)
            .map((r) => ` “${r.name}” here will be marked Retired.`)
            .join('')}
      </ConfirmDialog>
    </>
  );
}
