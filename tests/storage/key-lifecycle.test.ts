// What the store keeps about a key's life on Kalshi (issue 13): scopes, subaccount, retired; and
// records stored before these fields existed still load.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { values } from 'idb-keyval';
import { generateKeyPair } from '../../src/core';
import { openKalshiDb } from '../../src/storage/db';
import { createKeyStore, type KeyStore } from '../../src/storage/key-store';
import { newKeyRecord } from '../../src/storage/new-record';
import type { KeyRecord } from '../../src/storage/types';

const opened: KeyStore[] = [];
let counter = 0;
function fresh() {
  const name = `key-lifecycle-${++counter}-${Math.random()}`;
  const db = openKalshiDb(name);
  const store = createKeyStore(db, { channelName: name });
  opened.push(store);
  return { db, store, name };
}
afterEach(() => opened.splice(0).forEach((store) => store.close()));

const record = async (name: string) => newKeyRecord(await generateKeyPair(), name);

describe('Kalshi info on stored keys', () => {
  it('records key ID, scopes and subaccount, and keeps them after a reopen (a reload)', async () => {
    const { db, store, name } = fresh();
    const key = await record('Dashboard');
    await store.put(key);
    const changed = await store.setKalshiInfo(key.id, {
      kalshiKeyId: ' k-123 ',
      scopes: ['read'],
      subaccount: 3,
    });
    expect(changed).toMatchObject({
      kalshiKeyId: 'k-123',
      kalshiScopes: ['read'],
      kalshiSubaccount: 3,
    });

    const reopened = createKeyStore(db, { channelName: name });
    opened.push(reopened);
    expect((await reopened.listInfo())[0]).toMatchObject({
      name: 'Dashboard',
      kalshiKeyId: 'k-123',
      kalshiScopes: ['read'],
      kalshiSubaccount: 3,
    });
    // The CryptoKeys are untouched by the patch.
    const [whole] = await reopened.list();
    expect(whole.privateKey.extractable).toBe(false);
    expect(whole.fingerprint).toBe(key.fingerprint);
  });

  it('leaves fields it is not given as they are; null clears the subaccount', async () => {
    const { store } = fresh();
    const key = await record('Bot');
    await store.put(key);
    await store.setKalshiInfo(key.id, {
      kalshiKeyId: 'k-1',
      scopes: ['read', 'write'],
      subaccount: 7,
    });
    expect(await store.setKalshiInfo(key.id, { scopes: ['read'] })).toMatchObject({
      kalshiKeyId: 'k-1',
      kalshiScopes: ['read'],
      kalshiSubaccount: 7,
    });
    expect(await store.setKalshiInfo(key.id, { subaccount: null })).toMatchObject({
      kalshiKeyId: 'k-1',
      kalshiSubaccount: null,
    });
  });

  it('marks a key retired, keeping its Kalshi key ID to show', async () => {
    const { store, db } = fresh();
    const key = await record('Old');
    await store.put({ ...key, kalshiKeyId: 'k-old' });
    await store.put(await record('Other'));
    expect(await store.markRetired(key.id)).toMatchObject({ retired: true, kalshiKeyId: 'k-old' });
    const listed = await store.listInfo();
    expect(listed.map((k) => [k.name, k.retired ?? false])).toEqual([
      ['Old', true],
      ['Other', false],
    ]);
    expect((await values<KeyRecord>(db.keys)).find((k) => k.id === key.id)?.retired).toBe(true);
  });

  it('refuses a key that is gone', async () => {
    const { store } = fresh();
    await expect(store.markRetired('no-such-id')).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.setKalshiInfo('no-such-id', { scopes: ['read'] })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('loads a record stored before these fields existed', async () => {
    const { store } = fresh();
    const key = await record('From 2025');
    await store.put(key);
    const [loaded] = await store.list();
    expect(loaded.retired).toBeUndefined();
    expect(loaded.kalshiScopes).toBeUndefined();
    expect(loaded.kalshiSubaccount).toBeUndefined();
    expect(await store.markRetired(key.id)).toMatchObject({ name: 'From 2025', retired: true });
  });
});
