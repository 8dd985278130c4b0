// A rotation in progress survives a reload (issue 13, item 6): it is kept with the settings.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { advanceRotation, startRotation } from '../../src/core';
import { openKalshiDb } from '../../src/storage/db';
import { setSetting } from '../../src/storage/settings';
import { clearRotation, loadRotation, saveRotation } from '../../src/storage/rotation-store';

let counter = 0;
const freshDb = () => openKalshiDb(`rotation-store-${++counter}-${Math.random()}`);

const registered = () =>
  advanceRotation(
    advanceRotation(
      startRotation({
        oldKeyId: 'old',
        oldKalshiKeyId: 'k-old',
        environment: 'demo',
        scopes: ['read'],
      }),
      { type: 'minted', newKeyId: 'new' },
    ),
    { type: 'registered', newKalshiKeyId: 'k-new' },
  );

describe('rotation store', () => {
  it('has nothing before a rotation starts', async () => {
    expect(await loadRotation(freshDb())).toBeUndefined();
  });

  it('resumes the stored step after a reload (the database opened again)', async () => {
    const name = `rotation-store-reload-${Math.random()}`;
    const state = registered();
    await saveRotation(state, openKalshiDb(name));
    const resumed = await loadRotation(openKalshiDb(name));
    expect(resumed).toEqual(state);
    expect(resumed?.step).toBe('prove');
  });

  it('keeps only the latest state, and forgets it when cleared', async () => {
    const db = freshDb();
    const state = registered();
    await saveRotation(state, db);
    const failed = advanceRotation(state, { type: 'failed', message: 'HTTP 401' });
    await saveRotation(failed, db);
    expect(await loadRotation(db)).toEqual(failed);
    await clearRotation(db);
    expect(await loadRotation(db)).toBeUndefined();
  });

  it.each([
    ['a string', 'mint'],
    ['an object without a step', { oldKeyId: 'x', oldKalshiKeyId: 'y', scopes: [] }],
    ['an unknown step', { oldKeyId: 'x', oldKalshiKeyId: 'y', scopes: [], step: 'wait' }],
  ])('ignores a stored value it cannot resume: %s', async (_label, value) => {
    const db = freshDb();
    await setSetting('rotation', value, db);
    expect(await loadRotation(db)).toBeUndefined();
  });

  it('keeps the rotation in memory for the session when IndexedDB is missing', async () => {
    vi.stubGlobal('indexedDB', undefined);
    try {
      const db = openKalshiDb('rotation-no-idb');
      const state = registered();
      await saveRotation(state, db);
      expect(await loadRotation(db)).toEqual(state);
      await clearRotation(db);
      expect(await loadRotation(db)).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
