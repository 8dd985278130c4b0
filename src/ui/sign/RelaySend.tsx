// "Send through relay" (issue 4): the one place where this page sends anything, and only after the
// user has set a relay of their own and pressed the button. The curl command stays the main
// hand-off: Kalshi refuses calls from web pages (auth.md section 5).
import { relayUrl } from '../../core/relay';
import type { SignedRequest } from './SignPanel';
import { Field } from '../common/Field';
import { RelayHelp } from '../settings/RelayHelp';
import { useRelay, type UseRelayOptions } from './use-relay';

/** Tests inject settings and fetch; the page uses IndexedDB and the browser's fetch. Only the
 * hosted page has this form: the single file cannot connect anywhere (SignPanel says so instead). */
export interface RelaySendProps extends UseRelayOptions {
  /** The request on screen (for the destination preview); sending signs afresh anyway. */
  signed: SignedRequest | null;
}

export function RelaySend({ signed, ...options }: RelaySendProps) {
  const relay = useRelay(options);
  let target = '';
  try {
    // Where the signed request would go; nothing while the relay URL is unusable.
    if (signed && !signed.websocket) target = relayUrl(relay.relay, signed.request.url);
  } catch {
    // The refusal is shown when the user presses send.
  }

  return (
    <div>
      <h3 id="relay-heading">Send through a relay</h3>
      <p class="hint" id="relay-about">
        Optional: sends the request, signed afresh, through your own secret-free relay that adds
        CORS, only when you press the button.
      </p>
      <form
        aria-labelledby="relay-heading"
        onSubmit={(event) => {
          event.preventDefault();
          if (!relay.outcome.sending) void relay.send();
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
            aria-describedby="relay-about"
            onInput={(event) => relay.setRelay(event.currentTarget.value)}
          />
          <button type="submit" aria-busy={relay.outcome.sending} aria-describedby="relay-about">
            Send through relay
          </button>
        </div>
      </form>
      {target ? <p class="hint">Sends to {target}</p> : null}
      <RelayHelp />
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
