// "Relay and offline": where requests are sent from (the relay on this computer), the page as one
// file for a machine without network, and where the keys are kept.
import { useEffect, useRef, useState } from 'preact/hooks';
import { remoteRelayHost } from '../../core/relay';
import { idbRelaySettings, type RelaySettings } from '../common/relay-setting';
import { userMessage } from '../common/messages';
import { Panel, View } from '../common/Field';
import { RelayHelp } from './RelayHelp';
import { StorageSettings, type StorageSettingsProps } from './StorageNotice';

export function SettingsView({
  relaySettings,
  ...storage
}: StorageSettingsProps & { relaySettings?: RelaySettings }) {
  return (
    <View
      id="settings-heading"
      title="Relay and offline"
      intro="Send requests through a relay on your own computer, take the page to a computer without network, and choose where keys are kept."
    >
      <Panel id="relay-settings-heading" title="Relay">
        {__BUILD_FLAVOR__ === 'single' ? (
          <p class="hint" id="relay-single-file">
            This offline file makes no connections (connect-src 'none'), so it cannot send through a
            relay: run the curl commands in a terminal, or open the hosted kalshi-keys page.
          </p>
        ) : (
          <RelayForm relaySettings={relaySettings} />
        )}
      </Panel>
      {__BUILD_FLAVOR__ === 'hosted' && __SINGLE_FILE_SHA256__ && (
        <Panel id="offline-heading" title="Offline">
          <p>
            <a href={`./${__SINGLE_FILE_NAME__}`} download={__SINGLE_FILE_NAME__}>
              Download for offline use
            </a>{' '}
            (one HTML file). SHA-256: <code class="hash">{__SINGLE_FILE_SHA256__}</code>
          </p>
          {/* The commands that print it where the copy is opened, often a machine with no network. */}
          <details>
            <summary>Check it on the other computer</summary>
            <ul>
              <li>
                Windows: <code>certutil -hashfile {__SINGLE_FILE_NAME__} SHA256</code>
              </li>
              <li>
                macOS: <code>shasum -a 256 {__SINGLE_FILE_NAME__}</code>
              </li>
              <li>
                Linux: <code>sha256sum {__SINGLE_FILE_NAME__}</code>
              </li>
            </ul>
          </details>
        </Panel>
      )}
      <Panel id="storage-heading" title="Where keys are kept">
        <StorageSettings {...storage} />
      </Panel>
    </View>
  );
}

/** "Relay URL": the hosted page only (the single file makes no connection, so it has none). */
function RelayForm({ relaySettings = idbRelaySettings }: { relaySettings?: RelaySettings }) {
  const [relay, setRelay] = useState('');
  const [confirmed, setConfirmed] = useState<string>();
  const typed = useRef(false);
  useEffect(() => {
    void relaySettings.load().then((saved) => {
      // What the user typed while the setting loaded wins over the remembered value.
      if (!typed.current && typeof saved === 'string') setRelay(saved);
    });
    void relaySettings.confirmed().then(setConfirmed);
  }, [relaySettings]);
  // A relay elsewhere than this computer is used only once its host is confirmed, again for each
  // new host; what is wrong with the address shows as it is typed.
  let remote: string | null = null;
  let problem = '';
  try {
    remote = relay.trim() ? remoteRelayHost(relay) : null;
  } catch (caught) {
    problem = userMessage(caught);
  }

  return (
    <>
      <p class="hint" id="relay-about">
        Kalshi refuses calls from web pages. A relay on your computer forwards them: the page sends
        through it only when you press a send button.
      </p>
      <label for="relay-url">Relay URL</label>
      <input
        id="relay-url"
        type="url"
        spellcheck={false}
        autocomplete="off"
        placeholder="http://127.0.0.1:8787"
        value={relay}
        aria-describedby="relay-about relay-problem"
        aria-invalid={!!problem}
        onInput={(event) => {
          typed.current = true;
          setRelay(event.currentTarget.value);
          void relaySettings.save(event.currentTarget.value);
        }}
      />
      <p class="warning" id="relay-problem">
        {problem}
      </p>
      {remote && (
        <div class="notice warning">
          <label class="check">
            <input
              type="checkbox"
              checked={confirmed === remote}
              aria-describedby="relay-remote-risk"
              onChange={(event) => {
                const host = event.currentTarget.checked ? remote! : '';
                setConfirmed(host);
                void relaySettings.confirm(host);
              }}
            />
            I run this relay myself at {remote}
          </label>
          <p id="relay-remote-risk">
            A relay sees and can change every request it forwards: Kalshi does not sign the body, so
            it could put its own key on your account. Nothing is sent there until you tick this.
            This page may connect only to this computer, so a relay elsewhere also needs the page
            served with a policy that allows it (docs/hosting.md).
          </p>
        </div>
      )}
      <RelayHelp />
    </>
  );
}
