import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { KeyRecord } from '../storage/types';
import { downloadText, fileSlug } from './download';
import { text } from './messages';
import { useCopy, type CopyState } from './use-copy';

const said = ({ status, error }: CopyState) => (
  <div class="messages">
    <p role="status">{status}</p>
    {error && <p role="alert">{error}</p>}
  </div>
);

/**
 * The selected key: its public PEM (copy, download), how to register it with Kalshi, and then
 * `children` (the Kalshi key ID field), in the order the user needs them.
 */
export function KeyPublicPanel({
  record,
  children,
}: {
  record: KeyRecord | undefined;
  children?: ComponentChildren;
}) {
  const pemArea = useRef<HTMLTextAreaElement>(null);
  const pemCopy = useCopy();
  const bodyCopy = useCopy();
  const pem = record?.publicKeyPem ?? '';
  // The body of Kalshi's POST /trade-api/v2/api_keys, which registers a public key.
  const body = record && JSON.stringify({ name: record.name, public_key: pem }, null, 2);

  return (
    <section aria-labelledby="public-heading">
      <h2 id="public-heading">Selected key{record ? `: ${record.name}` : ''}</h2>
      <label for="public-pem">Public key (PEM)</label>
      <textarea
        id="public-pem"
        ref={pemArea}
        readOnly
        rows={9}
        spellcheck={false}
        class="mono"
        placeholder={text.noKeySelected}
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
      </div>
      {said(pemCopy)}
      <h3>Register it with Kalshi</h3>
      <p>
        Paste the PEM into the <strong>RSA public key</strong> field of a new API key in Kalshi's
        settings, or send this body as <code>POST /trade-api/v2/api_keys</code>, signed by a key
        already registered:
      </p>
      <pre class="mono code-block" tabIndex={0} aria-label="JSON body for creating an API key">
        <code>{body || text.noKeySelected}</code>
      </pre>
      <div class="actions">
        <button type="button" disabled={!record} onClick={() => bodyCopy.copy(body!)}>
          Copy JSON
        </button>
      </div>
      {said(bodyCopy)}
      <p class="hint">Kalshi answers with the key's ID: paste it here.</p>
      {children}
    </section>
  );
}
