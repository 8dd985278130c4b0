// Shared by the UI tests: a fresh database per test (idb-keyval caches connections) and the
// stores to close afterwards.
import { values } from 'idb-keyval';
import { openKalshiDb, type KalshiDb } from '../../src/storage/db';
import { createKeyStore, type KeyStore } from '../../src/storage/key-store';
import type { KeyRecord } from '../../src/storage/types';

const open: KeyStore[] = [];
let counter = 0;

export function freshStore(db?: KalshiDb): { store: KeyStore; db: KalshiDb; name: string } {
  counter += 1;
  const name = `ui-test-${counter}-${Math.random()}`;
  const database = db ?? openKalshiDb(name);
  const store = createKeyStore(database, { channelName: name });
  open.push(store);
  return { store, db: database, name };
}

export function closeStores(): void {
  open.splice(0).forEach((store) => store.close());
}

/** What IndexedDB holds, read around the key store: names, IDs and fingerprints, in order. */
export async function rawSnapshot(db: KalshiDb) {
  const records = await values<KeyRecord>(db.keys);
  return records
    .map(({ id, name, kalshiKeyId, fingerprint, environment, publicKeyPem }) => ({
      id,
      name,
      kalshiKeyId,
      fingerprint,
      environment,
      publicKeyPem,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
