import { useRef, useState } from 'preact/hooks';
import type { KeyStore } from '../../storage/key-store';
import type { KeyRecord } from '../../storage/types';
import { downloadText, fileSlug } from '../common/download';
import { Field, Messages, Panel } from '../common/Field';
import { looksLikePrivateKey } from '../../storage/new-record';
import { NO_KEY_SELECTED, PRIVATE_KEY_HERE, userMessage } from '../common/messages';
import { onDemand } from '../shell/on-demand';
import { useAction } from '../common/use-action';
import { useQrCode } from './use-qr-code';

// Scopes, signing and sending load on demand: a first visit only needs the public key.
const RegisterKey = onDemand(() => import('../kalshi/RegisterKey').then((m) => m.RegisterKey));

// Kalshi key IDs are UUIDs. Only a warning: a future format must not lock users out.
const UUID = /^([\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12})?$/i;

/**
 * The selected key: its public PEM (copy, download), how to register it with Kalshi, and the
 * Kalshi key ID it gets back, in the order the user needs them.
 */
export function KeyPublicPanel({
  record,
  saving = false,
  keys = [],
  store,
  patchLocal,
}: {
  record: KeyRecord | undefined;
  /** The key was just generated and is being stored: shown, but nothing can be stored on it yet. */
  saving?: boolean;
  /** Every stored key: one Kalshi knows signs the registration. */
  keys?: KeyRecord[];
  store: KeyStore;
  /** Shows the typed key ID at once; the store write follows. */
  patchLocal: (id: string, patch: Partial<KeyRecord>) => void;
}) {
  const pemArea = useRef<HTMLTextAreaElement>(null);
  const keyIdInput = useRef<HTMLInputElement>(null);
  const pemCopy = useAction();
  const [keyIdError, setKeyIdError] = useState('');
  const [showQr, setShowQr] = useState(false);
  // While the user types, show exactly what they typed (the stored copy is trimmed and arrives
  // later); otherwise follow the stored value: another key selected, or a change in another tab.
  const [draft, setDraft] = useState<string | null>(null);
  const keyId = draft ?? record?.kalshiKeyId ?? '';
  const pem = record?.publicKeyPem ?? '';
  const qr = useQrCode(pem, showQr);

  return (
    <Panel
      id="public-heading"
      title={`Selected key${record ? `: ${record.name}` : ''}${saving ? ' (saving…)' : ''}`}
    >
      <Field
        as="textarea"
        id="public-pem"
        label="Public key (PEM)"
        ref={pemArea}
        readOnly
        rows={9}
        wrap="off"
        placeholder={NO_KEY_SELECTED}
        value={pem}
      />
      <div class="actions">
        <button type="button" disabled={!record} onClick={() => pemCopy.copy(pem, pemArea.current)}>
          Copy public key
        </button>
        <button
          type="button"
          disabled={!record}
          onClick={() => downloadText(`${fileSlug(record!.name)}-public.pem`, pem)}
        >
          Download public key (.pem)
        </button>
        <button
          type="button"
          disabled={!record}
          aria-pressed={showQr}
          onClick={() => setShowQr(!showQr)}
        >
          Show as QR code
        </button>
      </div>
      {qr.src && <img class="qr" src={qr.src} alt="QR code of the public key" />}
      <Messages {...pemCopy} error={pemCopy.error || qr.error} />
      <h3>Register it with Kalshi</h3>
      <RegisterKey record={record} keys={keys} store={store} />
      <p class="hint">
        Kalshi answers with the key's ID, sent as the KALSHI-ACCESS-KEY header: paste it here.
      </p>
      <Field
        id="kalshi-key-id"
        label="Kalshi key ID"
        class="mono"
        ref={keyIdInput}
        disabled={!record || saving}
        placeholder={record ? '' : NO_KEY_SELECTED}
        aria-describedby="kalshi-key-id-warning"
        value={keyId}
        onValue={(value) => {
          const id = record!.id;
          // Stored in clear, listed, and sent as KALSHI-ACCESS-KEY in every header and curl command.
          if (looksLikePrivateKey(value)) {
            keyIdInput.current!.value = keyId;
            return setKeyIdError(PRIVATE_KEY_HERE);
          }
          setDraft(value);
          setKeyIdError('');
          patchLocal(id, { kalshiKeyId: value.trim() });
          store.setKalshiKeyId(id, value).catch((caught) => setKeyIdError(userMessage(caught)));
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
    </Panel>
  );
}
