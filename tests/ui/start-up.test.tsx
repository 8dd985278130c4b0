// @vitest-environment happy-dom
// Start-up: the page is usable before IndexedDB answers, and it marks when it became usable and
// when the stored keys were first listed (User Timing, read by `npm run bench`).
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/core';
import type { KalshiDb } from '../../src/storage/db';
import { createKeyStore } from '../../src/storage/key-store';
import { newKeyRecord } from '../../src/storage/new-record';
import { App, SETTLE_MS } from '../../src/ui/shell/App';
import { KEYS_LISTED_MARK, USABLE_MARK } from '../../src/ui/shell/start-up-marks';
import { closeStores, freshStore } from './helpers';

beforeEach(() => {
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: { persist: async () => false, persisted: async () => false },
  });
});
afterEach(() => {
  cleanup();
  closeStores();
});

const marks = (name: string) => performance.getEntriesByName(name, 'mark');
const storedKeys = () => screen.getByRole('list', { name: 'Stored keys' });

describe('start-up', () => {
  it('offers "Create a key" and "Generate key" while IndexedDB has not answered, and claims no keys too early', () => {
    const { db } = freshStore();
    // A database that never answers: the page must not wait for it to be usable.
    const silent: KalshiDb = {
      keys: () => new Promise(() => {}),
      settings: () => new Promise(() => {}),
    };
    const { store } = freshStore({ ...db, ...silent });
    const home = render(<App store={store} />);
    expect(screen.getByRole('button', { name: 'Create a key' })).toBeEnabled();
    expect(screen.queryByText(/No key yet/)).toBeNull();
    home.unmount();
    location.hash = '#/new';
    render(<App store={store} />);
    expect(screen.getByRole('button', { name: 'Generate key' })).toBeEnabled();
    location.hash = '';
  });

  it('says why keys are not listed when an older tab blocks the database, though the list never comes', async () => {
    const { db } = freshStore();
    const silent: KalshiDb = {
      keys: () => new Promise(() => {}),
      settings: () => new Promise(() => {}),
    };
    const blocked = { ...db, ...silent };
    const { store } = freshStore(blocked);
    render(<App store={store} />);
    // What openKalshiDb reports when another tab holds an older version open.
    act(() => blocked.onchange?.('blocked'));
    expect(screen.queryByText(/holds the key store open/)).toBeNull();
    // The notices wait for the first list, but not for ever.
    expect(
      await screen.findByText(/close or reload that tab/, undefined, { timeout: SETTLE_MS * 4 }),
    ).toBeVisible();
    expect(screen.queryByText(/No key yet/)).toBeNull();
  });

  it('marks when the page became usable and when the stored keys were first listed, once each', async () => {
    performance.clearMarks();
    const { store, db, name } = freshStore();
    const seeding = createKeyStore(db, { channelName: `${name}-seed` });
    await seeding.put(await newKeyRecord(await generateKeyPair(), 'Stored before load'));
    seeding.close();

    render(<App store={store} />);
    expect(marks(USABLE_MARK)).toHaveLength(1);
    await within(storedKeys()).findByText('Stored before load');
    await waitFor(() => expect(marks(KEYS_LISTED_MARK)).toHaveLength(1));
    expect(marks(KEYS_LISTED_MARK)[0]!.startTime).toBeGreaterThanOrEqual(
      marks(USABLE_MARK)[0]!.startTime,
    );

    // Later lists are not start-up.
    await store.put(await newKeyRecord(await generateKeyPair(), 'Added later'));
    await within(storedKeys()).findByText('Added later');
    expect(marks(KEYS_LISTED_MARK)).toHaveLength(1);
    expect(marks(USABLE_MARK)).toHaveLength(1);
  });
});
