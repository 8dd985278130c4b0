// "Register with Kalshi": the key's POST /trade-api/v2/api_keys with the scopes and subaccount
// chosen here (always sent: Kalshi grants full access when they are missing), signed by another
// key Kalshi knows, and the ID Kalshi returns stored on the key: no copying.
import { useEffect, useState } from 'preact/hooks';
import { KALSHI_API_KEYS_PAGES } from '../../core/kalshi';
import { createApiKeyRequest, type LifecycleRequest } from '../../core/api-keys';
import { parseCreateApiKeyAnswer } from '../../core/kalshi-answers';
import { DEFAULT_SCOPES } from '../../core/scopes';
import type { KeyStore } from '../../storage/key-store';
import type { KeyRecord } from '../../storage/types';
import { Messages } from '../common/Field';
import { userMessage } from '../common/messages';
import { ScopesFieldset, subaccountValue } from '../common/ScopesFieldset';
import { useAction } from '../common/use-action';
import { KalshiStep } from './KalshiStep';
import { SignerSelect, signersFor, useSignerPick } from './SignerSelect';
import { useKalshiStep } from './use-kalshi-step';

export interface RegisterKeyProps {
  record: KeyRecord;
  keys: KeyRecord[];
  store: KeyStore;
  fetch?: typeof globalThis.fetch;
}

export function RegisterKey({ record, keys, store, fetch }: RegisterKeyProps) {
  const [scopes, setScopes] = useState<string[]>([...(record.plannedScopes ?? DEFAULT_SCOPES)]);
  const [subaccount, setSubaccount] = useState('');
  const step = useKalshiStep({ store, fetch });
  const bodyCopy = useAction();
  // Another key of the same environment: Kalshi accepts a new key only from one it knows, with
  // the write scope.
  const pick = useSignerPick(signersFor(keys, record.environment, true, record.id));
  const { signer } = pick;

  // A request belongs to one key: another key's page drops a command waiting for its answer.
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
        await store.setKalshiInfo(record.id, { kalshiKeyId: apiKeyId, ...sent, notFound: false });
        return `Registered: “${record.name}” has Kalshi key ID ${apiKeyId}.${warning ? ` Kalshi says: ${warning}` : ''}`;
      },
    });
  };

  return (
    <>
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
        <details>
          <summary>The request it sends</summary>
          <pre tabIndex={0} aria-label="JSON body for creating an API key">
            {request?.body}
          </pre>
          <div class="actions">
            <button type="button" disabled={!request} onClick={() => bodyCopy.copy(request!.body!)}>
              Copy JSON
            </button>
          </div>
          <Messages {...bodyCopy} />
        </details>
      )}
      <SignerSelect id="register-signer" pick={pick} describedBy="register-signer-hint" />
      <p class="hint" id="register-signer-hint">
        {signer ? (
          'Kalshi takes a new key only when a key it already knows signs for it.'
        ) : (
          <>
            No {record.environment} key here is registered with Kalshi, so none can sign this: the
            first key of an account is registered on{' '}
            <a href={KALSHI_API_KEYS_PAGES[record.environment]} target="_blank" rel="noopener">
              Kalshi's API keys page
            </a>{' '}
            (and registering from here also needs an account with API write access).
          </>
        )}
      </p>
      <div class="actions">
        <button
          type="button"
          class="primary"
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
