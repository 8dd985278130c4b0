import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { KeyRecord } from '../storage/types';
import { downloadText, fileSlug } from './download';
import { text } from './messages';
import { useCopy } from './use-copy';

/** The body Kalshi's POST /trade-api/v2/api_keys takes to register a public key. */
export function apiKeyRequestBody(record: KeyRecord): string {
  return JSON.stringify({ name: record.name, public_key: record.publicKeyPem }, null, 2);
}

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
  const body = record ? apiKeyRequestBody(record) : '';

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
        value={record?.publicKeyPem ?? ''}
      />
      <div class="actions">
        <button
          type="button"
          disabled={!record}
          onClick={() => record && pemCopy.copy(record.publicKeyPem, pemArea.current)}
        >
          Copy public key
        </button>
        <button
          type="button"
          disabled={!record}
          onClick={() =>
            record && downloadText(`${fileSlug(record.name)}-public.pem`, record.publicKeyPem)
          }
        >
          Download public key (.pem)
        </button>
      </div>
      <div class="messages">
        <p role="status">{pemCopy.status}</p>
        {pemCopy.error && <p role="alert">{pemCopy.error}</p>}
      </div>
      <h3>Register it with Kalshi</h3>
      <p>
        Either paste the PEM into the <strong>RSA public key</strong> field when you create an API
        key in Kalshi's settings, or send it yourself as <code>POST /trade-api/v2/api_keys</code>,
        signed by a key that is already registered, with this JSON body:
      </p>
      <pre class="mono code-block" tabIndex={0} aria-label="JSON body for creating an API key">
        <code>{body || text.noKeySelected}</code>
      </pre>
      <div class="actions">
        <button type="button" disabled={!record} onClick={() => bodyCopy.copy(body)}>
          Copy JSON
        </button>
      </div>
      <div class="messages">
        <p role="status">{bodyCopy.status}</p>
        {bodyCopy.error && <p role="alert">{bodyCopy.error}</p>}
      </div>
      <p class="hint">Kalshi answers with the key's ID: paste it here.</p>
      {children}
    </section>
  );
}
