// "Register it with Kalshi" (issue 13, item 2): the selected key's POST /trade-api/v2/api_keys with
// the scopes and sub-account chosen here, signed by another key Kalshi knows, and the ID Kalshi
// returns stored on the key: no copying.
import { useEffect, useState } from 'preact/hooks';
import {
  createApiKeyRequest,
  DEFAULT_SCOPES,
  parseCreateApiKeyAnswer,
  type LifecycleRequest,
} from '../../core/lifecycle';
import type { KeyStore } from '../../storage/key-store';
import type { KeyRecord } from '../../storage/types';
import { Messages } from '../common/Field';
import { NO_KEY_SELECTED, userMessage } from '../common/messages';
import { useAction } from '../common/use-action';
import { KalshiStep } from './KalshiStep';
import { ScopesFieldset, subaccountValue } from '../common/ScopesFieldset';
import { canSign, chosenSigner, SignerSelect } from './SignerSelect';
import { useKalshiStep } from './use-kalshi-step';

export interface RegisterKeyProps {
  record: KeyRecord | undefined;
  keys: KeyRecord[];
  store: KeyStore;
  fetch?: typeof globalThis.fetch;
}

export function RegisterKey(props: RegisterKeyProps) {
  return props.record ? (
    <RegisterForm {...props} record={props.record} />
  ) : (
    <p class="hint">{NO_KEY_SELECTED}</p>
  );
}

function RegisterForm({ record, keys, store, fetch }: RegisterKeyProps & { record: KeyRecord }) {
  const [scopes, setScopes] = useState<string[]>([...DEFAULT_SCOPES]);
  const [subaccount, setSubaccount] = useState('');
  const [signerId, setSignerId] = useState('');
  const step = useKalshiStep({ store, fetch });
  const bodyCopy = useAction();
  // Another key of the same environment: Kalshi accepts a new key only from one it knows.
  const signers = keys.filter(
    (key) => key.id !== record.id && key.environment === record.environment && canSign(key),
  );
  const signer = chosenSigner(signers, signerId);

  // A request belongs to one key: another selection drops a command waiting for its answer.
  useEffect(() => step.cancel(), [record.id]);

  let request: LifecycleRequest | undefined;
  let problem = '';
  try {
    request = createApiKeyRequest({
      name: record.name,
      publicKeyPem: record.publicKeyPem,
      scopes,
      subaccount,
    });
  } catch (caught) {
    problem = userMessage(caught);
  }

  const register = () => {
    if (!request || !signer) return;
    const sent = { scopes, subaccount: subaccountValue(subaccount) };
    void step.run({
      request,
      signer,
      environment: record.environment,
      onAnswer: async (answer) => {
        const { apiKeyId, warning } = parseCreateApiKeyAnswer(answer);
        await store.setKalshiInfo(record.id, { kalshiKeyId: apiKeyId, ...sent });
        return `Registered: “${record.name}” has Kalshi key ID ${apiKeyId}.${warning ? ` Kalshi says: ${warning}` : ''}`;
      },
    });
  };

  return (
    <>
      <p>
        Paste the public key into the <strong>RSA public key</strong> field of a new API key in
        Kalshi's settings, or (Premier and Market Maker accounts) register it from here:
      </p>
      <ScopesFieldset
        id="register"
        scopes={scopes}
        onScopes={setScopes}
        subaccount={subaccount}
        onSubaccount={setSubaccount}
      />
      {problem ? (
        <p role="alert">{problem}</p>
      ) : (
        <pre tabIndex={0} aria-label="JSON body for creating an API key">
          {request?.body}
        </pre>
      )}
      <div class="actions">
        <button type="button" disabled={!request} onClick={() => bodyCopy.copy(request!.body!)}>
          Copy JSON
        </button>
      </div>
      <Messages {...bodyCopy} />
      <SignerSelect
        id="register-signer"
        label="Sign with"
        keys={signers}
        value={signer?.id ?? ''}
        onValue={setSignerId}
        describedBy="register-signer-hint"
      />
      <p class="hint" id="register-signer-hint">
        {signer ? '' : `Needs another ${record.environment} key with a Kalshi key ID.`}
      </p>
      <div class="actions">
        <button
          type="button"
          disabled={!request || !signer || step.busy}
          aria-busy={step.busy}
          onClick={register}
        >
          Register with Kalshi
        </button>
      </div>
      <KalshiStep id="register" step={step} />
    </>
  );
}
