import { useEffect, useRef, useState } from 'preact/hooks';
import type { KeyStore } from '../../storage/key-store';
import type { KeyRecord } from '../../storage/types';
import { MintPanel } from '../create/MintPanel';
import { useKeyStore } from './use-key-store';
import { onDemand, preload } from './on-demand';
import { installPageGuard } from './page-guard';

// What "Generate key" needs is in the first load; the other panels load right after the first
// render (issue 15: the first load is what a first visit downloads before "Generate key" works).
// The key list and the public key panel are asked for now, while IndexedDB opens, so they are
// there before the stored keys are read and before a new key can be shown.
const loadKeyList = () => import('../keys/KeyList').then((m) => m.KeyList);
const loadKeyPublicPanel = () => import('../keys/KeyPublicPanel').then((m) => m.KeyPublicPanel);
preload(loadKeyList);
preload(loadKeyPublicPanel);
const KeyList = onDemand(loadKeyList);
const KeyPublicPanel = onDemand(loadKeyPublicPanel);
const StorageNotice = onDemand(() =>
  import('../settings/StorageNotice').then((m) => m.StorageNotice),
);
const UpdateBanner = onDemand(() => import('./UpdateBanner').then((m) => m.UpdateBanner));
const SignPanel = onDemand(() => import('../sign/SignPanel').then((m) => m.SignPanel));
const ImportPanel = onDemand(() => import('../import/ImportPanel').then((m) => m.ImportPanel));
const DoctorPanel = onDemand(() => import('../doctor/DoctorPanel').then((m) => m.DoctorPanel));
const BotSnippets = onDemand(() => import('../keys/BotSnippets').then((m) => m.BotSnippets));

// Kalshi's list, delete, generate and rotation (issue 13): not needed to mint or sign.
const LifecyclePanel = onDemand(() =>
  import('../kalshi/LifecyclePanel').then((m) => m.LifecyclePanel),
);

/**
 * Whether the browser keeps the site's storage for good (undefined until it says). `request()`
 * asks once per page load (navigator.storage.persist()); headless and some browsers answer false,
 * which is only reported.
 */
function usePersistence(): { persistent: boolean | undefined; request: () => void } {
  const [persistent, setPersistent] = useState<boolean>();
  const asked = useRef(false);
  const storage = globalThis.navigator?.storage;
  const show = (answer?: Promise<boolean>) =>
    Promise.resolve(answer).then(setPersistent, () => setPersistent(false));

  // The answer only changes a notice, so it never holds the page up.
  useEffect(() => {
    if (storage?.persisted) void show(storage.persisted());
  }, []);

  return {
    persistent,
    request: () => {
      if (!asked.current) void show(storage?.persist?.());
      asked.current = true;
    },
  };
}

/**
 * Whether the panels below the key list may load: once the stored keys are listed (or storage
 * waits on another tab), or after half a second. Loaded together with the list, their chunks and
 * renders held it up by 10-20 ms (issue 15: 100 keys listed within 100 ms of "Generate key").
 */
function useListFirst(listed: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (listed) return setReady(true);
    const timer = setTimeout(() => setReady(true), 500);
    return () => clearTimeout(timer);
  }, [listed]);
  // Once shown, never taken away: the panels keep what the user typed.
  return ready || listed;
}

type AppProps = { store: KeyStore; fileOrigin?: boolean };

export function App(props: AppProps) {
  // WebCrypto exists only in secure contexts (https:, localhost, file:).
  if (!globalThis.crypto?.subtle) {
    return (
      <main>
        <h1>kalshi-keys cannot run on this address</h1>
        <p role="alert">
          Browsers offer WebCrypto only on secure pages, and this is plain http:// to another
          computer. Open it over https://, http://localhost or http://127.0.0.1, or open
          kalshi-keys.html from disk.
        </p>
      </main>
    );
  }
  return <KeysApp {...props} />;
}

function KeysApp({ store, fileOrigin = false }: AppProps) {
  const { keys, loaded, mode, patchLocal, selectedId, select } = useKeyStore(store);
  const { persistent, request: requestPersistence } = usePersistence();
  const listFirst = useListFirst(loaded || mode.kind === 'waiting');
  // In the first load: a key file dropped while the panels still load must not open in the tab.
  useEffect(installPageGuard, []);
  // Keys kept only in memory (private window, site data cleared, file:// by default) go with the
  // tab, and a non-extractable key cannot be saved afterwards: the browser asks before a reload
  // or close throws them away.
  const onlyInMemory = !!keys.length && (mode.kind === 'memory' || mode.kind === 'session');
  useEffect(() => {
    if (!onlyInMemory) return;
    const ask = (event: Event) => event.preventDefault();
    addEventListener('beforeunload', ask);
    return () => removeEventListener('beforeunload', ask);
  }, [onlyInMemory]);
  const selected = keys.find((key) => key.id === selectedId);
  // A key just generated shows at once, marked as saving until it is stored, and until the list
  // read after storing it arrives (then it is the selected key, or gone if another tab deleted it).
  const [minted, setMinted] = useState<{ record: KeyRecord; stored: boolean }>();
  const shownMinted = minted && !keys.some((key) => key.id === minted.record.id);
  useEffect(() => {
    if (minted?.stored) setMinted(undefined);
  }, [keys]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [rotate, setRotate] = useState<{ id: string }>();

  const onStored = (record: KeyRecord) => {
    setMinted((current) => current && { ...current, stored: true });
    select(record.id);
    requestPersistence();
  };

  return (
    <>
      <header>
        <h1>kalshi-keys</h1>
        <p>
          Make Kalshi API keys and sign requests here. Private keys are non-extractable WebCrypto
          keys: they never leave this browser, and nothing is sent to any server.
        </p>
        <StorageNotice
          store={store}
          mode={mode}
          persistent={persistent}
          hasKeys={!!keys.length}
          fileOrigin={fileOrigin}
        />
        <UpdateBanner />
        {/* The single-file build for air-gapped machines, with its SHA-256 so a user can check the
            copy they carry over (the build is reproducible). Not in the single file itself, nor in
            a hosted build made without the single file first. */}
        {__BUILD_FLAVOR__ === 'hosted' && __SINGLE_FILE_SHA256__ && (
          <>
            <p>
              <a href={`./${__SINGLE_FILE_NAME__}`} download={__SINGLE_FILE_NAME__}>
                Download for offline use
              </a>{' '}
              (one HTML file) SHA-256: <code>{__SINGLE_FILE_SHA256__}</code>
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
          </>
        )}
      </header>
      <main class="panels">
        <MintPanel
          store={store}
          onMinted={(record) => setMinted(record && { record, stored: false })}
          onStored={onStored}
        />
        <KeyPublicPanel
          record={shownMinted ? minted.record : selected}
          saving={shownMinted && !minted.stored}
          keys={keys}
          store={store}
          patchLocal={patchLocal}
        />
        {selected?.backupFile && (
          <BotSnippets record={{ ...selected, backupFile: selected.backupFile }} />
        )}
        <KeyList
          store={store}
          keys={keys}
          loaded={loaded}
          selectedId={selectedId}
          onSelect={select}
          notes={notes}
          onRotate={(id) => setRotate({ id })}
        />
        {listFirst && (
          <>
            <ImportPanel store={store} keys={keys} onStored={onStored} onSelect={select} />
            <SignPanel keys={keys} selectedId={selectedId} />
            <DoctorPanel keys={keys} />
            <LifecyclePanel
              store={store}
              keys={keys}
              selectedId={selectedId}
              onStored={onStored}
              onNotes={setNotes}
              rotateRequest={rotate}
            />
          </>
        )}
      </main>
    </>
  );
}
