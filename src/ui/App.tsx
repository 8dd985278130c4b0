import { useEffect, useRef, useState } from 'preact/hooks';
import type { KeyStore } from '../storage/key-store';
import type { KeyRecord } from '../storage/types';
import { KeyList } from './KeyList';
import { KeyPublicPanel } from './KeyPublicPanel';
import { MintPanel } from './MintPanel';
import { StorageNotice } from './StorageNotice';
import { UpdateBanner } from './UpdateBanner';
import { looksLikePrivateKey } from '../storage/new-record';
import { PRIVATE_KEY_HERE } from './messages';
import { useKeyStore } from './use-key-store';
import { onDemand } from './on-demand';

// What "Generate key" needs is in the first load; the other panels load right after the first
// render (issue 15: the first load is what a first visit downloads before "Generate key" works).
const SignPanel = onDemand(() => import('./SignPanel').then((m) => m.SignPanel));
const ImportPanel = onDemand(() => import('./ImportPanel').then((m) => m.ImportPanel));
const DoctorPanel = onDemand(() => import('./DoctorPanel').then((m) => m.DoctorPanel));
const BotSnippets = onDemand(() => import('./BotSnippets').then((m) => m.BotSnippets));

// Kalshi's list, delete, generate and rotation (issue 13): not needed to mint or sign.
const LifecyclePanel = onDemand(() =>
  import('./lifecycle/LifecyclePanel').then((m) => m.LifecyclePanel),
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
 * Guards the whole page against two slips. Private key text pasted or dropped into any field but
 * the import box would be stored, shown or sent in clear (a path, body, name, ID or relay URL): it
 * is refused there, with the reason on the field. A key file dropped outside the import box would
 * make the browser open it, showing the key in the tab and unloading the page (with memory-only
 * keys, losing them): it goes to the import box instead.
 */
function useDropAndPasteGuard() {
  useEffect(() => {
    const onText = (event: ClipboardEvent | DragEvent) => {
      const field = event.target as HTMLInputElement;
      const data = (event as ClipboardEvent).clipboardData ?? (event as DragEvent).dataTransfer;
      // The import box, and "Kalshi's answer", which imports a generate answer's key at once.
      if (
        field.id === 'import-pem' ||
        field.hasAttribute?.('data-key-answer') ||
        !looksLikePrivateKey(data?.getData('text/plain') ?? '')
      )
        return;
      event.preventDefault();
      if (!field.setCustomValidity) return;
      const clear = () => field.setCustomValidity('');
      field.setCustomValidity(PRIVATE_KEY_HERE);
      field.reportValidity();
      field.addEventListener('input', clear, { once: true });
      field.addEventListener('blur', clear, { once: true });
    };
    const fileDrag = (event: DragEvent) =>
      event.dataTransfer?.types.includes('Files') &&
      (event.target as HTMLInputElement).type !== 'file' &&
      !event.defaultPrevented;
    const onDragOver = (event: DragEvent) => fileDrag(event) && event.preventDefault();
    const onDrop = (event: DragEvent) => {
      if (!fileDrag(event)) return onText(event);
      event.preventDefault();
      const files = event.dataTransfer!.files;
      // The import panel loads just after the first render: a file dropped before it is there
      // waits for it rather than being lost.
      void whenElement<HTMLInputElement>('import-file').then((input) => {
        input.files = files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        document.getElementById('import-pem')?.focus();
      });
    };
    const listeners = { paste: onText, dragover: onDragOver, drop: onDrop } as const;
    for (const [type, listener] of Object.entries(listeners))
      document.addEventListener(type, listener as EventListener);
    return () => {
      for (const [type, listener] of Object.entries(listeners))
        document.removeEventListener(type, listener as EventListener);
    };
  }, []);
}

/** The element with this id, as soon as it is in the document (never settles if it never is). */
function whenElement<T extends HTMLElement>(id: string): Promise<T> {
  return new Promise((resolve) => {
    const found = () => document.getElementById(id) as T | null;
    const now = found();
    if (now) return resolve(now);
    const observer = new MutationObserver(() => {
      const element = found();
      if (!element) return;
      observer.disconnect();
      resolve(element);
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
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
  useDropAndPasteGuard();
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
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [rotate, setRotate] = useState<{ id: string }>();

  const onStored = (record: KeyRecord) => {
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
        <MintPanel store={store} onStored={onStored} />
        <KeyPublicPanel record={selected} keys={keys} store={store} patchLocal={patchLocal} />
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
      </main>
    </>
  );
}
