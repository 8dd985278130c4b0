// @vitest-environment happy-dom
// The whole page over a real (fake-indexeddb) store: what a user sees and what stays stored.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateKeyPair } from '../../src/core';
import { openKalshiDb, type KalshiDb } from '../../src/storage/db';
import { createKeyStore, type KeyStore } from '../../src/storage/key-store';
import { newKeyRecord } from '../../src/storage/new-record';
import { App } from '../../src/ui/shell/App';
import { closeStores, freshStore, rawSnapshot } from './helpers';

const persist = vi.fn(async () => false);
beforeEach(() => {
  persist.mockClear();
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: { persist, persisted: async () => false },
  });
});
afterEach(() => {
  cleanup();
  closeStores();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const storedKeys = () => screen.getByRole('list', { name: 'Stored keys' });
const item = (name: string) =>
  within(storedKeys())
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes(name))!;

async function storeKey(db: KalshiDb, name: string, createdAt: number) {
  const record = { ...(await newKeyRecord(await generateKeyPair(), name)), createdAt };
  await createKeyStore(db, { channelName: `seed-${Math.random()}` }).put(record);
  return record;
}

async function mint(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.clear(screen.getByRole('textbox', { name: 'Key name' }));
  await user.type(screen.getByRole('textbox', { name: 'Key name' }), name);
  await user.click(screen.getByRole('button', { name: 'Generate key' }));
  await screen.findByText(new RegExp(`Generated and stored “${name}”`));
}

describe('the page', () => {
  it('mints a key, lists and selects it, shows its public key, and copies it', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    render(<App store={store} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('kalshi-keys');
    // The public key panel loads just after the first render.
    expect(await screen.findByRole('button', { name: 'Copy public key' })).toBeDisabled();

    await mint(user, 'Trading bot');
    const [record] = await rawSnapshot(db);
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Public key (PEM)' })).toHaveValue(
        record!.publicKeyPem,
      ),
    );
    const li = item('Trading bot');
    expect(li).toHaveAttribute('aria-current', 'true');
    expect(li).toHaveTextContent(record!.fingerprint);
    expect(li).toHaveTextContent('not set');
    expect(within(li).getByRole('button', { name: 'Select “Trading bot”' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    // The request body Kalshi's POST /api_keys takes, ready to copy, with Kalshi's default scopes
    // named (the registration form loads on demand).
    expect(
      JSON.parse((await screen.findByLabelText('JSON body for creating an API key')).textContent!),
    ).toEqual({
      name: 'Trading bot',
      public_key: record!.publicKeyPem,
      scopes: ['read', 'write'],
    });

    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.click(screen.getByRole('button', { name: 'Copy public key' }));
    expect(await screen.findByText('Copied')).toHaveAttribute('role', 'status');
    expect(writeText).toHaveBeenCalledWith(record!.publicKeyPem);
    // The first stored key asks once for persistent storage, and says what the answer means.
    expect(persist).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByText(/may clear these keys under storage pressure/),
    ).toBeInTheDocument();
    await mint(user, 'Second');
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('says so in an alert when the clipboard is refused, and selects the text for a manual copy', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    await storeKey(db, 'Only key', 1);
    render(<App store={store} />);
    await within(storedKeys()).findByText('Only key');
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

  it('saves the Kalshi key ID with the selected key, warns about an odd one, and keeps both across a reload', async () => {
    const user = userEvent.setup();
    const { store, db, name } = freshStore();
    const older = await storeKey(db, 'Older', 1);
    const newer = await storeKey(db, 'Newer', 2);
    const { unmount } = render(<App store={store} />);
    await within(storedKeys()).findByText('Older');

    // The newest key is selected by default; choose the older one.
    await user.click(screen.getByRole('button', { name: 'Select “Older”' }));
    expect(item('Older')).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('textbox', { name: 'Public key (PEM)' })).toHaveValue(
      older.publicKeyPem,
    );

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

    // A reload: a new store over the same database, the page rendered again.
    unmount();
    render(<App store={createKeyStore(openKalshiDb(name), { channelName: `${name}-reload` })} />);
    await waitFor(() => expect(item('Older')).toHaveAttribute('aria-current', 'true'));
    expect(screen.getByRole('textbox', { name: 'Kalshi key ID' })).toHaveValue(
      '2f1c9a8e-5b7d-4c3e-9f2a-1b6d8e4c7a90',
    );
    expect(item('Older')).toHaveTextContent('2f1c9a8e-5b7d-4c3e-9f2a-1b6d8e4c7a90');
  });

  it('renames a key and changes its environment', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    const key = await storeKey(db, 'Old name', 1);
    render(<App store={store} />);
    await within(storedKeys()).findByText('Old name');

    await user.click(screen.getByRole('button', { name: 'Rename “Old name”' }));
    const input = screen.getByRole('textbox', { name: 'New name for “Old name”' });
    await user.clear(input);
    await user.type(input, 'New name{Enter}');
    await within(storedKeys()).findByText('New name');
    // Keyboard users are back on the item's "Rename" button.
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

  it('deletes a key only after a confirmation that names it', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    await storeKey(db, 'Keep me', 1);
    await storeKey(db, 'Doomed', 2);
    render(<App store={store} />);
    await within(storedKeys()).findByText('Doomed');

    await user.click(screen.getByRole('button', { name: 'Delete “Doomed”' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Delete key “Doomed”?');
    expect(dialog).toHaveTextContent(
      /cannot be undone.*Kalshi keeps the public key until you delete it there too/,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await rawSnapshot(db)).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Delete “Doomed”' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete key' }),
    );
    await waitFor(() => expect(within(storedKeys()).getAllByRole('listitem')).toHaveLength(1));
    expect((await rawSnapshot(db)).map((r) => r.name)).toEqual(['Keep me']);
    // The deleted key was selected; the remaining one is now.
    expect(item('Keep me')).toHaveAttribute('aria-current', 'true');
  });

  it('shows a key added in another tab without a reload', async () => {
    const { store, name } = freshStore();
    render(<App store={store} />);
    await screen.findByText(/No keys yet/);
    // The other tab: its own connection to the same database, on the same channel.
    const otherTab = createKeyStore(openKalshiDb(name), { channelName: name });
    await otherTab.put(await newKeyRecord(await generateKeyPair(), 'Minted elsewhere'));
    expect(await within(storedKeys()).findByText('Minted elsewhere')).toBeInTheDocument();
    otherTab.close();
  });

  it('keeps working in memory, and says so, when IndexedDB refuses to store a key', async () => {
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
    expect(item('Private window key')).toBeTruthy();
    expect(await rawSnapshot(db)).toEqual([]);
  });

  it('shows a new public key before it is stored, marked as saving, and takes it away if storing fails', async () => {
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
    render(<App store={slow} />);
    const pem = await screen.findByRole('textbox', { name: 'Public key (PEM)' });
    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    await waitFor(() => expect((pem as HTMLTextAreaElement).value).toContain('BEGIN PUBLIC KEY'));
    // Shown, but not claimed stored: not listed, the panel says saving, no key ID can be set yet.
    expect(
      screen.getByRole('heading', { name: /^Selected key: Kalshi key .* \(saving…\)$/ }),
    ).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Kalshi key ID' })).toBeDisabled();
    expect(within(storedKeys()).queryAllByRole('listitem')).toEqual([]);
    expect(screen.queryByText(/Generated and stored/)).toBeNull();
    finish(false);
    expect(await screen.findByText(/no storage space left/)).toBeVisible();
    await waitFor(() => expect(pem).toHaveValue(''));
    expect(screen.getByRole('heading', { name: 'Selected key' })).toBeVisible();
    expect(await rawSnapshot(db)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    await waitFor(() => expect((pem as HTMLTextAreaElement).value).toContain('BEGIN PUBLIC KEY'));
    const shown = (pem as HTMLTextAreaElement).value;
    finish(true);
    await screen.findByText(/Generated and stored/);
    const [record] = await rawSnapshot(db);
    expect(record!.publicKeyPem).toBe(shown);
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: `Selected key: ${record!.name}` })).toBeVisible(),
    );
    expect(pem).toHaveValue(shown);
    expect(screen.getByRole('textbox', { name: 'Kalshi key ID' })).toBeEnabled();
  });

  it('loads the panels below the key list once the keys are listed, or after half a second when IndexedDB is slow', async () => {
    const { store } = freshStore();
    const slow: KeyStore = { ...store, listInfo: () => new Promise(() => {}) };
    render(<App store={slow} />);
    expect(screen.getByRole('button', { name: 'Generate key' })).toBeEnabled();
    expect(screen.queryByRole('heading', { name: 'Import a private key' })).toBeNull();
    const started = Date.now();
    expect(await screen.findByRole('heading', { name: 'Import a private key' })).toBeVisible();
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    cleanup();

    render(<App store={freshStore().store} />);
    expect(await screen.findByRole('heading', { name: 'Import a private key' })).toBeVisible();
    expect(screen.getByRole('list', { name: 'Stored keys' })).toBeInTheDocument();
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
