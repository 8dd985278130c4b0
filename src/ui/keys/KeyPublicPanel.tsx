import { useRef, useState } from 'preact/hooks';
import type { KeyRecord } from '../../storage/types';
import { downloadText, fileSlug } from '../common/download';
import { Field, Messages, Panel } from '../common/Field';
import { NO_KEY_SELECTED } from '../common/messages';
import { useAction } from '../common/use-action';
import { useQrCode } from './use-qr-code';

/**
 * A key's public key: the PEM whole (every 64-character line fits the box), to copy, download or
 * show as a QR code for a phone. This is what Kalshi's "RSA public key" field takes.
 */
export function KeyPublicPanel({ record }: { record: KeyRecord | undefined }) {
  const pemArea = useRef<HTMLTextAreaElement>(null);
  const pemCopy = useAction();
  const [showQr, setShowQr] = useState(false);
  const pem = record?.publicKeyPem ?? '';
  const qr = useQrCode(pem, showQr);

  return (
    <Panel id="public-heading" title="Public key">
      <Field
        as="textarea"
        id="public-pem"
        label="Public key (PEM)"
        class="pem"
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
          aria-describedby={qr.src ? 'qr-caption' : undefined}
          onClick={() => setShowQr(!showQr)}
        >
          Show as QR code
        </button>
      </div>
      {qr.src && (
        <figure class="qr">
          <img src={qr.src} alt="QR code of the public key" />
          <figcaption id="qr-caption" class="hint">
            The public key PEM, for a phone to scan: nothing leaves this computer.
          </figcaption>
        </figure>
      )}
      <Messages {...pemCopy} error={pemCopy.error || qr.error} />
    </Panel>
  );
}
