// The key store against fake-indexeddb (a real IndexedDB implementation) and Node's own
// BroadcastChannel, which delivers between instances in one process as it does between tabs.
import 'fake-indexeddb/auto';
import { createPublicKey, createHash, verify, constants } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { promisifyRequest, values } from 'idb-keyval';
import { generateKeyPair } from '../../src/core';
import { keyInfo, LIST_STORE, openKalshiDb, type KalshiDb } from '../../src/storage/db';
import { createKeyStore, type KeyStore } from '../../src/storage/key-store';
import { getSetting, setSetting } from '../../src/storage/settings';
import { newKeyRecord } from '../../src/storage/new-record';
import type { KeyInfo, KeyRecord } from '../../src/storage/types';

let counter = 0;
const opened: KeyStore[] = [];
/** A fresh database and channel per test: idb-keyval caches connections, so no sharing. */
function fresh() {
  counter += 1;
  const name = `key-store-test-${counter}-${Math.random()}`;
  return { db: openKalshiDb(name), channelName: name };
}
function storeOver(db: KalshiDb, channelName: string): KeyStore {
  const store = createKeyStore(db, { channelName });
  opened.push(store);
  return store;
}
afterEach(() => {
  opened.splice(0).forEach((store) => store.close());
  vi.restoreAllMocks();
});

async function record(name: string): Promise<KeyRecord> {
  return newKeyRecord(await generateKeyPair(), name);
}

/** The raw entries of the 'keys' object store, read with idb-keyval rather than the key store. */
const rawEntries = (db: KalshiDb) => values<KeyRecord>(db.keys);

/** The raw entries of the list store (records without CryptoKeys), read around the key store. */
const rawList = (db: KalshiDb) =>
  db.keys('readonly', (keys) =>
    promisifyRequest<KeyInfo[]>(keys.transaction.objectStore(LIST_STORE).getAll()),
  );

/** A listener that resolves on the next change it hears. */
function nextChange(store: KeyStore): Promise<string> {
  return new Promise((resolve) => {
    const off = store.subscribe((change) => {
      off();
      resolve(change);
    });
  });
}

describe('createKeyStore over IndexedDB', () => {
  it('stores a key that still signs, stays non-extractable, and matches its public key after a reopen', async () => {
    const { db, channelName } = fresh();
    const stored = await record('Bot key');
    await storeOver(db, channelName).put(stored);

    // A second store over the same database stands for a page reload.
    const [reloaded] = await storeOver(db, channelName).list();
    expect(reloaded!.name).toBe('Bot key');
    expect(reloaded!.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', reloaded!.privateKey)).rejects.toThrow();

    const message = new TextEncoder().encode('1703123456789GET/trade-api/v2/portfolio/balance');
    const signature = await crypto.subtle.sign(
      { name: 'RSA-PSS', saltLength: 32 },
      reloaded!.privateKey,
      message,
    );
    const ok = verify(
      'sha256',
      message,
      { key: reloaded!.publicKeyPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      Buffer.from(signature),
    );
    expect(ok).toBe(true);

    // The fingerprint is SHA-256 over the SPKI DER, computed here by node:crypto.
    const spki = createPublicKey(reloaded!.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(reloaded!.fingerprint).toBe(
      `SHA256:${createHash('sha256').update(spki).digest('base64').replace(/=+$/, '')}`,
    );
    expect(storeOver(db, channelName).mode).toEqual({ kind: 'indexeddb' });
  });

  it('renames, sets the Kalshi key ID and the environment, and removes, one entry per key', async () => {
    const { db, channelName } = fresh();
    const store = storeOver(db, channelName);
    const a = await record('A');
    const b = await record('B');
    await store.put(a);
    await store.put(b);
    expect(await rawEntries(db)).toHaveLength(2);

    await store.rename(a.id, '  Renamed  ');
    await store.setKalshiKeyId(a.id, ' 2f1c9a8e-5b7d-4c3e-9f2a-1b6d8e4c7a90 ');
    await store.setEnvironment(a.id, 'production');
    const changed = (await store.list()).find((key) => key.id === a.id)!;
    expect(changed).toMatchObject({
      name: 'Renamed',
      kalshiKeyId: '2f1c9a8e-5b7d-4c3e-9f2a-1b6d8e4c7a90',
      environment: 'production',
      fingerprint: a.fingerprint,
    });

    await store.remove(a.id);
    expect((await store.list()).map((key) => key.name)).toEqual(['B']);
    expect((await rawEntries(db)).map((key) => key.name)).toEqual(['B']);
  });

  it('refuses to change a key that is gone, and changes nothing else', async () => {
    const { db, channelName } = fresh();
    const store = storeOver(db, channelName);
    const kept = await record('Kept');
    await store.put(kept);
    await expect(store.rename('no-such-id', 'x')).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.setKalshiKeyId('no-such-id', 'x')).rejects.toMatchObject({
      code: 'not-found',
    });
    expect(await rawEntries(db)).toHaveLength(1);
    expect((await store.list())[0]).toMatchObject({ name: 'Kept', kalshiKeyId: '' });
    expect(store.mode.kind).toBe('indexeddb');
  });

  it('tells another tab about a new, renamed and deleted key', async () => {
    const { db, channelName } = fresh();
    const left = storeOver(db, channelName);
    // The other tab has its own connection to the same database.
    const right = storeOver(openKalshiDb(channelName), channelName);
    const key = await record('From the left tab');

    let heard = nextChange(right);
    await left.put(key);
    expect(await heard).toBe('remote');
    expect((await right.list()).map((k) => k.name)).toEqual(['From the left tab']);

    heard = nextChange(right);
    await left.rename(key.id, 'Renamed on the left');
    await heard;
    expect((await right.list()).map((k) => k.name)).toEqual(['Renamed on the left']);

    heard = nextChange(right);
    await left.remove(key.id);
    await heard;
    expect(await right.list()).toEqual([]);
  });

  it('keeps both keys when two tabs mint at the same moment', async () => {
    const { db, channelName } = fresh();
    const left = storeOver(db, channelName);
    const right = storeOver(openKalshiDb(channelName), channelName);
    const [a, b] = await Promise.all([record('Left'), record('Right')]);
    // Each tab read the (empty) list before minting, as two fresh tabs would.
    expect(await left.list()).toEqual([]);
    expect(await right.list()).toEqual([]);
    await Promise.all([left.put(a), right.put(b)]);
    expect((await left.list()).map((k) => k.name).sort()).toEqual(['Left', 'Right']);
    expect((await right.list()).map((k) => k.name).sort()).toEqual(['Left', 'Right']);
  });
});

describe('start-up reads no CryptoKeys', () => {
  it('listInfo() gives every key without its CryptoKeys, and follows every change', async () => {
    const { db, channelName } = fresh();
    const store = storeOver(db, channelName);
    const a = await record('A');
    const b = await record('B');
    await store.put(a);
    await store.put(b);
    expect(await store.listInfo()).toEqual([keyInfo(a), keyInfo(b)]);

    await store.rename(a.id, 'Renamed');
    await store.setKalshiKeyId(a.id, '2f1c9a8e-5b7d-4c3e-9f2a-1b6d8e4c7a90');
    await store.setEnvironment(a.id, 'production');
    await store.remove(b.id);
    const [listed] = await storeOver(db, channelName).listInfo();
    expect(listed).toEqual({
      ...keyInfo(a),
      name: 'Renamed',
      kalshiKeyId: '2f1c9a8e-5b7d-4c3e-9f2a-1b6d8e4c7a90',
      environment: 'production',
    });
    expect(await rawList(db)).toEqual([listed]);
    // The whole record changed in the same transaction, and still signs.
    const [whole] = await store.list();
    expect(whole).toMatchObject(listed!);
    await crypto.subtle.sign(
      { name: 'RSA-PSS', saltLength: 32 },
      whole!.privateKey,
      new Uint8Array([1]),
    );
  });

  it('upgrades a version 1 database (whole records only) without losing or changing a key', async () => {
    const name = `v1-${Math.random()}`;
    const old = await record('Made by version 1');
    // Version 1 as it shipped: 'keys' (whole records, CryptoKeys included) and 'settings'.
    const v1 = indexedDB.open(name, 1);
    v1.onupgradeneeded = () => {
      v1.result.createObjectStore('keys').put(old, old.id);
      v1.result.createObjectStore('settings').put(old.id, 'selectedKeyId');
    };
    (await promisifyRequest(v1)).close();

    const db = openKalshiDb(name);
    const store = storeOver(db, name);
    const info = keyInfo(old);
    // The list store was filled from the whole records during the upgrade.
    expect(await rawList(db)).toEqual([info]);
    expect(await store.listInfo()).toEqual([info]);
    const [whole] = await store.list();
    expect(whole).toMatchObject(info);
    expect(whole!.privateKey.extractable).toBe(false);
    await crypto.subtle.sign(
      { name: 'RSA-PSS', saltLength: 32 },
      whole!.privateKey,
      new Uint8Array([1]),
    );
    expect(await getSetting('selectedKeyId', db)).toBe(old.id);
  });
});

describe('memory fallback', () => {
  /** Wraps a database so that every readwrite transaction fails with a DOMException named `name`. */
  function refusingWrites(db: KalshiDb, name: string): KalshiDb {
    return {
      settings: db.settings,
      keys: (mode, callback) =>
        mode === 'readwrite'
          ? Promise.reject(new DOMException('refused', name))
          : db.keys(mode, callback),
    };
  }

  it('keeps a key in memory when IndexedDB refuses a CryptoKey (DataCloneError), and leaves stored keys alone', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { db, channelName } = fresh();
    const earlier = await record('Stored earlier');
    await storeOver(db, channelName).put(earlier);
    const before = await rawEntries(db);

    const store = storeOver(refusingWrites(db, 'DataCloneError'), channelName);
    expect((await store.list()).map((k) => k.name)).toEqual(['Stored earlier']);
    const modeChange = nextChange(store);
    const minted = await record('Minted in private mode');
    await store.put(minted);
    expect(await modeChange).toBe('mode');
    expect(store.mode).toMatchObject({ kind: 'memory', reason: 'clone-refused' });
    // The session still has both keys, and the memory copy signs.
    const listed = await store.list();
    expect(listed.map((k) => k.name)).toEqual(['Stored earlier', 'Minted in private mode']);
    await crypto.subtle.sign(
      { name: 'RSA-PSS', saltLength: 32 },
      listed[1]!.privateKey,
      new Uint8Array([1]),
    );

    // Renaming and deleting in memory never reach IndexedDB.
    await store.rename(earlier.id, 'Renamed in memory');
    await store.remove(earlier.id);
    expect(await rawEntries(db)).toEqual(before);
    expect((await rawEntries(db)).map((k) => k.name)).toEqual(['Stored earlier']);
    expect(await rawList(db)).toEqual([keyInfo(earlier)]);
  });

  it('a CryptoKey refused by put() itself (as in private windows) leaves no list entry behind', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { db, channelName } = fresh();
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (typeof value === 'object' && value !== null && 'privateKey' in value) {
        throw new DOMException('CryptoKey cannot be cloned', 'DataCloneError');
      }
      return put.call(this, value, key);
    });
    const store = storeOver(db, channelName);
    await store.put(await record('Refused'));
    expect(store.mode).toMatchObject({ kind: 'memory', reason: 'clone-refused' });
    expect((await store.listInfo()).map((k) => k.name)).toEqual(['Refused']);
    expect(await rawList(db)).toEqual([]);
    expect(await rawEntries(db)).toEqual([]);
  });

  it.each([
    ['InvalidStateError', 'blocked'],
    ['SecurityError', 'blocked'],
    ['QuotaExceededError', 'quota'],
  ])('a %s on write switches to memory with reason %s', async (name, reason) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { db, channelName } = fresh();
    const store = storeOver(refusingWrites(db, name), channelName);
    await store.put(await record('k'));
    expect(store.mode).toMatchObject({ kind: 'memory', reason });
    expect(await store.list()).toHaveLength(1);
    expect(await rawEntries(db)).toEqual([]);
  });

  it('works in memory when there is no IndexedDB at all', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('indexedDB', undefined);
    try {
      const store = storeOver(openKalshiDb('no-idb'), 'no-idb');
      expect(await store.list()).toEqual([]);
      expect(store.mode).toMatchObject({ kind: 'memory', reason: 'no-indexeddb' });
      await store.put(await record('Session only'));
      expect((await store.list()).map((k) => k.name)).toEqual(['Session only']);
      // Settings fall back to memory too, silently.
      await setSetting('relayUrl', 'https://relay.example', openKalshiDb('no-idb'));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('settings', () => {
  it('remembers values in the same database, apart from the keys', async () => {
    const { db, channelName } = fresh();
    expect(await getSetting('selectedKeyId', db)).toBeUndefined();
    await setSetting('selectedKeyId', 'abc', db);
    await setSetting('relayUrl', 'http://127.0.0.1:8787', db);
    expect(await getSetting('selectedKeyId', db)).toBe('abc');
    expect(await storeOver(db, channelName).getSetting('relayUrl')).toBe('http://127.0.0.1:8787');
    expect(await rawEntries(db)).toEqual([]);
  });
});

describe('session-only keys (the file:// default) and the opt-in', () => {
  it('keeps keys in memory by default: a reopened store (a reload) finds none', async () => {
    const { db, channelName } = fresh();
    const store = createKeyStore(db, { channelName, sessionOnly: true });
    opened.push(store);
    expect(store.mode.kind).toBe('session');
    await store.put(await record('Session key'));
    expect((await store.list()).map((k) => k.name)).toEqual(['Session key']);
    expect(await rawEntries(db)).toEqual([]);
    expect(await storeOver(db, channelName).list()).toEqual([]);
  });

  it('opting in writes the session keys to IndexedDB, and later keys follow', async () => {
    const { db, channelName } = fresh();
    const store = createKeyStore(db, { channelName, sessionOnly: true });
    opened.push(store);
    await store.put(await record('Before opt-in'));
    await store.setPersistent(true);
    expect(store.mode.kind).toBe('indexeddb');
    await store.put(await record('After opt-in'));
    const reloaded = await storeOver(db, channelName).list();
    expect(reloaded.map((k) => k.name)).toEqual(['Before opt-in', 'After opt-in']);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect((await rawList(db)).sort(byId)).toEqual(reloaded.map(keyInfo).sort(byId));
    await expect(crypto.subtle.exportKey('pkcs8', reloaded[0]!.privateKey)).rejects.toThrow();
  });

  it('opting out keeps the keys in this tab and removes them from IndexedDB', async () => {
    const { db, channelName } = fresh();
    const store = storeOver(db, channelName);
    await store.put(await record('Stored key'));
    await store.setPersistent(false);
    expect(store.mode.kind).toBe('session');
    expect((await store.list()).map((k) => k.name)).toEqual(['Stored key']);
    expect(await rawEntries(db)).toEqual([]);
    expect(await rawList(db)).toEqual([]);
  });
});
