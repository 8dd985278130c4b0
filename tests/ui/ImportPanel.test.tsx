// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { cleanup, createEvent, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importPrivateKeyPem } from '../../src/core';
import { newKeyRecord } from '../../src/storage/new-record';
import type { KeyStore } from '../../src/storage/key-store';
import type { KeyRecord } from '../../src/storage/types';
import { ImportPanel } from '../../src/ui/import/ImportPanel';
import { closeStores, freshStore, rawSnapshot } from './helpers';
import { nodeRsaKey } from '../helpers/keys';

afterEach(() => {
  cleanup();
  closeStores();
  vi.restoreAllMocks();
});

/** A key made by node:crypto, as `openssl genrsa -traditional` writes it (PKCS#1). */
function nodeKey(format: 'pkcs1' | 'pkcs8' = 'pkcs1') {
  const key = nodeRsaKey();
  const spki = key.publicKey.export({ type: 'spki', format: 'der' });
  const fingerprint = `SHA256:${createHash('sha256').update(spki).digest('base64').replace(/=+$/, '')}`;
  const privateKey = format === 'pkcs1' ? key.pkcs1Pem : key.pkcs8Pem;
  return { privateKey, publicKey: key.publicPem, fingerprint };
}

function setup(store: KeyStore, keys: KeyRecord[] = []) {
  const stored: KeyRecord[] = [];
  const selected: string[] = [];
  render(
    <ImportPanel
      store={store}
      keys={keys}
      onStored={(r) => stored.push(r)}
      onSelect={(id) => selected.push(id)}
    />,
  );
  return { stored, selected, user: userEvent.setup() };
}

const pemBox = () => screen.getByRole('textbox', { name: 'Private key (PEM)' });

describe('ImportPanel', () => {
  it.each(['pkcs1', 'pkcs8'] as const)(
    'imports a pasted %s key non-extractable, clears the text and names it',
    async (format) => {
      const { store, db } = freshStore();
      const { stored, user } = setup(store);
      const key = nodeKey(format);

      fireEvent.input(pemBox(), { target: { value: key.privateKey } });
      await user.type(
        screen.getByRole('textbox', { name: 'Name for imported key' }),
        'From Kalshi',
      );
      await user.click(screen.getByRole('button', { name: 'Import key' }));

      const status = await screen.findByText(
        `Imported “From Kalshi” (${key.fingerprint}) for demo.`,
      );
      expect(status).toHaveAttribute('role', 'status');
      expect(pemBox()).toHaveValue('');
      expect(stored[0]!.privateKey.extractable).toBe(false);
      expect(stored[0]!.publicKeyPem.trim()).toBe(key.publicKey.trim());
      expect(await rawSnapshot(db)).toEqual([
        expect.objectContaining({ name: 'From Kalshi', fingerprint: key.fingerprint }),
      ]);
    },
  );

  it('asks for the environment and keeps it, with the Kalshi key ID typed', async () => {
    const { store } = freshStore();
    const { stored, user } = setup(store);
    const key = nodeKey('pkcs1');
    fireEvent.input(pemBox(), { target: { value: key.privateKey } });
    const environment = screen.getByRole('combobox', { name: 'Environment' });
    expect(environment).toHaveValue('demo');
    expect(environment).toHaveAccessibleDescription(/demo key does not work on production/);
    await user.selectOptions(environment, 'production');
    await user.type(
      screen.getByRole('textbox', { name: 'Kalshi key ID' }),
      'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
    );
    await user.click(screen.getByRole('button', { name: 'Import key' }));
    await screen.findByText(
      /for production with Kalshi key ID a952bcbe-ec3b-4b5b-b8f9-11dae589608c/,
    );
    expect(stored[0]).toMatchObject({
      environment: 'production',
      kalshiKeyId: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
    });
    expect(screen.getByRole('textbox', { name: 'Kalshi key ID' })).toHaveValue('');
  });

  it('shows the core refusal in an alert and changes nothing stored', async () => {
    const { store, db } = freshStore();
    const existing = await newKeyRecord(
      await importPrivateKeyPem(nodeKey().privateKey),
      'Existing',
    );
    await store.put(existing);
    const before = await rawSnapshot(db);
    const { stored, user } = setup(store, [existing]);
    const wrong = nodeKey().publicKey;

    fireEvent.input(pemBox(), { target: { value: wrong } });
    await user.click(screen.getByRole('button', { name: 'Import key' }));

    const alert = await screen.findByRole('alert');
    const coreMessage = await importPrivateKeyPem(wrong).then(
      () => 'accepted',
      (error: Error) => error.message,
    );
    expect(alert).toHaveTextContent(coreMessage);
    expect(alert).toHaveTextContent(/public key/i);
    // The text stays so the user can see what was refused; nothing was stored.
    expect(pemBox()).toHaveValue(wrong);
    expect(stored).toEqual([]);
    expect(await rawSnapshot(db)).toEqual(before);
  });

  it('refuses a key that is already stored, selects it, and stores no duplicate', async () => {
    const { store, db } = freshStore();
    const key = nodeKey();
    const existing = await newKeyRecord(await importPrivateKeyPem(key.privateKey), 'Already here');
    await store.put(existing);
    const before = await rawSnapshot(db);
    const { stored, selected, user } = setup(store, [existing]);

    fireEvent.input(pemBox(), { target: { value: key.privateKey } });
    await user.click(screen.getByRole('button', { name: 'Import key' }));

    await screen.findByText(/already stored as “Already here”/);
    expect(selected).toEqual([existing.id]);
    expect(stored).toEqual([]);
    expect(pemBox()).toHaveValue('');
    expect(await rawSnapshot(db)).toEqual(before);
  });

  it('reads a key file from the file picker, and names the key after the file', async () => {
    const { store } = freshStore();
    const { stored, user } = setup(store);
    const key = nodeKey();

    await user.upload(
      screen.getByLabelText('Choose a key file…'),
      new File([key.privateKey], 'bot-key.pem'),
    );
    await waitFor(() => expect(pemBox()).toHaveValue(key.privateKey));
    expect(screen.getByRole('textbox', { name: 'Name for imported key' })).toHaveValue('bot-key');
    await user.click(screen.getByRole('button', { name: 'Import key' }));
    await screen.findByText(`Imported “bot-key” (${key.fingerprint}) for demo.`);
    expect(stored).toHaveLength(1);
  });

  it('reads a key file dropped onto the text area', async () => {
    const { store } = freshStore();
    setup(store);
    const key = nodeKey();
    const file = new File([key.privateKey], 'dropped.key');

    // fireEvent.drop of @testing-library/preact does not reach a plain 'drop' listener in happy-dom,
    // so the event is built by createEvent and dispatched as is.
    fireEvent(
      pemBox(),
      createEvent.drop(pemBox(), { dataTransfer: { files: [file], types: ['Files'] } }),
    );
    await waitFor(() => expect(pemBox()).toHaveValue(key.privateKey));
  });

  it('refuses a file far too large to be a key, without reading it into the page', async () => {
    const { store } = freshStore();
    const { user } = setup(store);
    await user.upload(
      screen.getByLabelText('Choose a key file…'),
      new File(['x'.repeat(200 * 1024)], 'movie.pem'),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(/too large to be a key file/);
    expect(pemBox()).toHaveValue('');
  });

  /** A paste event carrying `text`, as the browser fires it before inserting anything. */
  function paste(target: HTMLElement, text: string) {
    const event = createEvent.paste(target);
    Object.defineProperty(event, 'clipboardData', { value: { getData: () => text } });
    fireEvent(target, event);
    return event;
  }

  it('keeps only the key block of a multi-MB paste, and that block imports', async () => {
    const { store } = freshStore();
    const { stored, user } = setup(store);
    const key = nodeKey('pkcs1');
    const noise = 'log line that is not a key\n'.repeat(150_000); // ~4 MB
    const event = paste(pemBox(), `${noise}Key ID: 1234\n${key.privateKey}${noise}`);

    expect(event.defaultPrevented).toBe(true);
    expect(pemBox()).toHaveValue(key.privateKey.trim());
    expect(screen.getByRole('status')).toHaveTextContent('only its key block was kept');
    await user.click(screen.getByRole('button', { name: 'Import key' }));
    await screen.findByText(new RegExp(`Imported .*${key.fingerprint.replace(/[+/]/g, '.')}`));
    expect(stored).toHaveLength(1);
  });

  it('refuses a multi-MB paste with no key block, and leaves the field as it was', async () => {
    const { store, db } = freshStore();
    setup(store);
    const event = paste(pemBox(), 'x'.repeat(4 * 1024 * 1024));
    expect(event.defaultPrevented).toBe(true);
    expect(pemBox()).toHaveValue('');
    expect(screen.getByRole('alert')).toHaveTextContent('holds no complete key block');
    expect(await rawSnapshot(db)).toEqual([]);
  });

  it('lets a normal-sized paste through to the browser untouched', () => {
    const { store } = freshStore();
    setup(store);
    const event = paste(pemBox(), nodeKey('pkcs8').privateKey);
    expect(event.defaultPrevented).toBe(false);
  });
});

describe('ImportPanel with an encrypted key', () => {
  /** A key encrypted by node:crypto (PBES2, AES-256-CBC), and its public half. */
  function encryptedKey(passphrase: string) {
    const { privateKey, publicPem } = nodeRsaKey();
    return {
      pem: privateKey.export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase,
      }) as string,
      publicPem,
    };
  }
  // A password field has no ARIA role in testing-library's reading (Playwright calls it a textbox).
  const passphraseBox = () => screen.queryByLabelText('Passphrase');

  it('asks for the passphrase only for an encrypted key', async () => {
    const { store } = freshStore();
    setup(store);
    fireEvent.input(pemBox(), { target: { value: nodeKey().privateKey } });
    expect(passphraseBox()).toBeNull();
    fireEvent.input(pemBox(), { target: { value: encryptedKey('x').pem } });
    expect(passphraseBox()).toHaveAttribute('type', 'password');
    expect(passphraseBox()).toHaveAccessibleDescription(/encrypted.*not kept/);
  });

  it('a wrong passphrase stores nothing and clears the field; the right one imports non-extractable', async () => {
    const { store, db } = freshStore();
    const existing = await newKeyRecord(
      await importPrivateKeyPem(nodeKey().privateKey),
      'Existing',
    );
    await store.put(existing);
    const before = await rawSnapshot(db);
    const { stored, user } = setup(store, [existing]);
    const key = encryptedKey('Grüße 🔑');

    fireEvent.input(pemBox(), { target: { value: key.pem } });
    await user.type(passphraseBox()!, 'Gruesse');
    await user.click(screen.getByRole('button', { name: 'Import key' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /passphrase does not open this key: nothing was imported/,
    );
    expect(passphraseBox()).toHaveValue('');
    expect(pemBox()).toHaveValue(key.pem);
    expect(stored).toEqual([]);
    expect(await rawSnapshot(db)).toEqual(before);

    await user.type(passphraseBox()!, 'Grüße 🔑');
    await user.click(screen.getByRole('button', { name: 'Import key' }));
    await screen.findByText(/^Imported “Imported key/);
    expect(stored[0]!.privateKey.extractable).toBe(false);
    expect(stored[0]!.publicKeyPem).toBe(key.publicPem);
    expect(pemBox()).toHaveValue('');
    expect(passphraseBox()).toBeNull();
    // Nothing but the key record was stored: no passphrase anywhere.
    expect(JSON.stringify(await rawSnapshot(db))).not.toContain('Grüße');
  });

  it('without a passphrase typed, asks for one', async () => {
    const { store, db } = freshStore();
    const { user } = setup(store);
    fireEvent.input(pemBox(), { target: { value: encryptedKey('x').pem } });
    await user.click(screen.getByRole('button', { name: 'Import key' }));
    // An empty field is tried as an empty passphrase (openssl writes such keys); failing that,
    // the page asks for the passphrase rather than calling it wrong.
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This key is encrypted: enter its passphrase, then import it again.',
    );
    expect(await rawSnapshot(db)).toEqual([]);
  });
});
