// "Send through relay" (issue 4): the one place where this page sends anything, and only after the
// user has set a relay of their own and pressed the button. The curl command stays the main
// hand-off: Kalshi refuses calls from web pages (auth.md section 5).
import { parseRelayBase, relayUrl } from '../core';
import type { SignedRequest } from './use-signature';
import { useRelay, type RelaySettings } from './use-relay';

export interface RelaySendProps {
  /** The request on screen (for the destination preview); sending signs afresh anyway. */
  signed: SignedRequest | null;
  sign: () => Promise<SignedRequest | null>;
  /** Tests inject these; the page uses the IndexedDB settings and the browser's fetch. */
  settings?: RelaySettings;
  fetch?: typeof globalThis.fetch;
  flavor?: 'single' | 'hosted';
}

export const SINGLE_FILE_REASON =
  "Sending needs the hosted page. This single file's Content-Security-Policy allows no network connection at all (connect-src 'none'), so that nothing can leave it: copy the curl command above, or open kalshi-keys from its web address to use a relay.";

/** Where the signed request would go, or '' when there is no valid relay or no signed request yet. */
function destination(relay: string, signed: SignedRequest | null): string {
  if (!signed || signed.websocket) return '';
  try {
    parseRelayBase(relay);
    return relayUrl(relay, signed.request.url);
  } catch {
    return '';
  }
}

export function RelaySend({
  signed,
  sign,
  settings,
  fetch,
  flavor = __BUILD_FLAVOR__,
}: RelaySendProps) {
  const relay = useRelay({ sign, settings, fetch });
  const offline = flavor === 'single';
  const target = destination(relay.relay, signed);

  return (
    <div class="relay-send">
      <h3 id="relay-heading">Send through a relay</h3>
      <p class="hint" id="relay-about">
        Optional. If you run your own relay (a forwarding proxy that keeps no secrets, adds CORS
        headers and drops the browser's Origin header), this page can send the request through it:
        to the relay URL followed by the Kalshi path and query. It is signed afresh at the moment of
        sending. Nothing is sent until you press the button.
      </p>
      {offline ? (
        <p class="warning" id="relay-single-file">
          {SINGLE_FILE_REASON}
        </p>
      ) : null}
      <form
        aria-labelledby="relay-heading"
        onSubmit={(event) => {
          event.preventDefault();
          if (!offline && !relay.sending) void relay.send();
        }}
      >
        <label for="relay-url">Relay URL</label>
        <div class="output-row">
          <input
            id="relay-url"
            type="url"
            inputMode="url"
            spellcheck={false}
            autocomplete="off"
            placeholder="https://relay.example or http://127.0.0.1:8787"
            value={relay.relay}
            disabled={offline}
            aria-describedby={offline ? 'relay-single-file' : 'relay-about'}
            onInput={(event) => relay.setRelay((event.currentTarget as HTMLInputElement).value)}
          />
          <button
            type="submit"
            disabled={offline}
            aria-busy={relay.sending ? true : undefined}
            aria-describedby={offline ? 'relay-single-file' : undefined}
          >
            Send through relay
          </button>
        </div>
      </form>
      {target ? <p class="hint">Sends to {target}</p> : null}
      <div class="messages">
        <p role="alert">{relay.error}</p>
        {/* A polite live region rather than role="status": the Sign panel above already has the
            page section's one status region, and tests and assistive tech look that one up. */}
        <p aria-live="polite" id="relay-status">
          {relay.status}
        </p>
      </div>
      <label for="relay-response">Response</label>
      <textarea
        id="relay-response"
        class="mono"
        readOnly
        rows={10}
        aria-describedby="relay-status"
        spellcheck={false}
        value={relay.response}
      />
    </div>
  );
}
