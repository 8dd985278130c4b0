// "Send through relay": the one place where this page sends anything, and only after the
// user has set a relay of their own and pressed the button. The curl command stays the main
// hand-off: Kalshi refuses calls from web pages (docs/kalshi-api.md section 5).
import { relayUrl } from '../../core/relay';
import type { SignedRequest } from './signed-request';
import { Field } from '../common/Field';
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
      <h2 id="relay-heading">Send through a relay</h2>
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
        <p class="hint">
          {relay.relay.trim() ? (
            <>
              Relay: <code>{relay.relay.trim()}</code> (
              <a href="#/settings">change it in Relay and offline</a>)
            </>
          ) : (
            <>
              No relay set yet: set “Relay URL” in <a href="#/settings">Relay and offline</a>.
            </>
          )}
        </p>
        <div class="actions">
          <button type="submit" aria-busy={relay.outcome.sending} aria-describedby="relay-about">
            Send through relay
          </button>
        </div>
      </form>
      {target ? <p class="hint">Sends to {target}</p> : null}
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
