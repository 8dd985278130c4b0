// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MintPanel } from '../../src/ui/create/MintPanel';
import type { KeyStore } from '../../src/storage/key-store';
import type { KeyRecord } from '../../src/storage/types';
import { closeStores, freshStore, rawSnapshot } from './helpers';
import { nodeRsaKey } from '../helpers/keys';

const downloads = vi.hoisted(() => [] as { fileName: string; text: string }[]);
vi.mock('../../src/ui/common/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/ui/common/download')>()),
  downloadText: (fileName: string, text: string) => void downloads.push({ fileName, text }),
}));

beforeEach(() => void downloads.splice(0));
afterEach(() => {
  cleanup();
  closeStores();
  vi.restoreAllMocks();
});

describe('MintPanel', () => {
  it('generates a non-extractable demo key for reading and trading, stores it and reports it, without any backup by default', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    const stored: KeyRecord[] = [];
    render(<MintPanel store={store} onStored={(r) => stored.push(r)} />);

    expect(screen.getByRole('radio', { name: 'No backup' })).toBeChecked();
    expect(screen.getByRole('radio', { name: /^Read and trade/ })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Environment' })).toHaveValue('demo');
    await user.type(screen.getByRole('textbox', { name: 'Key name' }), 'Trading bot');
    await user.click(screen.getByRole('button', { name: 'Generate key' }));

    await screen.findByText(/Generated and stored “Trading bot”/);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.privateKey.extractable).toBe(false);
    expect(stored[0]!.environment).toBe('demo');
    expect(stored[0]!.plannedScopes).toEqual(['read', 'write::trade']);
    expect(createPublicKey(stored[0]!.publicKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect((await rawSnapshot(db)).map((r) => r.name)).toEqual(['Trading bot']);
    expect(downloads).toEqual([]);
    // Ready for the next key.
    expect(screen.getByRole('textbox', { name: 'Key name' })).toHaveValue('');
  });

  it('shows "Generating…", busy and disabled, until the key is stored', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowStore: KeyStore = { ...store, put: async (r) => (await gate, store.put(r)) };
    Object.defineProperty(slowStore, 'mode', { get: () => store.mode });
    render(<MintPanel store={slowStore} onStored={() => {}} />);

    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    const busy = await screen.findByRole('button', { name: 'Generating…' });
    expect(busy).toBeDisabled();
    expect(busy).toHaveAttribute('aria-busy', 'true');
    release();
    const done = await screen.findByRole('button', { name: 'Generate key' });
    expect(done).toBeEnabled();
    expect(done).toHaveAttribute('aria-busy', 'false');
  });

  it('refuses a private key pasted as the key name before minting: no backup, nothing stored', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    render(<MintPanel store={store} onStored={() => {}} />);
    const pem = nodeRsaKey().pkcs1Pem;

    const name = screen.getByRole('textbox', { name: 'Key name' });
    await user.click(name);
    await user.paste(pem);
    await user.click(screen.getByRole('radio', { name: 'Plain-text backup (not recommended)' }));
    await user.click(screen.getByRole('button', { name: 'Generate key' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This is a private key: it was not saved. Paste it only into “Private key (PEM)” in “Import a key”.',
    );
    expect(name).toHaveValue('');
    expect(downloads).toEqual([]);
    expect(await rawSnapshot(db)).toEqual([]);
  });

  it.each([
    ['PKCS#8', /^-----BEGIN PRIVATE KEY-----/, 'pkcs8'],
    ['PKCS#1', /^-----BEGIN RSA PRIVATE KEY-----/, 'pkcs1'],
  ])(
    'with a plain-text %s backup, chosen explicitly: downloads the private key once, and stores only a non-extractable copy',
    async (label, header, format) => {
      const user = userEvent.setup();
      const { store, db } = freshStore();
      const stored: KeyRecord[] = [];
      render(<MintPanel store={store} onStored={(r) => stored.push(r)} />);

      await user.type(screen.getByRole('textbox', { name: 'Key name' }), 'Backed up');
      await user.click(screen.getByRole('radio', { name: 'Plain-text backup (not recommended)' }));
      expect(await screen.findByText(/private key in plain text/)).toBeVisible();
      await user.click(await screen.findByRole('radio', { name: new RegExp(`^${label}`) }));
      await user.click(screen.getByRole('button', { name: 'Generate key' }));
      await screen.findByText(/private key backup was saved/);

      expect(downloads).toHaveLength(1);
      expect(downloads[0]!.fileName).toBe(`backed-up-private-${format}.pem`);
      expect(downloads[0]!.text).toMatch(header);
      // The backup (read by node:crypto) is the private half of the stored public key.
      const backupPublic = createPublicKey(createPrivateKey(downloads[0]!.text)).export({
        type: 'spki',
        format: 'pem',
      });
      expect(backupPublic.toString().trim()).toBe(stored[0]!.publicKeyPem.trim());
      // What is stored can never be exported again.
      const [record] = await store.list();
      expect(record!.privateKey.extractable).toBe(false);
      await expect(crypto.subtle.exportKey('pkcs8', record!.privateKey)).rejects.toThrow();
      expect(await rawSnapshot(db)).toHaveLength(1);
    },
  );

  it('with an encrypted backup: downloads an encrypted PKCS#8 that node:crypto opens, then returns to no backup with empty fields', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    const stored: KeyRecord[] = [];
    render(<MintPanel store={store} onStored={(r) => stored.push(r)} />);

    await user.type(screen.getByRole('textbox', { name: 'Key name' }), 'Bot');
    await user.click(screen.getByRole('radio', { name: 'Encrypted backup' }));
    // A password field has no ARIA role in testing-library's reading (Playwright: textbox).
    const passphrase = await screen.findByLabelText('Backup passphrase');
    expect(passphrase).toHaveAccessibleDescription(/At least 12 characters.*600,000/);
    await user.type(passphrase, 'Grüße 🔑 long enough');
    await user.type(screen.getByLabelText('Repeat backup passphrase'), 'Grüße 🔑 long enough');

    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    await screen.findByText(/backup was saved as bot-private-pkcs8-encrypted\.pem/);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.text).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(() => createPrivateKey(downloads[0]!.text)).toThrow();
    const opened = createPrivateKey({
      key: downloads[0]!.text,
      passphrase: 'Grüße 🔑 long enough',
    });
    expect(createPublicKey(opened).export({ type: 'spki', format: 'pem' })).toBe(
      stored[0]!.publicKeyPem,
    );
    expect(stored[0]!.backupFile).toBe('bot-private-pkcs8-encrypted.pem');
    expect(stored[0]!.privateKey.extractable).toBe(false);
    // The passphrase is not kept, and never stored; the next key starts from "No backup".
    expect(screen.queryByLabelText('Backup passphrase')).toBeNull();
    expect(screen.getByRole('radio', { name: 'No backup' })).toBeChecked();
    expect(JSON.stringify(await rawSnapshot(db))).not.toContain('Grüße');

    // The next key downloads nothing.
    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    await waitFor(() => expect(stored).toHaveLength(2));
    expect(downloads).toHaveLength(1);
  });

  it('suggests a random passphrase of 125 bits, fills both fields and shows it once', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    render(<MintPanel store={store} onStored={() => {}} />);
    await user.click(screen.getByRole('radio', { name: 'Encrypted backup' }));
    await user.click(await screen.findByRole('button', { name: 'Suggest a passphrase' }));
    const shown = screen.getByRole('textbox', { name: /^Suggested passphrase/ });
    expect((shown as HTMLInputElement).value).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){4}$/);
    expect(screen.getByLabelText('Backup passphrase')).toHaveValue(
      (shown as HTMLInputElement).value,
    );
    expect(screen.getByLabelText('Repeat backup passphrase')).toHaveValue(
      (shown as HTMLInputElement).value,
    );
  });

  it('refuses a backup passphrase under 12 characters, with the reason: no key, no download', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    render(<MintPanel store={store} onStored={() => {}} />);
    await user.click(screen.getByRole('radio', { name: 'Encrypted backup' }));
    await user.type(await screen.findByLabelText('Backup passphrase'), 'x');
    await user.type(screen.getByLabelText('Repeat backup passphrase'), 'x');
    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The backup passphrase has 1 character: use at least 12',
    );
    expect(downloads).toEqual([]);
    expect(await rawSnapshot(db)).toEqual([]);
  });

  it('keeps the environment chosen on the form', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    const stored: KeyRecord[] = [];
    render(<MintPanel store={store} onStored={(r) => stored.push(r)} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Environment' }), 'production');
    await user.click(screen.getByRole('radio', { name: /^Full access/ }));
    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    await waitFor(() => expect(stored).toHaveLength(1));
    expect(stored[0]!.environment).toBe('production');
    expect(stored[0]!.plannedScopes).toEqual(['read', 'write']);
  });

  it('refuses backup passphrases that differ: no key, no download', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    render(<MintPanel store={store} onStored={() => {}} />);
    await user.click(screen.getByRole('radio', { name: 'Encrypted backup' }));
    await user.type(await screen.findByLabelText('Backup passphrase'), 'one long phrase');
    await user.type(screen.getByLabelText('Repeat backup passphrase'), 'two long phrase');
    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The backup passphrases differ: type them again.',
    );
    expect(downloads).toEqual([]);
    expect(await rawSnapshot(db)).toEqual([]);
  });

  it('says so in an alert when storing fails, and stores nothing', async () => {
    const user = userEvent.setup();
    const { store, db } = freshStore();
    const failing: KeyStore = {
      ...store,
      put: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')),
    };
    render(<MintPanel store={failing} onStored={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Generate key' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/no storage space left/);
    expect(alert.textContent).not.toMatch(/DOMException|quota$/);
    expect(await rawSnapshot(db)).toEqual([]);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Generate key' })).toBeEnabled());
  });
});
