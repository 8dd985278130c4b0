// "On Kalshi", on a key's page: its Kalshi key ID, how to register it on Kalshi's own page or from
// here, and, once Kalshi knows it, deleting it there and rotating it.
import { useRef, useState } from 'preact/hooks';
import { KALSHI_API_KEYS_PAGES } from '../../core/kalshi';
import type { KeyStore } from '../../storage/key-store';
import { looksLikePrivateKey } from '../../core/private-key-text';
import type { RotationStore } from '../../storage/rotation-store';
import type { KeyRecord } from '../../storage/types';
import { Field, Panel } from '../common/Field';
import { PRIVATE_KEY_HERE, userMessage } from '../common/messages';
import { DeleteOnKalshi } from './DeleteOnKalshi';
import { RegisterKey } from './RegisterKey';
import { RotateSection } from './RotateSection';
import type { KalshiStepOptions } from './use-kalshi-step';

// Kalshi key IDs are UUIDs. Only a warning: a future format must not lock users out.
const UUID = /^([\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12})?$/i;

export interface KeyOnKalshiProps {
  record: KeyRecord;
  /** Just made and still being stored: nothing can be stored on it yet. */
  saving: boolean;
  keys: KeyRecord[];
  store: KeyStore;
  /** Shows the typed key ID at once; the store write follows. */
  patchLocal: (id: string, patch: Partial<KeyRecord>) => void;
  onRotated: (newKeyId: string) => void;
  keyHref: (id: string) => string;
  fetch?: KalshiStepOptions['fetch'];
  rotations?: RotationStore;
}

export function KeyOnKalshi(props: KeyOnKalshiProps) {
  const { record, saving, store } = props;
  const keyIdInput = useRef<HTMLInputElement>(null);
  const [keyIdError, setKeyIdError] = useState('');
  // While the user types, show exactly what they typed (the stored copy is trimmed and arrives
  // later); otherwise follow the stored value, which another tab may change.
  const [draft, setDraft] = useState<string | null>(null);
  const keyId = draft ?? record.kalshiKeyId;
  const registered = !!record.kalshiKeyId.trim();
  const page = KALSHI_API_KEYS_PAGES[record.environment];

  return (
    <Panel id="on-kalshi-heading" title="On Kalshi">
      {!registered && (
        <ol class="steps">
          <li>
            <a href={page} target="_blank" rel="noopener">
              Open Kalshi's API keys page
            </a>{' '}
            ({record.environment === 'demo' ? 'demo' : 'production'}: Account & security, API Keys).
          </li>
          <li>Press “Create Key”, choose your own key, and paste the public key above.</li>
          <li>Paste the key ID Kalshi shows into “Kalshi key ID” below.</li>
        </ol>
      )}
      <Field
        id="kalshi-key-id"
        label="Kalshi key ID"
        class="mono"
        ref={keyIdInput}
        disabled={saving}
        aria-describedby="kalshi-key-id-warning"
        value={keyId}
        onValue={(value) => {
          // Stored in clear, listed, and sent as KALSHI-ACCESS-KEY in every header and curl command.
          if (looksLikePrivateKey(value)) {
            keyIdInput.current!.value = keyId;
            return setKeyIdError(PRIVATE_KEY_HERE);
          }
          setDraft(value);
          setKeyIdError('');
          props.patchLocal(record.id, { kalshiKeyId: value.trim() });
          store
            .setKalshiKeyId(record.id, value)
            .catch((caught) => setKeyIdError(userMessage(caught)));
        }}
        onBlur={() => setDraft(null)}
      />
      <div class="messages">
        <p id="kalshi-key-id-warning" class="warning">
          {UUID.test(keyId.trim())
            ? ''
            : 'This does not look like a Kalshi key ID (a UUID). Saved anyway: check you copied the whole ID.'}
        </p>
        {keyIdError && <p role="alert">{keyIdError}</p>}
      </div>
      {!registered && !saving && (
        <>
          <h3>Or register it from here</h3>
          <RegisterKey record={record} keys={props.keys} store={store} fetch={props.fetch} />
        </>
      )}
      {registered && (
        <>
          <h3 id="rotate-heading">Rotate key</h3>
          <RotateSection
            record={record}
            keys={props.keys}
            store={store}
            fetch={props.fetch}
            rotations={props.rotations}
            onRotated={props.onRotated}
            keyHref={props.keyHref}
          />
          <h3>Delete on Kalshi</h3>
          <DeleteOnKalshi record={record} keys={props.keys} store={store} fetch={props.fetch} />
        </>
      )}
    </Panel>
  );
}
