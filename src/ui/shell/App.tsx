import { useEffect, useRef, useState } from 'preact/hooks';
import type { KeyStore } from '../../storage/key-store';
import type { KeyRecord } from '../../storage/types';
import { focusShownView } from '../common/Field';
import { MintPanel } from '../create/MintPanel';
import { Home } from '../keys/Home';
import { installPageGuard } from './page-guard';
import { Nav } from './Nav';
import {
  DoctorPanel,
  GenerateKey,
  ImportPanel,
  KalshiView,
  KeyOnKalshi,
  KeyPage,
  preloadBotSnippets,
  preloadKeyPage,
  RotationNotice,
  SettingsView,
  SharedOriginNotice,
  SignPanel,
  StorageAlert,
  UpdateBanner,
} from './lazy';
import { navigate, parseRoute, routeHref, storedLeadsToKey, useRoute } from './router';
import { useKeyStore } from './use-key-store';
import { KeptOnFileNotice } from './KeptOnFileNotice';

// The home, the navigation and "Create a key" are in the first load; every other view loads when
// it is opened (lazy.ts).

/** How long the notices and the key's page wait for the first list before they load anyway. */
export const SETTLE_MS = 500;

/**
 * True once the stored keys are first listed, or SETTLE_MS after the first render when IndexedDB is
 * slow or blocked. Until then nothing else loads: every chunk fetched, parsed and run at start-up
 * (the notices, the service worker, a key's page) delays the database's answer and so the list.
 */
function useSettled(loaded: boolean): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (loaded) return setSettled(true);
    const timer = setTimeout(() => setSettled(true), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [loaded]);
  // A key's page shows the moment a key has been made: asked for now, long before that click.
  useEffect(() => {
    if (settled) preloadKeyPage();
  }, [settled]);
  return settled;
}

/**
 * Whether the browser keeps the site's storage for good (undefined until it says). `request()`
 * asks once per page load (navigator.storage.persist()); headless and some browsers answer false,
 * which is only reported.
 */
function usePersistence(): {
  persistent: boolean | undefined;
  request: (again?: boolean) => void;
} {
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
    request: (again = false) => {
      if (!asked.current || again) void show(storage?.persist?.());
      asked.current = true;
    },
  };
}

type AppProps = {
  store: KeyStore;
  fileOrigin?: boolean;
  /** "Keep keys on this computer" was on when the page opened from a file (any local file can set it). */
  keptOnFile?: boolean;
};

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

function KeysApp({ store, fileOrigin = false, keptOnFile = false }: AppProps) {
  const { keys, loaded, mode, patchLocal, selectedId, select } = useKeyStore(store);
  const { route, hash: shownHash } = useRoute();
  const settled = useSettled(loaded);
  // A move within one view component (Keys to Keys, one key's page to another's) mounts nothing.
  // Keyed on the address shown, not on location.hash: that changes before the hashchange that
  // re-renders, and a render in between (keys loaded) would give the old view the focus.
  useEffect(focusShownView, [shownHash]);
  const { persistent, request: requestPersistence } = usePersistence();
  // In the first load: a key file dropped while a view still loads must not open in the tab.
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
  // A key just generated shows at once, marked as saving until it is stored, and until the list
  // read after storing it arrives (or it is gone, if another tab deleted it first).
  const [minted, setMinted] = useState<{ record: KeyRecord; stored: boolean }>();
  const shownMinted = minted && !keys.some((key) => key.id === minted.record.id);
  useEffect(() => {
    if (minted?.stored) setMinted(undefined);
  }, [keys]);
  // What the last action did, shown on the page it led to.
  const [flash, setFlash] = useState<{ id: string; text: string }>();
  // Storing a just-made key failed after its page was shown: back to the form, with the reason.
  const [createError, setCreateError] = useState<string>();

  const openKey = (id: string, text?: string) => {
    setFlash(text ? { id, text } : undefined);
    navigate(routeHref('key', id));
  };
  const onStored = (record: KeyRecord, text?: string) => {
    setCreateError(undefined);
    setMinted((current) => current && { ...current, stored: true });
    select(record.id);
    requestPersistence();
    // Storing can finish after the user has moved on (to sign with another key, say): the key's
    // page then keeps the summary for their return instead of pulling them back to it.
    if (storedLeadsToKey(parseRoute(location.hash), record.id)) openKey(record.id, text);
    else setFlash(text ? { id: record.id, text } : undefined);
  };

  const keyId = route.view === 'key' || route.view === 'sign' ? route.keyId : undefined;
  const keyRecord =
    keys.find((key) => key.id === keyId) ??
    (minted?.record.id === keyId ? minted?.record : undefined);
  // Opening a key's page makes it the key the Sign view starts with (never a retired one).
  useEffect(() => {
    if (route.view === 'key' && keyRecord && !keyRecord.retired && keyRecord.id !== selectedId)
      select(keyRecord.id);
  }, [route.view, keyRecord?.id]);

  let view;
  switch (route.view) {
    case 'home':
      view = (
        <Home keys={keys} loaded={loaded} notice={settled && <RotationNotice keys={keys} />} />
      );
      break;
    case 'new':
      view = (
        <MintPanel
          store={store}
          error={createError}
          onBackupChosen={preloadBotSnippets}
          onMinted={(record, error) => {
            setMinted(record && { record, stored: false });
            setCreateError(error);
            navigate(record ? routeHref('key', record.id) : routeHref('new'));
          }}
          onStored={onStored}
        />
      );
      break;
    case 'import':
      view = (
        <ImportPanel store={store} keys={keys} onStored={onStored} onSelect={openKey}>
          <GenerateKey store={store} keys={keys} onStored={onStored} />
        </ImportPanel>
      );
      break;
    case 'sign':
      // A link to sign with another key starts the form afresh with that key.
      view = <SignPanel key={keyId ?? ''} keys={keys} selectedId={keyId ?? selectedId} />;
      break;
    case 'check':
      view = <DoctorPanel keys={keys} />;
      break;
    case 'kalshi':
      view = <KalshiView store={store} keys={keys} />;
      break;
    case 'settings':
      view = (
        <SettingsView
          store={store}
          mode={mode}
          persistent={persistent}
          onPersist={() => requestPersistence(true)}
          hasKeys={!!keys.length}
          fileOrigin={fileOrigin}
        />
      );
      break;
    case 'key':
      view =
        !loaded && !keyRecord ? null : (
          <KeyPage
            record={keyRecord}
            saving={shownMinted && minted?.record.id === keyId && !minted.stored}
            store={store}
            flash={flash && flash.id === keyId ? flash.text : undefined}
            onDeleted={() => navigate(routeHref('home'))}
            onKalshi={
              keyRecord && (
                <KeyOnKalshi
                  key={keyRecord.id}
                  record={keyRecord}
                  saving={!!shownMinted && minted?.record.id === keyId && !minted.stored}
                  keys={keys}
                  store={store}
                  patchLocal={patchLocal}
                  keyHref={(id) => routeHref('key', id)}
                  onRotated={(id) => openKey(id, 'Rotation done: this key replaces the old one.')}
                />
              )
            }
          />
        );
      break;
    default:
      view = (
        <section aria-labelledby="missing-heading" class="view">
          <h1 id="missing-heading">Nothing here</h1>
          <p class="intro">
            This address names no view of kalshi-keys.{' '}
            <a href={routeHref('home')}>Go to your keys</a>.
          </p>
        </section>
      );
  }

  return (
    <>
      <header>
        <a class="brand" href={routeHref('home')}>
          kalshi-keys
        </a>
        <Nav route={route} />
      </header>
      {/* Notices in one place above every view: they never move what the user is working on. */}
      <div class="notices">
        {/* Build-time checks: each build carries only its own notice (file:// has no host). */}
        {__BUILD_FLAVOR__ === 'hosted' && settled && <SharedOriginNotice address={location} />}
        {/* Any local file can turn the opt-in on: said before a key is stored. */}
        {__BUILD_FLAVOR__ === 'single' && keptOnFile && <KeptOnFileNotice />}
        {settled && <StorageAlert store={store} mode={mode} />}
        {__BUILD_FLAVOR__ === 'hosted' && settled && <UpdateBanner />}
      </div>
      <main>{view}</main>
    </>
  );
}
