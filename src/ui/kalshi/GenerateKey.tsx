// "Let Kalshi make the key": POST /api_keys/generate, signed by a key Kalshi
// knows. Kalshi's answer carries the new private key: it is imported at once, non-extractable, and
// stored with its Kalshi key ID, never shown; the user may take a one-time backup file.
import { useState } from 'preact/hooks';
import { generateApiKeyRequest, type LifecycleRequest } from '../../core/api-keys';
import { DEFAULT_SCOPES } from '../../core/scopes';
import type { KeyStore } from '../../storage/key-store';
import { keyNameOrDefault } from '../../core/key-names';
import type { KeyRecord } from '../../storage/types';
import { Field, Panel } from '../common/Field';
import { userMessage } from '../common/messages';
import { generatedKeyRecord } from '../common/generated-key';
import { KalshiStep } from './KalshiStep';
import { ScopesFieldset, subaccountValue } from '../common/ScopesFieldset';
import { SignerSelect, signersFor, useSignerPick } from './SignerSelect';
import { useKalshiStep, type KalshiStepOptions } from './use-kalshi-step';

export function GenerateKey({
  store,
  keys,
  onStored,
  fetch,
}: {
  store: KeyStore;
  keys: KeyRecord[];
  onStored: (record: KeyRecord, summary: string) => void;
  fetch?: KalshiStepOptions['fetch'];
}) {
  // Making a key needs a key Kalshi knows with the write scope; the new key is of its environment.
  const pick = useSignerPick([
    ...signersFor(keys, 'demo', true),
    ...signersFor(keys, 'production', true),
  ]);
  const { signer } = pick;
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([...DEFAULT_SCOPES]);
  const [subaccount, setSubaccount] = useState('');
  const [backup, setBackup] = useState(false);
  const step = useKalshiStep({ store, fetch });
  const keyName = keyNameOrDefault(name);

  let request: LifecycleRequest | undefined;
  let problem = '';
  try {
    request = generateApiKeyRequest({ name: keyName, scopes, subaccount });
  } catch (caught) {
    problem = userMessage(caught);
  }

  const generate = () => {
    if (!request || !signer) return;
    const options = {
      name: keyName,
      environment: signer.environment,
      scopes,
      subaccount: subaccountValue(subaccount),
      backup,
    };
    void step.run({
      request,
      signer,
      environment: signer.environment,
      onAnswer: async (answer) => {
        const { record, file } = await generatedKeyRecord(answer, options);
        await store.put(record);
        setName('');
        const summary =
          `Stored “${record.name}” with Kalshi key ID ${record.kalshiKeyId}.` +
          (file ? ` The backup was saved as ${file}: anyone with it can trade as you.` : '');
        onStored(record, summary);
        return summary;
      },
    });
  };

  return (
    <Panel id="generate-heading" title="Let Kalshi make the key">
      <p class="warning" id="generate-warning">
        Kalshi's server makes this private key and sends it here, so Kalshi has seen it (“Create a
        key” makes one that never leaves this browser).
      </p>
      <Field id="generate-name" label="Name on Kalshi" value={name} onValue={setName} />
      <ScopesFieldset
        id="generate"
        scopes={scopes}
        onScopes={setScopes}
        subaccount={subaccount}
        onSubaccount={setSubaccount}
      />
      {problem && <p role="alert">{problem}</p>}
      <label class="check">
        <input
          type="checkbox"
          checked={backup}
          onChange={(event) => setBackup(event.currentTarget.checked)}
        />
        Save a one-time backup file of Kalshi's private key
      </label>
      <SignerSelect id="generate-signer" pick={pick} />
      <div class="actions">
        <button
          type="button"
          disabled={!request || !signer || step.busy}
          aria-busy={step.busy}
          aria-describedby="generate-warning"
          onClick={generate}
        >
          Let Kalshi make the key
        </button>
      </div>
      <KalshiStep id="generate" step={step} />
    </Panel>
  );
}
