// "Delete on Kalshi" on a key's page: DELETE /api_keys/<its id>, signed by a key that may manage
// keys (this one included), after a dialog that names the key. Then the key is retired here.
import { useState } from 'preact/hooks';
import { deleteApiKeyRequest } from '../../core/api-keys';
import { parseDeleteApiKeyAnswer } from '../../core/kalshi-answers';
import type { KeyStore } from '../../storage/key-store';
import type { KeyRecord } from '../../storage/types';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { KalshiStep } from './KalshiStep';
import { SignerSelect, signersFor, useSignerPick } from './SignerSelect';
import { useKalshiStep, type KalshiStepOptions } from './use-kalshi-step';

export function DeleteOnKalshi({
  record,
  keys,
  store,
  fetch,
}: {
  record: KeyRecord;
  keys: KeyRecord[];
  store: KeyStore;
  fetch?: KalshiStepOptions['fetch'];
}) {
  const [asking, setAsking] = useState(false);
  const step = useKalshiStep({ store, fetch });
  const pick = useSignerPick(signersFor(keys, record.environment, true));
  const { signer } = pick;

  const remove = () => {
    setAsking(false);
    if (!signer) return;
    void step.run({
      request: deleteApiKeyRequest(record.kalshiKeyId),
      signer,
      environment: record.environment,
      onAnswer: async (answer) => {
        parseDeleteApiKeyAnswer(answer);
        await store.markRetired(record.id);
        return `Deleted on Kalshi: “${record.name}” is retired and can no longer sign.`;
      },
    });
  };

  return (
    <>
      <p class="hint">
        Kalshi then rejects everything this key signs; the key stays here, marked retired.
      </p>
      <SignerSelect id="delete-signer" pick={pick} />
      <div class="actions">
        <button
          type="button"
          class="danger"
          disabled={!signer || step.busy}
          aria-busy={step.busy}
          onClick={() => setAsking(true)}
        >
          Delete on Kalshi
        </button>
      </div>
      <KalshiStep id="delete-own" step={step} />
      <ConfirmDialog
        id="delete-own-heading"
        open={asking}
        heading={`Delete “${record.name}” on Kalshi?`}
        confirm="Delete on Kalshi"
        onCancel={() => setAsking(false)}
        onConfirm={remove}
      >
        Kalshi key ID <code>{record.kalshiKeyId}</code> stops working at once: programs that use it
        get 401. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
