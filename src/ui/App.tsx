import type { KeyStore } from '../storage/key-store';
import type { KeyRecord } from '../storage/types';
import { DoctorPanel } from './DoctorPanel';
import { ImportPanel } from './ImportPanel';
import { KeyList } from './KeyList';
import { KeyPublicPanel } from './KeyPublicPanel';
import { MintPanel } from './MintPanel';
import { OfflineDownload } from './OfflineDownload';
import { SignPanel } from './SignPanel';
import { StorageNotice } from './StorageNotice';
import { UpdateBanner } from './UpdateBanner';
import { useKeyStore } from './use-key-store';
import { usePersistence } from './use-persistence';

export function App({ store, fileOrigin = false }: { store: KeyStore; fileOrigin?: boolean }) {
  // WebCrypto exists only in secure contexts (https:, localhost, file:).
  return globalThis.crypto?.subtle ? (
    <KeysApp store={store} fileOrigin={fileOrigin} />
  ) : (
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

function KeysApp({ store, fileOrigin }: { store: KeyStore; fileOrigin: boolean }) {
  const { keys, loaded, mode, patchLocal, selectedId, select } = useKeyStore(store);
  const { persistent, request: requestPersistence } = usePersistence();
  const selected = keys.find((key) => key.id === selectedId);

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
          hasKeys={keys.length > 0}
          fileOrigin={fileOrigin}
        />
        <UpdateBanner />
        <OfflineDownload />
      </header>
      <main class="panels">
        <MintPanel store={store} onStored={onStored} />
        <KeyPublicPanel record={selected} store={store} patchLocal={patchLocal} />
        <KeyList
          store={store}
          keys={keys}
          loaded={loaded}
          selectedId={selectedId}
          onSelect={select}
        />
        <ImportPanel store={store} keys={keys} onStored={onStored} onSelect={select} />
        <SignPanel keys={keys} selectedId={selectedId} />
        <DoctorPanel keys={keys} />
      </main>
    </>
  );
}
