// "Send through relay" (issue 4): the one place where this page sends anything, and only after the
// user has set a relay of their own and pressed the button. The curl command stays the main
// hand-off: Kalshi refuses calls from web pages (auth.md section 5).
import { relayUrl } from '../core/relay';
import type { SignedRequest } from './SignPanel';
import { Field } from './Field';
import { RelayHelp } from './RelayHelp';
import { useRelay, type UseRelayOptions } from './use-relay';

export interface RelaySendProps extends UseRelayOptions {
  /** The request on screen (for the destination preview); sending signs afresh anyway. */
  signed: SignedRequest | null;
  /** Tests inject settings, fetch and flavor; the page uses IndexedDB, the browser's fetch and
   * the build's flavor. */
  flavor?: 'single' | 'hosted';
}

export function RelaySend({ signed, flavor = __BUILD_FLAVOR__, ...options }: RelaySendProps) {
  const relay = useRelay(options);
  const offline = flavor === 'single';
  let target = '';
  try {
    // Where the signed request would go; nothing while the relay URL is unusable.
    if (signed && !signed.websocket) target = relayUrl(relay.relay, signed.request.url);
  } catch {
    // The refusal is shown when the user presses send.
  }
  const describedBy = offline ? 'relay-single-file' : 'relay-about';

  return (
    <div>
      <h3 id="relay-heading">Send through a relay</h3>
      <p class="hint" id="relay-about">
        Optional: sends the request, signed afresh, through your own secret-free relay that adds
        CORS, only when you press the button.
      </p>
      {offline ? (
        <p class="warning" id="relay-single-file">
          Sending needs the hosted page: this file allows no connection (connect-src 'none'). Use
          the curl command.
        </p>
      ) : null}
      <form
        aria-labelledby="relay-heading"
        onSubmit={(event) => {
          event.preventDefault();
          if (!offline && !relay.outcome.sending) void relay.send();
        }}
      >
        <label for="relay-url">Relay URL</label>
        <div class="row">
          <input
            id="relay-url"
            type="url"
            spellcheck={false}
            autocomplete="off"
            placeholder="https://relay.example or http://127.0.0.1:8787"
            value={relay.relay}
            disabled={offline}
            aria-describedby={describedBy}
            onInput={(event) => relay.setRelay(event.currentTarget.value)}
          />
          <button
            type="submit"
            disabled={offline}
            aria-busy={relay.outcome.sending}
            aria-describedby={describedBy}
          >
            Send through relay
          </button>
        </div>
      </form>
      {target ? <p class="hint">Sends to {target}</p> : null}
      {offline ? null : <RelayHelp />}
      <div class="messages">
        <p role="alert">{relay.outcome.error}</p>
        {/* A polite live region rather than role="status": the Sign panel above already has the
            page section's one status region, and tests and assistive tech look that one up. */}
        <p aria-live="polite" id="relay-status">
          {relay.outcome.status}
        </p>
      </div>
      <Field
        as="textarea"
        id="relay-response"
        label="Response"
        readOnly
        rows={10}
        aria-describedby="relay-status"
        value={relay.outcome.response ?? ''}
      />
    </div>
  );
}
