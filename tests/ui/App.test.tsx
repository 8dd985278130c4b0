// @vitest-environment happy-dom
// The whole page over a real (fake-indexeddb) store, as a user moves through it: the home, the
// views behind the "Main" navigation, a key's page; what they see and what stays stored.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateKeyPair } from '../../src/core';
import { openKalshiDb, type KalshiDb } from '../../src/storage/db';
import { createKeyStore, type KeyStore } from '../../src/storage/key-store';
import { newKeyRecord } from '../../src/storage/new-record';
import type { KeyRecord } from '../../src/storage/types';
import { App } from '../../src/ui/shell/App';
import { closeStores, freshStore, rawSnapshot } from './helpers';

const persist = vi.fn(async () => false);
beforeEach(() => {
  persist.mockClear();
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: { persist, persisted: async () => false },
  });
  location.hash = '';
});
afterEach(() => {
  cleanup();
  closeStores();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const storedKeys = () => screen.getByRole('list', { name: 'Stored keys' });
const nav = () => screen.getByRole('navigation', { name: 'Main' });
const heading = () => screen.getByRole('heading', { level: 1 });

async function storeKey(db: KalshiDb, name: string, createdAt: number, patch = {}) {
  const record: KeyRecord = {
    ...(await newKeyRecord(await generateKeyPair(), name)),
    createdAt,
    ...patch,
  };
  await createKeyStore(db, { channelName: `seed-${Math.random()}` }).put(record);
  return record;
}

async function mint(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(within(nav()).getByRole('link', { name: 'Create a key' }));
  await user.type(await screen.findByRole('textbox', { name: 'Key name' }), name);
  await user.click(screen.getByRole('button', { name: 'Generate key' }));
  await screen.findByText(new RegExp(`Generated and stored “${name}”`));
}

/** Opens a stored key's page from the home, as a user would. */
async function openKey(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(within(nav()).getByRole('link', { name: 'Keys' }));
  await user.click(await within(storedKeys()).findByRole('link', { name }));
  await waitFor(() => expect(heading()).toHaveTextContent(name));
}

describe('the key manager', () => {
  it('greets a first visit with what it is and the two ways to start, and names every view in "Main"', async () => {
    const { store } = freshStore();
    render(<App store={store} />);
    expect(heading()).toHaveTextContent('Your Kalshi API keys');
    expect(screen.getByRole('button', { name: 'Create a key' })).toHaveClass('primary');
    expect(screen.getByRole('button', { name: 'Import a key file' })).toBeEnabled();
    expect(await screen.findByText(/No key yet/)).toBeVisible();
    expect(
      within(nav())
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Keys',
      'Create a key',
      'Import a key',
      'Sign a request',
      'Check a signature',
      'Keys on Kalshi',
      'Relay and offline',
    ]);
    expect(within(nav()).getByRole('link', { name: 'Keys' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('moves between views by link and by back, marking the current one and focusing its heading', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    render(<App store={store} />);
    for (const [link, title] of [
      ['Check a signature', 'Check a signature'],
      ['Relay and offline', 'Relay and offline'],
      ['Import a key', 'Import a key'],
    ]) {
      await user.click(within(nav()).getByRole('link', { name: link }));
      const h1 = await screen.findByRole('heading', { level: 1, name: title });
      await waitFor(() => expect(h1).toHaveFocus());
      expect(within(nav()).getByRole('link', { name: link })).toHaveAttribute(
        'aria-current',
        'page',
      );
    }
    history.back();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Relay and offline' }),
    ).toBeVisible();
  });

  it('creates a key, opens its page with its public key, lists it on the home, and copies the key', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    render(<App store={store} />);
    await user.click(screen.getByRole('button', { name: 'Create a key' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Create a key' })).toBeVisible();
    await user.type(screen.getByRole('textbox', { name: 'Key name' }), 'Trading bot');
    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    await screen.findByText(/Generated and stored “Trading bot”/);
    const [record] = await rawSnapshot(db);
    expect(location.hash).toBe(`#/key/${record!.id}`);
    expect(heading()).toHaveTextContent('Trading bot');
    expect(heading().parentElement!.nextElementSibling).toHaveTextContent(
      /^Demo · Not registered · Made today SHA256:/,
    );
    expect(screen.getByRole('textbox', { name: 'Public key (PEM)' })).toHaveValue(
      record!.publicKeyPem,
    );
    // Registering sends "Read and trade" unless the user chooses otherwise.
    expect(
      JSON.parse((await screen.findByLabelText('JSON body for creating an API key')).textContent!),
    ).toEqual({
      name: 'Trading bot',
      public_key: record!.publicKeyPem,
      scopes: ['read', 'write::trade'],
    });
    // Kalshi's own page, for the environment of the key.
    expect(screen.getByRole('link', { name: "Open Kalshi's API keys page" })).toHaveAttribute(
      'href',
      'https://demo.kalshi.co/account/profile',
    );

    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.click(screen.getByRole('button', { name: 'Copy public key' }));
    expect(await screen.findByText('Copied')).toHaveAttribute('role', 'status');
    expect(writeText).toHaveBeenCalledWith(record!.publicKeyPem);
    // The first stored key asks once for persistent storage.
    expect(persist).toHaveBeenCalledTimes(1);
    await mint(user, 'Second');
    expect(persist).toHaveBeenCalledTimes(1);

    await user.click(within(nav()).getByRole('link', { name: 'Keys' }));
    const items = within(storedKeys()).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('link').textContent)).toEqual([
      'Trading bot',
      'Second',
    ]);
    expect(items[0]).toHaveTextContent(
      /Demo.*Not registered.*Read and trade \(planned\).*Made today/,
    );
  });

  it('says so in an alert when the clipboard is refused, and selects the text for a manual copy', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    await storeKey(db, 'Only key', 1);
    render(<App store={store} />);
    await openKey(user, 'Only key');
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(
      new DOMException('denied', 'NotAllowedError'),
    );
    await user.click(screen.getByRole('button', { name: 'Copy public key' }));
    expect(await screen.findByText(/did not allow copying.*Ctrl\+C/)).toHaveAttribute(
      'role',
      'alert',
    );
    expect(screen.queryByText('Copied')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Public key (PEM)' }));
  });

  it("saves the Kalshi key ID on the key's page, warns about an odd one, and keeps it across a reload and a deep link", async () => {
    const user = userEvent.setup();
    const { store, db, name } = freshStore();
    const older = await storeKey(db, 'Older', 1);
    const newer = await storeKey(db, 'Newer', 2);
    const { unmount } = render(<App store={store} />);
    await openKey(user, 'Older');

    const keyId = screen.getByRole('textbox', { name: 'Kalshi key ID' });
    await user.type(keyId, 'not-a-uuid');
    expect(screen.getByText(/does not look like a Kalshi key ID/)).toBeInTheDocument();
    await user.clear(keyId);
    await user.type(keyId, '2f1c9a8e-5b7d-4c3e-9f2a-1b6d8e4c7a90');
    expect(screen.queryByText(/does not look like a Kalshi key ID/)).toBeNull();
    await waitFor(async () =>
      expect((await rawSnapshot(db)).find((r) => r.id === older.id)!.kalshiKeyId).toBe(
        '2f1c9a8e-5b7d-4c3e-9f2a-1b6d8e4c7a90',
      ),
    );
    expect((await rawSnapshot(db)).find((r) => r.id === newer.id)!.kalshiKeyId).toBe('');

    // A reload on the key's address: a new store over the same database, the page rendered again.
    unmount();
    render(<App store={createKeyStore(openKalshiDb(name), { channelName: `${name}-reload` })} />);
    await waitFor(() => expect(heading()).toHaveTextContent('Older'));
    expect(screen.getByRole('textbox', { name: 'Kalshi key ID' })).toHaveValue(
      '2f1c9a8e-5b7d-4c3e-9f2a-1b6d8e4c7a90',
    );
    await user.click(within(nav()).getByRole('link', { name: 'Keys' }));
    expect(await within(storedKeys()).findByText('Registered · 2f1c9a8e')).toBeVisible();
  });

  it('renames a key and changes its environment from its page', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    const key = await storeKey(db, 'Old name', 1);
    render(<App store={store} />);
    await openKey(user, 'Old name');

    await user.click(screen.getByRole('button', { name: 'Rename “Old name”' }));
    const input = screen.getByRole('textbox', { name: 'New name for “Old name”' });
    await user.clear(input);
    await user.type(input, 'New name{Enter}');
    await waitFor(() => expect(heading()).toHaveTextContent('New name'));
    // Keyboard users are back on "Rename".
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Rename “New name”' })).toHaveFocus(),
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Used on (New name)' }),
      'Production',
    );
    await waitFor(async () =>
      expect(await rawSnapshot(db)).toEqual([
        expect.objectContaining({ id: key.id, name: 'New name', environment: 'production' }),
      ]),
    );
  });

  it('deletes a key from this browser only after a dialog that names it and says whether Kalshi still lists it', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    await storeKey(db, 'Keep me', 1);
    await storeKey(db, 'Doomed', 2, { kalshiKeyId: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c' });
    render(<App store={store} />);
    await openKey(user, 'Doomed');

    await user.click(screen.getByRole('button', { name: 'Delete from this browser' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Delete key “Doomed”?');
    expect(dialog).toHaveTextContent(/cannot be undone.*Kalshi still lists this key/);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await rawSnapshot(db)).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Delete from this browser' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete key' }),
    );
    await waitFor(() => expect(heading()).toHaveTextContent('Your Kalshi API keys'));
    await waitFor(() => expect(within(storedKeys()).getAllByRole('listitem')).toHaveLength(1));
    expect((await rawSnapshot(db)).map((r) => r.name)).toEqual(['Keep me']);
  });

  it('lists retired keys last, dimmed, with the date; their page keeps only the public key and managing', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    const retiredAt = new Date('2026-11-30T12:00:00').getTime();
    await storeKey(db, 'Bootstrap', 1, {
      kalshiKeyId: '4f1e09aa-0000-4000-8000-000000000000',
      retired: true,
      retiredAt,
    });
    await storeKey(db, 'Trading', 2, {
      kalshiKeyId: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
      kalshiScopes: ['read', 'write::trade'],
    });
    render(<App store={store} />);
    await within(storedKeys()).findByText('Bootstrap');
    const items = within(storedKeys()).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('link').textContent)).toEqual([
      'Trading',
      'Bootstrap',
    ]);
    expect(items[0]).toHaveTextContent('Registered · a952bcbe');
    expect(items[0]).toHaveTextContent('Read and trade');
    expect(items[1]).toHaveClass('retired');
    expect(items[1]).toHaveTextContent('Retired: deleted on Kalshi on 2026-11-30');

    await openKey(user, 'Bootstrap');
    expect(screen.getByText(/Retired: deleted on Kalshi on 2026-11-30/)).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Public key (PEM)' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Rename “Bootstrap”' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Delete from this browser' })).toBeVisible();
    for (const name of ['Register with Kalshi', 'Rotate key', 'Delete on Kalshi'])
      expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Sign a request with this key' })).toBeNull();

    // The Sign view starts with a key that can sign, never the retired one.
    await user.click(within(nav()).getByRole('link', { name: 'Sign a request' }));
    const signing = await screen.findByRole('combobox', { name: 'Signing key' });
    expect(within(signing).getByRole('option', { selected: true })).toHaveTextContent('Trading');
    expect(within(signing).queryByRole('option', { name: /Bootstrap/ })).toBeNull();
  });

  it('shows a key added in another tab without a reload', async () => {
    const { store, name } = freshStore();
    render(<App store={store} />);
    await screen.findByText(/No key yet/);
    // The other tab: its own connection to the same database, on the same channel.
    const otherTab = createKeyStore(openKalshiDb(name), { channelName: name });
    await otherTab.put(await newKeyRecord(await generateKeyPair(), 'Minted elsewhere'));
    expect(await within(storedKeys()).findByText('Minted elsewhere')).toBeInTheDocument();
    otherTab.close();
  });

  it('keeps working in memory, and says so above every view, when IndexedDB refuses to store a key', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const user = userEvent.setup();
    const { db } = freshStore();
    const refusing: KalshiDb = {
      settings: db.settings,
      keys: (mode, callback) =>
        mode === 'readwrite'
          ? Promise.reject(new DOMException('x', 'DataCloneError'))
          : db.keys(mode, callback),
    };
    const { store } = freshStore(refusing);
    render(<App store={store} />);
    await mint(user, 'Private window key');
    expect(
      await screen.findByText(/Keys are kept in memory for this session only/),
    ).toHaveAttribute('role', 'alert');
    expect(screen.getByText(/private windows/)).toBeInTheDocument();
    await user.click(within(nav()).getByRole('link', { name: 'Keys' }));
    expect(await within(storedKeys()).findByText('Private window key')).toBeVisible();
    expect(await rawSnapshot(db)).toEqual([]);
  });

  it('shows a new key before it is stored, marked as saving, and goes back to the form with the reason if storing fails', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    let finish!: (stored: boolean) => void;
    const slow: KeyStore = {
      ...store,
      put: (record) =>
        new Promise<boolean>((resolve) => (finish = resolve)).then((stored) =>
          stored ? store.put(record) : Promise.reject(new DOMException('q', 'QuotaExceededError')),
        ),
    };
    location.hash = '#/new';
    render(<App store={slow} />);
    await user.click(await screen.findByRole('button', { name: 'Generate key' }));
    const pem = await screen.findByRole('textbox', { name: 'Public key (PEM)' });
    await waitFor(() => expect((pem as HTMLTextAreaElement).value).toContain('BEGIN PUBLIC KEY'));
    // Shown, but not claimed stored: the heading says saving, no key ID can be set yet.
    expect(heading()).toHaveTextContent(/^Kalshi key .* \(saving…\)$/);
    expect(screen.getByRole('textbox', { name: 'Kalshi key ID' })).toBeDisabled();
    expect(screen.queryByText(/Generated and stored/)).toBeNull();
    finish(false);
    expect(await screen.findByText(/no storage space left/)).toBeVisible();
    expect(heading()).toHaveTextContent('Create a key');
    expect(await rawSnapshot(db)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    await waitFor(() =>
      expect(
        (screen.getByRole('textbox', { name: 'Public key (PEM)' }) as HTMLTextAreaElement).value,
      ).toContain('BEGIN PUBLIC KEY'),
    );
    const shown = (screen.getByRole('textbox', { name: 'Public key (PEM)' }) as HTMLTextAreaElement)
      .value;
    finish(true);
    await screen.findByText(/Generated and stored/);
    const [record] = await rawSnapshot(db);
    expect(record!.publicKeyPem).toBe(shown);
    await waitFor(() => expect(heading()).toHaveTextContent(new RegExp(`^${record!.name}$`)));
    expect(screen.getByRole('textbox', { name: 'Kalshi key ID' })).toBeEnabled();
  });

  it('a key stored after the user moved on to sign with another key leaves them there, with their choice', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    const bootstrap = await storeKey(db, 'Bootstrap', 1, { kalshiKeyId: 'bootstrap-id' });
    let finish!: () => void;
    const slow: KeyStore = {
      ...store,
      put: (record) =>
        new Promise<void>((resolve) => (finish = resolve)).then(() => store.put(record)),
    };
    location.hash = '#/new';
    render(<App store={slow} />);
    await user.type(await screen.findByRole('textbox', { name: 'Key name' }), 'Slow to store');
    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    await waitFor(() => expect(heading()).toHaveTextContent(/Slow to store \(saving…\)/));

    await user.click(within(nav()).getByRole('link', { name: 'Sign a request' }));
    const signWith = await screen.findByRole('combobox', { name: 'Signing key' });
    await user.selectOptions(signWith, 'Bootstrap');
    finish();
    await waitFor(async () => expect(await rawSnapshot(db)).toHaveLength(2));
    // Let the list read after storing arrive, and anything it sets off run.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heading()).toHaveTextContent('Sign a request');
    expect((signWith as HTMLSelectElement).value).toBe(bootstrap.id);
    await user.click(screen.getByRole('button', { name: 'Sign request' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'KALSHI-ACCESS-KEY' })).toHaveValue(
        'bootstrap-id',
      ),
    );

    // The summary waits on the new key's page.
    await openKey(user, 'Slow to store');
    expect(screen.getByText(/Generated and stored “Slow to store”/)).toBeVisible();
  });

  it('says a key is not stored here when its address names no stored key', async () => {
    const { store } = freshStore();
    location.hash = '#/key/nothing-here';
    render(<App store={store} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Key not found' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Back to your keys' })).toHaveAttribute('href', '#/');
  });

  it('explains what to do instead of failing where WebCrypto is missing (plain http://)', () => {
    const { store } = freshStore();
    vi.stubGlobal('crypto', {});
    render(<App store={store} />);
    expect(screen.getByRole('alert')).toHaveTextContent(/WebCrypto/);
    expect(screen.getByText(/https:\/\/.*localhost.*127\.0\.0\.1/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Generate key' })).toBeNull();
  });
});
