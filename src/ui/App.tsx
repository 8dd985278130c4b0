import { useState } from 'preact/hooks';
import type { KeyStore } from '../storage/key-store';
import type { EnvironmentId, KeyRecord } from '../storage/types';
import { DoctorPanel } from './DoctorPanel';
import { FileStorageChoice } from './FileStorageChoice';
import { ImportPanel } from './ImportPanel';
import { KeyList } from './KeyList';
import { KeyPublicPanel } from './KeyPublicPanel';
import { userMessage } from './messages';
import { MintPanel } from './MintPanel';
import { OfflineDownload } from './OfflineDownload';
import { SignPanel } from './SignPanel';
import { StorageNotice } from './StorageNotice';
import { UpdateBanner } from './UpdateBanner';
import { useKeyStore } from './use-key-store';
import { usePersistence } from './use-persistence';
import { useSelectedKey } from './use-selected-key';

/** WebCrypto exists only in secure contexts (https:, localhost, file:). */
export function hasWebCrypto(scope: { crypto?: { subtle?: unknown } } = globalThis): boolean {
  return typeof scope.crypto?.subtle === 'object' && scope.crypto.subtle !== null;
}

export function App({ store, fileOrigin = false }: { store: KeyStore; fileOrigin?: boolean }) {
  return hasWebCrypto() ? (
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
  const { keys, loaded, mode, patchLocal } = useKeyStore(store);
  const [selectedId, select] = useSelectedKey(store, keys);
  const { persistent, request: requestPersistence } = usePersistence();
  const [listError, setListError] = useState('');
  const selected = keys.find((key) => key.id === selectedId);

  const onStored = (record: KeyRecord) => {
    select(record.id);
    requestPersistence();
  };
  // Every list action reports through one alert and never leaves a half-applied change on screen.
  const guard = async (action: () => Promise<unknown>) => {
    setListError('');
    try {
      await action();
    } catch (caught) {
      setListError(userMessage(caught));
    }
  };

  return (
    <>
      <header>
        <h1>kalshi-keys</h1>
        <p>
          Make Kalshi API keys and sign requests here. Private keys are non-extractable WebCrypto
          keys: they never leave this browser, and nothing is sent to any server.
        </p>
        <StorageNotice mode={mode} persistent={persistent} hasKeys={keys.length > 0} />
        {fileOrigin ? <FileStorageChoice store={store} mode={mode} /> : null}
        <UpdateBanner />
        <OfflineDownload />
      </header>
      <main class="panels">
        <MintPanel store={store} onStored={onStored} />
        <KeyPublicPanel record={selected} store={store} patchLocal={patchLocal} />
        <KeyList
          keys={keys}
          loaded={loaded}
          selectedId={selectedId}
          error={listError}
          onSelect={select}
          onRename={(id, name) => guard(() => store.rename(id, name))}
          onEnvironment={(id, environment: EnvironmentId) =>
            guard(() => store.setEnvironment(id, environment))
          }
          onDelete={(id) => guard(() => store.remove(id))}
        />
        <ImportPanel store={store} keys={keys} onStored={onStored} onSelect={select} />
        <SignPanel keys={keys} selectedId={selectedId} />
        <DoctorPanel keys={keys} />
      </main>
    </>
  );
}
