// The database changing under an open page: deleted (site data cleared), upgraded by a newer
// version in another tab, or held open by an older version so that opening has to wait. Against
// fake-indexeddb, which delivers versionchange and blocked as browsers do.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { promisifyRequest, values } from 'idb-keyval';
import { generateKeyPair } from '../../src/core';
import { openKalshiDb } from '../../src/storage/db';
import { createKeyStore, type KeyStore } from '../../src/storage/key-store';
import { newKeyRecord } from '../../src/storage/new-record';
import type { KeyRecord } from '../../src/storage/types';

const opened: KeyStore[] = [];
afterEach(() => {
  opened.splice(0).forEach((store) => store.close());
  vi.restoreAllMocks();
});

function fresh() {
  const name = `db-events-${Math.random()}`;
  const db = openKalshiDb(name);
  const store = createKeyStore(db, { channelName: name });
  opened.push(store);
  return { name, db, store };
}

const record = async (name: string) => newKeyRecord(await generateKeyPair(), name);

/** Resolves once the store reports a change of mode. */
const modeChange = (store: KeyStore) =>
  new Promise<void>((resolve) => {
    const off = store.subscribe((change) => change === 'mode' && (off(), resolve()));
  });

const names = async (store: KeyStore) => (await store.list()).map((key) => key.name);

describe('the database deleted under the page (site data cleared)', () => {
  it('keeps the keys this tab showed, says why, and stores them again on request', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { name, db, store } = fresh();
    const a = await record('A');
    await store.put(a);
    await store.put(await record('B'));
    await store.list();

    await promisifyRequest(indexedDB.deleteDatabase(name));
    // The next read reopens, finds the database new and empty, and keeps what the tab had.
    expect(await names(store)).toEqual(['A', 'B']);
    expect(store.mode).toMatchObject({ kind: 'memory', reason: 'cleared' });
    // Still usable: a rename and a sign work in memory.
    await store.rename(a.id, 'A renamed');
    const [kept] = await store.list();
    await crypto.subtle.sign(
      { name: 'RSA-PSS', saltLength: 32 },
      kept!.privateKey,
      new Uint8Array([1]),
    );

    // A tab opened after the clear, on the new empty database, hears about the keys stored again.
    const later = createKeyStore(openKalshiDb(name), { channelName: name });
    opened.push(later);
    expect(await later.list()).toEqual([]);
    const heard = new Promise((resolve) => later.subscribe(resolve));
    await store.setPersistent(true);
    expect(store.mode).toEqual({ kind: 'indexeddb' });
    expect(await heard).toBe('remote');
    expect(await names(later)).toEqual(['A renamed', 'B']);
    const stored = await values<KeyRecord>(db.keys);
    expect(stored.map((key) => key.name).sort()).toEqual(['A renamed', 'B']);
    const again = createKeyStore(openKalshiDb(name), { channelName: `${name}-reload` });
    opened.push(again);
    expect(await names(again)).toEqual(['A renamed', 'B']);
  });

  it('a key written while the database is found deleted is listed with the others', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { name, store } = fresh();
    await store.put(await record('Before'));
    await store.list();
    await promisifyRequest(indexedDB.deleteDatabase(name));
    // The put itself reopens the database: it must not replace the list with its one key.
    await store.put(await record('After'));
    expect(await names(store)).toEqual(['Before', 'After']);
    expect(store.mode).toMatchObject({ kind: 'memory', reason: 'cleared' });
  });

  it('a first visit (no database yet) is not taken for cleared site data', async () => {
    const { store } = fresh();
    await store.put(await record('First'));
    expect(store.mode).toEqual({ kind: 'indexeddb' });
  });
});

describe('a newer version upgrading the database in another tab', () => {
  it('switches to memory with reason "outdated" at once, keeping the listed keys', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { name, store } = fresh();
    await store.put(await record('Kept'));
    await store.list();

    const changed = modeChange(store);
    const newer = indexedDB.open(name, 3);
    (await promisifyRequest(newer)).close();
    await changed;
    expect(store.mode).toMatchObject({ kind: 'memory', reason: 'outdated' });
    expect(await names(store)).toEqual(['Kept']);
  });

  it('a page opened after the upgrade says "outdated" too (VersionError)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const name = `db-events-${Math.random()}`;
    (await promisifyRequest(indexedDB.open(name, 3))).close();
    const store = createKeyStore(openKalshiDb(name), { channelName: name });
    opened.push(store);
    expect(await store.list()).toEqual([]);
    expect(store.mode).toMatchObject({ kind: 'memory', reason: 'outdated' });
  });
});

describe('an older version holding the database open', () => {
  it('says the store is waiting, then opens and lists the keys once that tab lets go', async () => {
    const name = `db-events-${Math.random()}`;
    const v1 = indexedDB.open(name, 1);
    v1.onupgradeneeded = () => v1.result.createObjectStore('keys');
    const old = await promisifyRequest(v1);
    const store = createKeyStore(openKalshiDb(name), { channelName: name });
    opened.push(store);

    const waiting = modeChange(store);
    const listed = store.listInfo();
    await waiting;
    expect(store.mode).toEqual({ kind: 'waiting' });

    const open = modeChange(store);
    old.close();
    await open;
    expect(store.mode).toEqual({ kind: 'indexeddb' });
    expect(await listed).toEqual([]);
  });
});
